/**
 * Moved-in households for the outcome figures' tests (decision 0036), as plain data, and the hand
 * count a published cell must equal: shared by the Node tests (better-sqlite3) and the workerd
 * tests (D1), each of which stores them its own way. No imports, so that it runs in both.
 */

export interface Household {
  movedIn: string;
  kommun: string;
  specialisations: string[];
  days?: number;
  partner?: { inWork: boolean; since?: string };
  inRegion?: boolean;
}

/** A cell as GET /api/v1/recruitment/outcomes answers it. */
export interface OutcomeCell {
  id: string;
  measure: string;
  specialisation: string | null;
  kommun: string | null;
  year: string | null;
  status: string | null;
  value: number | null;
  hidden: boolean;
  medianWeeks: number | null;
  computedAt: string;
}

/**
 * Karlskrona 2026: six households in tech (four partners in work at 12 months, three of them
 * since within six months; five stayed). Ronneby 2026: two households (too few). Karlshamn 2025:
 * six households in smart industry, three partners in work, all stayed.
 */
export function outcomeWorld(): Household[] {
  const karlskrona: Household[] = [
    { movedIn: '2026-01-15', partner: { inWork: true, since: '2026-03' }, inRegion: true, days: 60 },
    { movedIn: '2026-02-01', partner: { inWork: true, since: '2026-05' }, inRegion: true, days: 70 },
    { movedIn: '2026-02-20', partner: { inWork: true, since: '2026-06' }, inRegion: true, days: 90 },
    { movedIn: '2026-03-01', partner: { inWork: true, since: '2026-12' }, inRegion: true, days: 40 },
    { movedIn: '2026-04-01', partner: { inWork: false }, inRegion: true, days: 100 },
    { movedIn: '2026-05-01', partner: { inWork: false }, inRegion: false, days: 80 },
  ].map((h) => ({ ...h, kommun: '1080', specialisations: ['tech'] }));
  const ronneby: Household[] = [
    {
      movedIn: '2026-06-01',
      kommun: '1081',
      specialisations: ['tech'],
      partner: { inWork: true, since: '2026-07' },
      inRegion: true,
    },
    { movedIn: '2026-07-01', kommun: '1081', specialisations: ['tech'], inRegion: false },
  ];
  return [...karlskrona, ...ronneby, ...karlshamnHouseholds()];
}

export function karlshamnHouseholds(): Household[] {
  return [1, 2, 3, 4, 5, 6].map((i) => ({
    movedIn: `2025-0${i}-10`,
    kommun: '1082',
    specialisations: ['smart-industri'],
    inRegion: true,
    partner: { inWork: i <= 3, since: '2025-06' },
  }));
}

const sixMonthsAfter = (day: string) => {
  const [y, m] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1 + 6, 1)).toISOString().slice(0, 7);
};

/** A cell's figure counted by hand from the households as the test wrote them. */
export function handCount(households: readonly Household[], cell: OutcomeCell): number {
  return households.filter((h) => {
    if (cell.year !== null && h.movedIn.slice(0, 4) !== cell.year) return false;
    if (cell.kommun !== null && h.kommun !== cell.kommun) return false;
    if (cell.specialisation !== null && !h.specialisations.includes(cell.specialisation)) return false;
    switch (cell.measure) {
      case 'moved-in':
        return true;
      case 'partner-work-12':
        return h.partner !== undefined && (cell.status === null || (cell.status === 'in-work') === h.partner.inWork);
      case 'partner-work-6': {
        if (!h.partner) return false;
        const atSix = h.partner.inWork && h.partner.since !== undefined && h.partner.since <= sixMonthsAfter(h.movedIn);
        return (cell.status === 'in-work') === atSix;
      }
      default:
        return h.inRegion !== undefined && (cell.status === null || (cell.status === 'stayed') === h.inRegion);
    }
  }).length;
}
