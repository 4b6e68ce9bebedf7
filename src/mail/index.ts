import { retryOutbox } from './jobs.ts';
import { mailEn, mailSv } from './messages.ts';
import { registerDevMailRoutes } from './routes.ts';

/** Mail for other features: queued in the outbox and sent (or shown in development), in both languages. */
export {
  composeMail,
  ENGLISH_SEPARATOR,
  MAIL_KINDS,
  type MailContent,
  type MailKind,
  type MailLanguage,
} from './compose.ts';
export { type MailRequest, sendMail } from './mailer.ts';
/** Mail's part of erasing a person, and the retention policy's deletion of old mail. */
export { deleteMailBefore, eraseMailTo } from './privacy.ts';

/** The development outbox (mail shown instead of sent outside production). */
export const feature = {
  name: 'mail',
  messages: { sv: mailSv, en: mailEn },
  routes: [registerDevMailRoutes],
  jobs: [retryOutbox],
};
