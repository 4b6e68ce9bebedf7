import type { Language } from '../i18n/i18n.ts';

/**
 * A round's times as the secretariat types and reads them: Swedish local time, whatever the
 * server's zone, stored as UTC instants. Intl is all there is on both runtimes (no tz library).
 */
export const ROUND_TIME_ZONE = 'Europe/Stockholm';

const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: ROUND_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Milliseconds that Stockholm is ahead of UTC at this instant (+1 h in winter, +2 h in summer). */
function offsetAt(utcMillis: number): number {
  const field = Object.fromEntries(parts.formatToParts(new Date(utcMillis)).map((p) => [p.type, Number(p.value)]));
  const local = Date.UTC(field.year ?? 0, (field.month ?? 1) - 1, field.day ?? 1, field.hour ?? 0, field.minute ?? 0);
  return local - Math.floor(utcMillis / 60_000) * 60_000;
}

/**
 * "2027-02-01" and "08:00" in Stockholm → "2027-02-01T07:00:00.000Z", or null if either is not a
 * real date or time. A time that the spring change skips (02:30 on the last Sunday of March) is
 * read with the winter offset, i.e. an hour later on the clock.
 */
export function stockholmToIso(date: string, time: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const t = /^(\d{2}):(\d{2})$/.exec(time.trim());
  if (!d || !t) return null;
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as number[];
  if ((hour ?? 0) > 23 || (minute ?? 0) > 59) return null;
  const wall = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0);
  const check = new Date(wall);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== (month ?? 1) - 1) return null;
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first)).toISOString();
}

/** An instant as a Stockholm date and time for the form's inputs: { date: "2027-02-01", time: "08:00" }. */
export function isoToStockholm(iso: string): { date: string; time: string } {
  const millis = new Date(iso).getTime();
  const local = new Date(millis + offsetAt(millis)).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

const formats = {
  sv: new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeStyle: 'short', timeZone: ROUND_TIME_ZONE }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: ROUND_TIME_ZONE }),
};

/** "31 januari 2027 17:00" / "31 January 2027 at 17:00", Swedish time. */
export function formatRoundTime(iso: string | null | undefined, lang: Language): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formats[lang].format(date);
}
