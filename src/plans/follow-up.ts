import { publicationState } from '../publication/index.ts';
import type { IndicatorCode } from './measures.ts';
import { recruitmentIndicators } from './sections/demand.ts';
import type { CellScope } from './sections/demand-figures.ts';

/**
 * The indicators of a round, protected: what a measure's baseline and its later re-measurements
 * are. Every one is a published cell of the round's publication, or a share or mean of published
 * cells; a round not published (yet) has none.
 */
export async function measureIndicators(
  scope: Omit<CellScope, 'view'>,
  roundId: string,
): Promise<Record<IndicatorCode, number | null>> {
  const state = await publicationState(scope.db, roundId);
  const publication = state.state === 'published' ? state.publication : null;
  const figures = await recruitmentIndicators({ ...scope, view: 'protected' }, publication);
  return {
    organisations: figures.organisations.value,
    headcount: figures.base.value,
    'difficulty-mean': figures.mean.value,
    'recruit-outside-share': figures.shares['recruit-outside']?.value ?? null,
    'relocation-family-share': figures.shares['relocation-family']?.value ?? null,
    'remote-share': figures.shares.remote?.value ?? null,
    'train-staff-share': figures.shares['train-staff']?.value ?? null,
  };
}
