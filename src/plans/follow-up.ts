import { publicationState } from '../publication/index.ts';
import { outcomeShare } from '../recruitment/index.ts';
import type { IndicatorCode } from './measures.ts';
import { recruitmentIndicators } from './sections/demand.ts';
import type { CellScope } from './sections/demand-figures.ts';

/**
 * The indicators of a round, protected: what a measure's baseline and its later re-measurements
 * are. Every one is a published cell of the round's publication, or a share or mean of published
 * cells; a round not published (yet) has none. The outcome shares are read from the protected
 * outcome figures (src/recruitment/outcomes), for the households that moved in the calendar year
 * before the round closed: by then their 12-month answers are in.
 */
export async function measureIndicators(
  scope: Omit<CellScope, 'view'>,
  roundId: string,
): Promise<Record<IndicatorCode, number | null>> {
  const state = await publicationState(scope.db, roundId);
  const publication = state.state === 'published' ? state.publication : null;
  const figures = await recruitmentIndicators({ ...scope, view: 'protected' }, publication);
  const round = await scope.db
    .selectFrom('rounds')
    .select(['closes_at', 'closed_at'])
    .where('id', '=', roundId)
    .executeTakeFirst();
  const cohort = round ? String(Number((round.closed_at ?? round.closes_at).slice(0, 4)) - 1) : null;
  const outcome = async (measure: 'partner-work-12' | 'stayed-12', status: 'in-work' | 'stayed') =>
    cohort === null
      ? null
      : outcomeShare(scope.db, { measure, status, specialisation: scope.specialisation, year: cohort });
  return {
    organisations: figures.organisations.value,
    headcount: figures.base.value,
    'difficulty-mean': figures.mean.value,
    'recruit-outside-share': figures.shares['recruit-outside']?.value ?? null,
    'relocation-family-share': figures.shares['relocation-family']?.value ?? null,
    'remote-share': figures.shares.remote?.value ?? null,
    'train-staff-share': figures.shares['train-staff']?.value ?? null,
    'partners-in-work-12-share': await outcome('partner-work-12', 'in-work'),
    'households-stayed-12-share': await outcome('stayed-12', 'stayed'),
  };
}
