import { z } from 'zod';
import type { Language, Translate } from '../i18n/i18n.ts';
import { isMessageKey } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages/sv.ts';
import { AppError, type FieldError } from './errors.ts';

const locales = { sv: z.locales.sv(), en: z.locales.en() };

type Issue = z.core.$ZodIssue;

/**
 * A zod `error` option for a field a request must carry: `key` (a catalogue message) when the field
 * is absent, zod's own message for any other problem. A PUT replaces what it carries, so a missing
 * field is named instead of being read as empty (issue 15; shared/API.md, conventions).
 */
export const requiredField =
  (key: MessageKey = 'validation.field.missing') =>
  (issue: { input?: unknown }): string | undefined =>
    issue.input === undefined ? key : undefined;

/** The params flag of a custom issue whose message is already in the reader's language. */
const IN_READER_LANGUAGE = 'inReaderLanguage';

/**
 * A custom issue whose message is already in the reader's language, for a schema built per request
 * that composes its messages from data (the taxonomy picker's "no such skill; did you mean …"),
 * which neither a catalogue key nor zod's locales can say.
 */
export function fieldIssue(error: FieldError) {
  return {
    code: 'custom' as const,
    path: error.path.split('.'),
    message: error.message,
    params: { [IN_READER_LANGUAGE]: true },
  };
}

const inReaderLanguage = (issue: Issue) => issue.code === 'custom' && issue.params?.[IN_READER_LANGUAGE] === true;

/**
 * Turns zod issues into `{ path, message }` in the reader's language. A schema may give a
 * message-catalogue key as its custom message (`{ error: 'validation.orgNumber.checkDigit' }`);
 * other messages come from zod's own Swedish and English locales, except a `fieldIssue`'s own.
 */
export function describeIssues(issues: readonly Issue[], lang: Language, t: Translate): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: messageOf(issue, lang, t),
  }));
}

function messageOf(issue: Issue, lang: Language, t: Translate): string {
  if (inReaderLanguage(issue)) return issue.message;
  if (isMessageKey(issue.message)) return t(issue.message);
  return localeMessage(issue, lang) ?? issue.message;
}

function localeMessage(issue: Issue, lang: Language): string | undefined {
  // The locale functions take the raw issue; the finished one carries the same code and params.
  const out = locales[lang].localeError(issue as Parameters<(typeof locales)['sv']['localeError']>[0]);
  return typeof out === 'string' ? out : out?.message;
}

export function validationError(issues: readonly Issue[], lang: Language, t: Translate): AppError {
  const errors = describeIssues(issues, lang, t);
  return new AppError(422, 'error.validation.title', {
    detail: errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; '),
    errors,
  });
}
