import { type Language, type Translate, translator } from '../i18n/i18n.ts';

/** The line between the Swedish and the English text of a two-language message. */
export const ENGLISH_SEPARATOR = '— In English —';

export interface MailWording {
  subject: string;
  text: string;
}

/**
 * A message in Swedish first and English second, for mail to a person whose language we do not
 * know (the reader's language is a request's, and a mail is read later, often by someone else):
 * subject "svensk ämnesrad / English subject"; body the Swedish text, a separator line, the English
 * text. `make` words the message once per language.
 */
export function bilingual(make: (t: Translate, lang: Language) => MailWording): MailWording {
  const sv = make(translator('sv'), 'sv');
  const en = make(translator('en'), 'en');
  return { subject: `${sv.subject} / ${en.subject}`, text: `${sv.text}\n\n${ENGLISH_SEPARATOR}\n\n${en.text}` };
}
