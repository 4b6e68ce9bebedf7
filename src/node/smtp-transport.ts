import nodemailer from 'nodemailer';
import type { MailTransport } from '../mail/mailer.ts';

/** Sends over SMTP with nodemailer (Node only): `SMTP_URL=smtp://user:pass@host:587` or `smtps://…`. */
export function createSmtpTransport(url: string): MailTransport & { close(): void } {
  const transporter = nodemailer.createTransport(url);
  return {
    name: 'smtp',
    async send(mail) {
      await transporter.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close() {
      transporter.close();
    },
  };
}
