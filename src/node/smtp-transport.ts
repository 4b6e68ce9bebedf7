import nodemailer from 'nodemailer';
import type { MailTransport } from '../mail/mailer.ts';

export interface SmtpTimeouts {
  connectionTimeout: number;
  greetingTimeout: number;
  socketTimeout: number;
}

/**
 * The request that sends a message (a sign-in link) waits for its delivery, and nodemailer's own
 * defaults would let a silent server hold it for two minutes (connect) or ten (socket). Settings
 * in the URL's query (`?socketTimeout=…`) still win over these.
 */
const DEFAULT_TIMEOUTS: SmtpTimeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** Sends over SMTP with nodemailer (Node only): `SMTP_URL=smtp://user:pass@host:587` or `smtps://…`. */
export function createSmtpTransport(
  url: string,
  timeouts: Partial<SmtpTimeouts> = {},
): MailTransport & { close(): void } {
  const transporter = nodemailer.createTransport({ ...DEFAULT_TIMEOUTS, ...timeouts, url });
  return {
    name: 'smtp',
    async send(mail) {
      await transporter.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    /** Ends pooled connections (`?pool=true` in the URL); without a pool there is nothing open. */
    close() {
      transporter.close();
    },
  };
}
