import type { Language } from './i18n.ts';

/**
 * Times as people in the region read them: Swedish time, whatever the server's zone. Formatters
 * are costly to build, so one per language and style, made once.
 */
const TIME_ZONE = 'Europe/Stockholm';
const dateTime = {
  sv: new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE }),
};
const date = {
  sv: new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: TIME_ZONE }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: TIME_ZONE }),
};
const clock = {
  sv: new Intl.DateTimeFormat('sv-SE', { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }),
  en: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }),
};

export function formatDateTime(iso: string | null | undefined, lang: Language): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime[lang].format(date);
}

/** A day as running text writes it: "4 februari 2027", "4 February 2027" (never 2027-02-04). */
export function formatDate(iso: string | null | undefined, lang: Language): string {
  if (!iso) return '';
  const day = new Date(iso);
  return Number.isNaN(day.getTime()) ? iso : date[lang].format(day);
}

/** HH:MM in Swedish time. */
export function formatClock(iso: string, lang: Language): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : clock[lang].format(date);
}
