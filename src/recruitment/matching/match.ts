/**
 * Matching a person's wishes to openings by filters a person can check, never by a score of the
 * person (decision 0031; the AI Act lists ranking candidates as high-risk, research/recruitment.md
 * §7). An opening matches when it passes every filter; the answer names the filters it passed.
 */

/** Why an opening matched: one reason per filter it passed. */
export const MATCH_REASONS = ['same-occupation', 'related-occupation', 'within-reach', 'remote', 'timing'] as const;
export type MatchReason = (typeof MATCH_REASONS)[number];

/** What the person is looking for, from their profile. */
export interface Criteria {
  occupationIds: ReadonlySet<string>;
  /** SSYK 4 codes of the occupations (where the taxonomy gives one). */
  ssyk4: ReadonlySet<string>;
  kommuner: ReadonlySet<string>;
  /** The person would work remotely or hybrid. */
  remoteOk: boolean;
  /** YYYY-MM, or null when the person can start at any time. */
  earliestStart: string | null;
}

/** A need line or a placement as the filters see it. */
export interface Opening {
  source: 'need' | 'placement';
  id: string;
  organisationId: string;
  occupationId: string;
  ssyk: string | null;
  kommun: string | null;
  remote: boolean;
  /** A need line's horizon ('0-1', '1-3', '3-5'). */
  horizon?: string;
  /** A placement's first day (YYYY-MM-DD). */
  periodStart?: string;
  /** A placement's title and last day to apply (what a partner told of it reads; no filter uses them). */
  title?: string;
  applyBy?: string;
  /** A need line confirmed in a campaign: the campaign whose public page shows it. */
  campaignId?: string;
}

/** How far ahead a horizon reaches, in months from today. */
const HORIZON_MONTHS: Record<string, number> = { '0-1': 12, '1-3': 36, '3-5': 60 };

export function addMonths(month: string, months: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The filters `opening` passes for `criteria` at `today` (YYYY-MM-DD), or null when it fails one:
 * the occupation (the same, or in the same SSYK 3 group), the place (a kommun within reach, or
 * remote work both want), the timing (the person can start before the need's horizon ends or the
 * placement starts).
 */
export function matchOpening(criteria: Criteria, opening: Opening, today: string): MatchReason[] | null {
  const reasons: MatchReason[] = [];
  const sameOccupation =
    criteria.occupationIds.has(opening.occupationId) || (opening.ssyk !== null && criteria.ssyk4.has(opening.ssyk));
  if (sameOccupation) reasons.push('same-occupation');
  else if (opening.ssyk !== null && [...criteria.ssyk4].some((code) => code.slice(0, 3) === opening.ssyk?.slice(0, 3)))
    reasons.push('related-occupation');
  else return null;

  if (opening.kommun !== null && criteria.kommuner.has(opening.kommun)) reasons.push('within-reach');
  else if (opening.remote && criteria.remoteOk) reasons.push('remote');
  else return null;

  if (criteria.earliestStart !== null) {
    const latest =
      opening.source === 'need'
        ? addMonths(today.slice(0, 7), HORIZON_MONTHS[opening.horizon ?? ''] ?? 12)
        : (opening.periodStart ?? today).slice(0, 7);
    if (criteria.earliestStart > latest) return null;
  }
  reasons.push('timing');
  return reasons;
}
