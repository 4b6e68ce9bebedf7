import { formatDate } from '../../i18n/dates.ts';
import { cell, type PlanCell, type PlanRow, type PlanTable } from '../figures.ts';
import { both, type SectionInput } from './context.ts';
import { placementOfferTable } from './placement-offers.ts';

/**
 * Placements, trainee places and retention from the follow-ups (issue 7, src/placements), for the
 * placements whose period ended between `from` and `to`. Follow-up answers are about people.
 */
export interface RetentionFigures {
  from: string;
  to: string;
  placements: number;
  places: number;
  traineePlaces: number;
  /** The students' own follow-ups, by months after the placement. */
  followUps: { months: number; answered: number; hired: number; stayedInRegion: number }[];
}

/** Where the figures come from; `null` when there are none (no source, or no placements yet). */
export type RetentionSource = (input: SectionInput) => Promise<RetentionFigures | null>;

export async function placementTables(input: SectionInput, source: RetentionSource | null): Promise<PlanTable[]> {
  const figures = source ? await source(input) : null;
  // Answers about people: a count below the threshold is not published (placements themselves are
  // public listings, so their counts are).
  const person = (value: number): PlanCell =>
    input.view === 'protected' && value > 0 && value < input.rule.minOrganisations
      ? { value: null, suppressed: true, reason: 'few', format: 'number' }
      : cell(value);
  const rows: PlanRow[] = figures
    ? [
        { key: 'placements', label: both(input, 'plans.placements.placements'), cells: [cell(figures.placements)] },
        { key: 'places', label: both(input, 'plans.placements.places'), cells: [cell(figures.places)] },
        {
          key: 'traineePlaces',
          label: both(input, 'plans.placements.traineePlaces'),
          cells: [cell(figures.traineePlaces)],
        },
        ...figures.followUps.flatMap((f) => [
          {
            key: `answered-${f.months}`,
            label: both(input, 'plans.placements.followUpsAnswered', { months: f.months }),
            cells: [person(f.answered)],
          },
          {
            key: `hired-${f.months}`,
            label: both(input, 'plans.placements.hired', { months: f.months }),
            cells: [person(f.hired)],
          },
          {
            key: `stayed-${f.months}`,
            label: both(input, 'plans.placements.stayedInRegion', { months: f.months }),
            cells: [person(f.stayedInRegion)],
          },
        ]),
      ]
    : [];
  const table: PlanTable = {
    key: 'placements',
    section: 'placements',
    title: figures
      ? {
          // The period as running text writes a date in each language, not 2027-01-01.
          sv: input.t.sv('plans.table.placementsPeriod', {
            from: formatDate(figures.from, 'sv'),
            to: formatDate(figures.to, 'sv'),
          }),
          en: input.t.en('plans.table.placementsPeriod', {
            from: formatDate(figures.from, 'en'),
            to: formatDate(figures.to, 'en'),
          }),
        }
      : both(input, 'plans.table.placements'),
    columns: [both(input, 'plans.column.value')],
    rows,
    evidence: '/placements',
  };
  if (!figures) table.note = both(input, 'plans.note.noPlacementData');
  return [await placementOfferTable(input), table];
}
