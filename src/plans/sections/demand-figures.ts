import type { Dimension } from '../../demand/index.ts';
import { labelsFor, namesFor } from '../../demand/index.ts';
import {
  cellId,
  coarserCells,
  coarserKinds,
  kindOf,
  type Publication,
  type PublishedEntry,
  parseCellId,
  type RawEntry,
  readKinds,
  readKindsRaw,
} from '../../publication/index.ts';
import type { Label, PlanCell, PlanRow } from '../figures.ts';
import type { SectionInput } from './context.ts';

/**
 * One cell of the round's publication as the plan shows it. `key` holds the cell's tokens
 * (`occupation@4`, `horizon`, `specialisation`) with their codes.
 */
export interface PlanEntry {
  id: string;
  key: Record<string, string>;
  headcount: PlanCell;
  organisations: PlanCell;
  /** The headcount the view may order by: the true one in the raw view, the published one (or -1) else. */
  order: number;
}

/** What reading cells needs: the database, the view, and the plan's specialisation (null: all). */
export type CellScope = Pick<SectionInput, 'db' | 'view' | 'specialisation'>;

/** The kind of the cells with these tokens within the plan's specialisation (the region for all). */
export function scopedKind(input: CellScope, tokens: readonly string[]): string {
  return kindOf(input.specialisation ? [...tokens, 'specialisation'] : tokens);
}

/** The id of the cell with this key within the plan's specialisation. */
export function scopedId(input: CellScope, key: Record<string, string>): string {
  return cellId(input.specialisation ? { ...key, specialisation: input.specialisation } : key);
}

const inScope = (input: CellScope, key: Record<string, string>) =>
  input.specialisation === null || key.specialisation === input.specialisation;

function protectedEntry(id: string, entry: PublishedEntry): PlanEntry {
  const figure = (value: number | null): PlanCell => ({
    value: entry.suppressed ? null : value,
    suppressed: entry.suppressed,
    reason: entry.reason,
    format: 'number',
  });
  return {
    id,
    key: parseCellId(id),
    headcount: figure(entry.headcount),
    organisations: figure(entry.organisations),
    order: entry.suppressed ? -1 : (entry.headcount ?? -1),
  };
}

function rawEntry(id: string, entry: RawEntry): PlanEntry {
  // Every figure shown; the reason says what the publication hides.
  const figure = (value: number): PlanCell => ({ value, suppressed: false, reason: entry.reason, format: 'number' });
  return {
    id,
    key: parseCellId(id),
    headcount: figure(entry.trueHeadcount),
    organisations: figure(entry.trueOrganisations),
    order: entry.trueHeadcount,
  };
}

/**
 * Cells of a publication within the plan's specialisation, keyed by cell id: the same cells, with
 * the same values, as /api/v1/demand gives for the same table. The protected view reads only what is
 * published (the true figures are not even selected, so none can reach a public plan); the raw view,
 * the secretariat's draft, reads the true figures and marks what the publication hides.
 */
export async function planEntries(
  input: CellScope,
  publication: Publication,
  kinds: readonly string[],
): Promise<Map<string, PlanEntry>> {
  const out = new Map<string, PlanEntry>();
  if (input.view === 'raw') {
    for (const [id, entry] of await readKindsRaw(input.db, publication, kinds)) {
      if (inScope(input, parseCellId(id))) out.set(id, rawEntry(id, entry));
    }
  } else {
    for (const [id, entry] of await readKinds(input.db, publication, kinds)) {
      if (inScope(input, parseCellId(id))) out.set(id, protectedEntry(id, entry));
    }
  }
  return out;
}

/**
 * For hidden cells of one kind, the nearest coarser cell the publication does publish (SSYK one
 * level up at a time, then all horizons: src/publication/read.ts `coarserCells`), by hidden cell id.
 */
export async function coarserPublished(
  input: CellScope,
  publication: Publication,
  kind: string,
  hidden: readonly string[],
): Promise<Map<string, PlanEntry>> {
  if (hidden.length === 0) return new Map();
  const cells = await readKinds(input.db, publication, coarserKinds(kind));
  const out = new Map<string, PlanEntry>();
  for (const id of hidden) {
    const found = coarserCells(id).find((c) => cells.get(c)?.suppressed === false);
    const entry = found ? cells.get(found) : undefined;
    if (found && entry) out.set(id, protectedEntry(found, entry));
  }
  return out;
}

/** Names of a dimension's codes in Swedish and English. */
export async function labelsBoth(
  input: SectionInput,
  dimension: Dimension,
  codes: string[],
): Promise<(code: string) => Label> {
  const [sv, en] = await Promise.all([
    labelsFor(input.db, dimension, codes, 'sv', input.t.sv),
    namesFor(input.db, dimension, codes, 'en', input.t.en),
  ]);
  return (code) => {
    const english = en.get(code);
    if (!english) return { sv: sv.get(code) ?? code, en: sv.get(code) ?? code };
    return { sv: sv.get(code) ?? code, en: english.name, ...(english.lang ? { enLang: english.lang } : {}) };
  };
}

/**
 * The largest entries first. A protected table leaves out what it hides (its place in the order
 * would tell how large it is) and says how many it left out.
 */
export function topRows(entries: PlanEntry[], token: string, label: (code: string) => Label, limit = 10) {
  const shown = entries.filter((e) => !e.headcount.suppressed);
  const rows: PlanRow[] = shown
    .sort((a, b) => b.order - a.order || String(a.key[token]).localeCompare(String(b.key[token])))
    .slice(0, limit)
    .map((e) => {
      const code = e.key[token] ?? '';
      return { key: code, label: label(code), cells: [e.headcount, e.organisations] };
    });
  return { rows, hidden: entries.filter((e) => e.headcount.suppressed) };
}
