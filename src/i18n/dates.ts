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
const clock = {
  sv: new Intl.DateTimeFormat('sv-SE', { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }),
  en: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }),
};

export function formatDateTime(iso: string | null | undefined, lang: Language): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime[lang].format(date);
}

/** HH:MM in Swedish time. */
export function formatClock(iso: string, lang: Language): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : clock[lang].format(date);
}

const day = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeZone: TIME_ZONE });

/** Whether two instants fall on the same day in Swedish time. */
export function sameDay(a: string, b: string): boolean {
  const [first, second] = [new Date(a), new Date(b)];
  if (Number.isNaN(first.getTime()) || Number.isNaN(second.getTime())) return false;
  return day.format(first) === day.format(second);
}
