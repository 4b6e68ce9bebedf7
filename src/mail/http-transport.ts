import type { MailTransport } from './mailer.ts';

/**
 * Sends through an HTTP mail API (the Workers path, where there are no sockets for SMTP).
 * The request is Resend-compatible — `POST {from, to: [..], subject, text}` with a bearer key —
 * which several providers accept; point MAIL_API_URL at e.g. https://api.resend.com/emails.
 */
export function createHttpMailTransport(options: { url: string; apiKey: string; fetch?: typeof fetch }): MailTransport {
  const doFetch = options.fetch ?? fetch;
  return {
    name: 'http',
    async send(mail) {
      const response = await doFetch(options.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ from: mail.from, to: [mail.to], subject: mail.subject, text: mail.text }),
      });
      if (!response.ok) {
        const detail = (await response.text()).slice(0, 200);
        throw new Error(`mail API answered ${response.status}: ${detail}`);
      }
    },
  };
}
