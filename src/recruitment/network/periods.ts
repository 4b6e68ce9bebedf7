import type { PledgeCadence } from './schemas.ts';

/**
 * A pledge's periods are calendar months, quarters, half-years or years (decision 0030): a pledge is
 * followed per period, and one that fell short in the last period that ended is overdue.
 */
const MONTHS: Record<PledgeCadence, number> = { month: 1, quarter: 3, 'half-year': 6, year: 12 };

const ymd = (y: number, m: number) => {
  const d = new Date(Date.UTC(y, m, 1));
  return d.toISOString().slice(0, 10);
};

/** The period holding `day` (YYYY-MM-DD) and the one before it, as [from, to) dates. */
export function periodsOf(cadence: PledgeCadence, day: string) {
  const span = MONTHS[cadence];
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7)) - 1;
  const start = month - (month % span);
  return {
    current: { from: ymd(year, start), to: ymd(year, start + span) },
    previous: { from: ymd(year, start - span), to: ymd(year, start) },
  };
}
