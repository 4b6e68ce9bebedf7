import { cachedAggregateDemand } from '../../demand/aggregate.ts';
import type { Dimension } from '../../demand/dimensions.ts';
import { labelsFor } from '../../demand/labels.ts';
import { protectTable, type TableEntry } from '../../demand/protect-table.ts';
import type { Label, PlanCell, PlanRow } from '../figures.ts';
import { type SectionInput, specialisationFilter } from './context.ts';

/** One entry of a demand table as the plan shows it: the raw figures or the protected ones. */
export interface PlanEntry {
  key: Record<string, string>;
  headcount: PlanCell;
  organisations: PlanCell;
  /** The raw headcount, for ordering the secretariat's table only. */
  order: number;
}

/**
 * A round's demand table through demand_cache and the one disclosure-control module, exactly as
 * /demand computes it for the same breakdown and filter, so the evidence link shows the same
 * figures. In the raw view a cell keeps its number and says what publishing would hide.
 */
export async function demandEntries(
  input: SectionInput,
  by: Dimension[],
  roundId: string = input.round.id,
): Promise<PlanEntry[]> {
  const entries: TableEntry[] = await cachedAggregateDemand(
    input.db,
    { roundId, by, filters: specialisationFilter(input), ssykLevel: 4, dominanceN: input.rule.dominanceN },
    input.now,
  );
  const protectedEntries = protectTable(by, entries, input.rule);
  return entries.map((entry, i) => {
    const p = protectedEntries[i];
    const reason = p?.reason ?? null;
    const raw = input.view === 'raw';
    const figure = (rawValue: number, published: number | null | undefined): PlanCell => ({
      value: raw ? rawValue : (published ?? null),
      suppressed: raw ? false : (p?.suppressed ?? true),
      reason,
      format: 'number',
    });
    return {
      key: entry.key,
      headcount: figure(entry.headcount, p?.headcount),
      organisations: figure(entry.organisations, p?.organisations),
      order: raw ? entry.headcount : (p?.headcount ?? -1),
    };
  });
}

/** Names of a dimension's codes in Swedish and English. */
export async function labelsBoth(
  input: SectionInput,
  dimension: Dimension,
  codes: string[],
): Promise<(code: string) => Label> {
  const [sv, en] = await Promise.all([
    labelsFor(input.db, dimension, codes, 'sv', input.t.sv),
    labelsFor(input.db, dimension, codes, 'en', input.t.en),
  ]);
  return (code) => ({ sv: sv.get(code) ?? code, en: en.get(code) ?? sv.get(code) ?? code });
}

/**
 * The largest entries first. A protected table leaves out what it hides (its place in the order
 * would tell how large it is) and says how many it left out.
 */
export function topRows(entries: PlanEntry[], dimension: string, label: (code: string) => Label, limit = 10) {
  const shown = entries.filter((e) => !e.headcount.suppressed);
  const rows: PlanRow[] = shown
    .sort((a, b) => b.order - a.order || String(a.key[dimension]).localeCompare(String(b.key[dimension])))
    .slice(0, limit)
    .map((e) => {
      const code = e.key[dimension] ?? '';
      return { key: code, label: label(code), cells: [e.headcount, e.organisations] };
    });
  return { rows, hidden: entries.length - shown.length };
}
