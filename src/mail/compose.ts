import { LANGUAGES, type Language, type Translate, translator } from '../i18n/i18n.ts';

/** The line between the Swedish and the English text of a two-language message. */
export const ENGLISH_SEPARATOR = '— In English —';

/** Every kind of mail the service sends (the outbox's `kind`); the mail test sends each one. */
export const MAIL_KINDS = [
  'sign-in',
  'no-account',
  'invitation',
  'round-invitation',
  'round-reminder',
  'application',
  'follow-up',
  'plan-review',
  'move-case',
  'move-case-queued',
  'move-case-escalation',
  'move-case-guide',
  'move-follow-up',
  'partner-consent-renewal',
  'partner-notice',
  'partner-openings',
  'campaign-application',
  'campaign-routed',
  'returner',
  'returner-renewal',
  'returner-digest',
  'shared-post-proposal',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * What a feature words: the subject and the message in between, without greeting or signature.
 * Called once per language the mail is written in.
 */
export type MailContent = (t: Translate, lang: Language) => { subject: string; body: string };

/**
 * A mail's language: the reader's, when a request tells it (a sign-in link asked for in English),
 * or `both` — Swedish first, English second — for mail to a person whose language we do not know
 * (the reader's language is a request's, and a mail is read later, often by someone else).
 */
export type MailLanguage = Language | 'both';

export interface MailWording {
  subject: string;
  text: string;
}

/**
 * The one place a mail's text is put together: greeting, the feature's body, and the shared
 * signature with a way to reach a person (the CONTACT_EMAIL setting), in each language the mail is
 * written in. sendMail calls it, so no mail can leave without them (issue 18; klarspråk: an
 * authority's mail says who sends it and how to reach a person).
 */
export function composeMail(content: MailContent, language: MailLanguage, contact: string): MailWording {
  const parts = (language === 'both' ? LANGUAGES : [language]).map((lang) => {
    const t = translator(lang);
    const { subject, body } = content(t, lang);
    const signature = t('mail.signature', { region: t('app.region'), app: t('app.name'), contact });
    return { subject, text: `${t('mail.greeting')}\n\n${body.trim()}\n\n${signature}` };
  });
  return {
    subject: parts.map((p) => p.subject).join(' / '),
    text: parts.map((p) => p.text).join(`\n\n${ENGLISH_SEPARATOR}\n\n`),
  };
}
