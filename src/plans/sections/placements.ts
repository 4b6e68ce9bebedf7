import { cell, type PlanTable } from '../figures.ts';
import { both, type SectionInput } from './context.ts';
import { placementOfferTable } from './placement-offers.ts';

/**
 * Placements, trainee places and retention from the follow-ups (issue 7, src/placements): counts
 * of people, so figures below the disclosure threshold are hidden in the protected view.
 */
export interface RetentionFigures {
  placements: number;
  places: number;
  traineePlaces: number;
  followUpsAnswered: number;
  hired: number;
  stayedInRegion: number;
}

/** Where the figures come from; `null` when no source is wired yet. */
export type RetentionSource = (input: SectionInput) => Promise<RetentionFigures | null>;

const ROWS = ['placements', 'places', 'traineePlaces', 'followUpsAnswered', 'hired', 'stayedInRegion'] as const;

export async function placementTables(input: SectionInput, source: RetentionSource | null): Promise<PlanTable[]> {
  const figures = source ? await source(input) : null;
  // Follow-up answers are about people: fewer than the minimum is not published.
  const hide = (value: number) => input.view === 'protected' && value > 0 && value < input.rule.minOrganisations;
  const table: PlanTable = {
    key: 'placements',
    section: 'placements',
    title: both(input, 'plans.table.placements'),
    columns: [both(input, 'plans.column.value')],
    rows: figures
      ? ROWS.map((key) => {
          const value = figures[key];
          return {
            key,
            label: both(input, `plans.placements.${key}`),
            cells: [
              hide(value)
                ? { value: null, suppressed: true, reason: 'few' as const, format: 'number' as const }
                : cell(value),
            ],
          };
        })
      : [],
    evidence: `/placements`,
  };
  if (!figures) table.note = both(input, 'plans.note.noPlacementData');
  return [await placementOfferTable(input), table];
}
