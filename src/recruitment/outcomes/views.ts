import type { Translate } from '../../i18n/i18n.ts';
import type { PublicOutcome } from './schemas.ts';
import { type OutcomeMeasure, type OutcomeStatus, outcomeCellId } from './tables.ts';

/** The outcome page's table: one row per year, specialisation or kommun, one column per figure. */

export const OUTCOME_BY = ['year', 'specialisation', 'kommun'] as const;
export type OutcomeBy = (typeof OUTCOME_BY)[number];

const COLUMNS: { key: string; measure: OutcomeMeasure; status: OutcomeStatus | null; median?: true }[] = [
  { key: 'movedIn', measure: 'moved-in', status: null },
  { key: 'medianWeeks', measure: 'moved-in', status: null, median: true },
  { key: 'partners', measure: 'partner-work-12', status: null },
  { key: 'partnerWork6', measure: 'partner-work-6', status: 'in-work' },
  { key: 'partnerWork12', measure: 'partner-work-12', status: 'in-work' },
  { key: 'households12', measure: 'stayed-12', status: null },
  { key: 'stayed12', measure: 'stayed-12', status: 'stayed' },
];

export interface OutcomeCellView {
  text: string;
  hidden: boolean;
}

export function outcomeTableModel(
  cells: readonly PublicOutcome[],
  by: OutcomeBy,
  year: string | undefined,
  label: (code: string) => string,
  t: Translate,
  format: (n: number) => string,
) {
  const byId = new Map(cells.map((c) => [c.id, c]));
  const dim = by === 'kommun' ? 'municipality' : by;
  const fixedYear = by === 'year' ? null : (year ?? null);
  const codes = [
    ...new Set(
      cells
        .filter((c) => c.measure === 'moved-in' && c.status === null)
        .filter((c) => (by === 'year' ? c.specialisation === null && c.kommun === null : c.year === fixedYear))
        .map((c) => (by === 'year' ? c.year : by === 'kommun' ? c.kommun : c.specialisation))
        .filter((c): c is string => c !== null),
    ),
  ].sort();
  const rowOf = (code: string | null, name: string) => ({
    name,
    cells: COLUMNS.map((col): OutcomeCellView => {
      const key = {
        measure: col.measure,
        specialisation: null,
        municipality: null,
        year: fixedYear,
        status: col.status,
        [dim]: code,
      };
      const cell = byId.get(outcomeCellId(key));
      if (cell?.hidden) return { text: t('moveOutcomes.hidden'), hidden: true };
      if (col.median) return { text: cell?.medianWeeks != null ? format(cell.medianWeeks) : '–', hidden: false };
      // No cell: no household in it, which an empty cell shows.
      return { text: format(cell?.value ?? 0), hidden: false };
    }),
  });
  return {
    columns: COLUMNS.map((c) => t(`moveOutcomes.column.${c.key}`)),
    rows: codes.map((code) => rowOf(code, label(code))),
    total: rowOf(null, t('moveOutcomes.total')),
  };
}
