import type { MailTransport } from './mailer.ts';

/**
 * Sends through an HTTP mail API (the Workers path, where there are no sockets for SMTP).
 * The request is Resend-compatible — `POST {from, to: [..], subject, text}` with a bearer key —
 * which several providers accept; point MAIL_API_URL at e.g. https://api.resend.com/emails.
 * The request that sends a message waits for it, so a provider that does not answer is given
 * up on after `timeoutMs` (recorded on the outbox row like any other failure).
 */
export function createHttpMailTransport(options: {
  url: string;
  apiKey: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}): MailTransport {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    name: 'http',
    async send(mail) {
      const response = await doFetch(options.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ from: mail.from, to: [mail.to], subject: mail.subject, text: mail.text }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Read in both cases: an unread body holds the connection on Node and draws a warning on Workers.
      const answer = await response.text();
      if (!response.ok) throw new Error(`mail API answered ${response.status}: ${answer.slice(0, 200)}`);
    },
  };
}
