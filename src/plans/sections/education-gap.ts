import type { Label, PlanCell, PlanTable } from '../figures.ts';
import { both, evidenceUrl, type SectionInput } from './context.ts';

/**
 * One line of the education gap (issue 6, src/education): demand for an occupation and horizon
 * (protected in the protected view) against the annual graduates of the offerings that prepare
 * for it, and the coverage (supply per year over demand per year).
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
 * Where the gap comes from. `null` means no source is wired, or no offerings are registered: the
 * section then says so instead of showing an empty table as if there were no gap.
 */
export type GapSource = (input: SectionInput) => Promise<GapLine[] | null>;

const figure = (value: number | null, format: PlanCell['format']): PlanCell => ({
  value,
  suppressed: false,
  reason: null,
  format,
});

export async function educationGapTables(input: SectionInput, source: GapSource | null): Promise<PlanTable[]> {
  const lines = source ? await source(input) : null;
  const label = (line: GapLine): Label => ({
    sv: `${line.label.sv} (${input.t.sv(`horizon.${line.horizon}`).toLowerCase()})`,
    en: `${line.label.en} (${input.t.en(`horizon.${line.horizon}`).toLowerCase()})`,
  });
  const evidence = evidenceUrl(input, { path: '/api/v1/gaps' });
  // Shortages: the published lines with an offering, lowest coverage first.
  const shortages = (lines ?? [])
    .filter((l) => l.offerings > 0 && !l.demand.suppressed && l.coverage !== null)
    .sort((a, b) => (a.coverage ?? 0) - (b.coverage ?? 0) || (b.demand.value ?? 0) - (a.demand.value ?? 0))
    .slice(0, 15);
  // Demand that no offering prepares for (a hidden demand stays hidden, as in the gap report).
  const uncovered = (lines ?? [])
    .filter((l) => l.offerings === 0)
    .sort((a, b) => (b.demand.value ?? -1) - (a.demand.value ?? -1))
    .slice(0, 15);
  const gap: PlanTable = {
    key: 'education-gap',
    section: 'education-gap',
    title: both(input, 'plans.table.educationGap'),
    columns: [
      both(input, 'plans.column.demand'),
      both(input, 'plans.column.supply'),
      both(input, 'plans.column.coverage'),
    ],
    rows: shortages.map((line) => ({
      key: `${line.occupation}|${line.horizon}`,
      label: label(line),
      cells: [line.demand, figure(line.supply, 'mean'), figure(line.coverage, 'share')],
    })),
    evidence,
  };
  const none: PlanTable = {
    key: 'education-no-offering',
    section: 'education-gap',
    title: both(input, 'plans.table.noOffering'),
    columns: [both(input, 'plans.column.demand')],
    rows: uncovered.map((line) => ({
      key: `${line.occupation}|${line.horizon}`,
      label: label(line),
      cells: [line.demand],
    })),
    evidence,
  };
  if (lines === null) {
    gap.note = both(input, 'plans.note.noEducationData');
    return [gap];
  }
  return [gap, none];
}
