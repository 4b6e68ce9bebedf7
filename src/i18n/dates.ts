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
const day = {
  sv: new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: TIME_ZONE }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: TIME_ZONE }),
};
/** A calendar day (YYYY-MM-DD) names no instant: formatted at UTC noon in UTC, it stays that day. */
const calendarDay = {
  sv: new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
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

/**
 * A date as running text reads it ("26 februari 2027", "26 February 2027"): a calendar day
 * (YYYY-MM-DD, a placement's deadline) as it is, an instant (an application's time) as its day in
 * Swedish time. Anything else comes back unchanged.
 */
export function formatDate(iso: string | null | undefined, lang: Language): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    const date = new Date(`${iso}T12:00:00Z`);
    return Number.isNaN(date.getTime()) ? iso : calendarDay[lang].format(date);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : day[lang].format(date);
}

/** HH:MM in Swedish time. */
export function formatClock(iso: string, lang: Language): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : clock[lang].format(date);
}

const swedishDay = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeZone: TIME_ZONE });

/** Whether two instants fall on the same day in Swedish time. */
export function sameDay(a: string, b: string): boolean {
  const [first, second] = [new Date(a), new Date(b)];
  if (Number.isNaN(first.getTime()) || Number.isNaN(second.getTime())) return false;
  return swedishDay.format(first) === swedishDay.format(second);
}

const monthOfYear = {
  sv: new Intl.DateTimeFormat('sv-SE', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/** A month (YYYY-MM) as running text reads it: "mars 2027", "March 2027"; anything else unchanged. */
export function formatMonth(month: string, lang: Language): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return month;
  return monthOfYear[lang].format(new Date(`${month}-15T12:00:00Z`));
}

/** A log's instant to the second in Swedish time, sortable as text: "2026-12-07 15:02:33". */
const logTime = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'medium', timeZone: TIME_ZONE });

export function formatLogTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : logTime.format(date);
}
