import type { Label, PlanCell, PlanTable } from '../figures.ts';
import { both, evidenceUrl, type SectionInput } from './context.ts';

/**
 * One line of the education gap (issue 6, src/education): demand for an occupation and horizon
 * (protected in the protected view) against the annual places of the offerings that prepare for it.
 */
export interface GapLine {
  occupation: string;
  label: Label;
  horizon: string;
  demand: PlanCell;
  supply: number | null;
  coverage: number | null;
  offerings: number;
}

/**
 * Where the gap comes from. `null` means no source is wired yet, or no offerings are registered:
 * the section then says so instead of showing an empty table as if there were no gap.
 */
export type GapSource = (input: SectionInput) => Promise<GapLine[] | null>;

export async function educationGapTables(input: SectionInput, source: GapSource | null): Promise<PlanTable[]> {
  const lines = source ? await source(input) : null;
  const table: PlanTable = {
    key: 'education-gap',
    section: 'education-gap',
    title: both(input, 'plans.table.educationGap'),
    columns: [
      both(input, 'plans.column.horizon'),
      both(input, 'plans.column.demand'),
      both(input, 'plans.column.supply'),
      both(input, 'plans.column.coverage'),
    ],
    rows: (lines ?? []).slice(0, 15).map((line) => ({
      key: `${line.occupation}|${line.horizon}`,
      label: line.label,
      cells: [
        { value: null, suppressed: false, reason: null, format: 'number' },
        line.demand,
        { value: line.supply, suppressed: false, reason: null, format: 'number' },
        { value: line.coverage, suppressed: false, reason: null, format: 'share' },
      ],
    })),
    evidence: evidenceUrl(input, { path: '/api/v1/gaps', extra: {} }),
  };
  if (lines === null) table.note = both(input, 'plans.note.noEducationData');
  return [table];
}
