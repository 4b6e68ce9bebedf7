/** Today's date in Swedish time (YYYY-MM-DD): deadlines are days as people in the region read them. */
const dayFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

let memo = { minute: Number.NaN, day: '' };

/** Kept for the minute it was asked in: every placement request asks, and formatting costs. */
export function stockholmDay(now: Date): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== memo.minute) memo = { minute, day: dayFormat.format(now) };
  return memo.day;
}

/** The date `months` months after an ISO date (YYYY-MM-DD), clamped to the month's last day. */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}
