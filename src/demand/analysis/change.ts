import type { Kysely } from 'kysely';
import { Invalid } from '../../core/errors.ts';
import type { Database } from '../../db/schema.ts';
import type { Dimension } from '../dimensions.ts';
import type { ProtectedEntry } from '../protect-table.ts';
import { type DemandRound, needQuestionCodes, resolveRound } from '../rounds.ts';
import { type DemandTable, publishedDemand } from '../service.ts';
import type { TableInput } from '../tables.ts';

export interface ChangeEntry {
  /** The cell's id in both publications, where the entries are publication cells. */
  cell?: string;
  key: Record<string, string>;
  from: number | null;
  to: number | null;
  /** `to − from`; null unless both rounds publish the entry. */
  change: number | null;
  suppressed: boolean;
}

/** The questions a dimension's values come from; organisation attributes are no question. */
const QUESTION_OF: Partial<Record<Dimension, string>> = {
  specialisation: 'specialisations',
  focusArea: 'specialisations',
  occupation: 'occupationId',
  skill: 'skillIds',
  horizon: 'horizon',
  educationLevel: 'educationLevel',
};

const idOf = (e: ProtectedEntry & { cell?: string }) => e.cell ?? JSON.stringify(Object.entries(e.key).sort());

/**
 * Two rounds' tables side by side, cell by cell (the same cell id in both). An entry missing from
 * a table had no contributions, a published nought; a change is shown only where both rounds
 * publish the cell.
 */
export function compareEntries(
  from: readonly (ProtectedEntry & { cell?: string })[],
  to: readonly (ProtectedEntry & { cell?: string })[],
): ChangeEntry[] {
  const before = new Map(from.map((e) => [idOf(e), e]));
  const after = new Map(to.map((e) => [idOf(e), e]));
  const entries = new Map([...from, ...to].map((e) => [idOf(e), e]));
  return [...entries].map(([id, entry]) => {
    const a = before.get(id);
    const b = after.get(id);
    const suppressed = Boolean(a?.suppressed || b?.suppressed);
    const fromValue = a ? a.headcount : 0;
    const toValue = b ? b.headcount : 0;
    return {
      ...(entry.cell === undefined ? {} : { cell: entry.cell }),
      key: entry.key,
      from: fromValue,
      to: toValue,
      change: suppressed || fromValue === null || toValue === null ? null : toValue - fromValue,
      suppressed,
    };
  });
}

export interface DemandChange {
  from: DemandTable['round'];
  to: DemandTable['round'];
  by: Dimension[];
  table: string | undefined;
  publications: { from: DemandTable['publication']; to: DemandTable['publication'] };
  cells: ChangeEntry[];
  totals: ChangeEntry[];
}

/**
 * Change between two closed rounds' publications, for a breakdown whose questions both rounds'
 * questionnaires ask (else 422, naming the questions); an open round or one not yet published
 * is a 409 as for its table.
 */
export async function publishedChange(
  db: Kysely<Database>,
  rounds: { from: DemandRound; to: DemandRound },
  input: TableInput,
): Promise<DemandChange> {
  const [fromCodes, toCodes] = await Promise.all([
    needQuestionCodes(db, rounds.from.questionnaireVersion),
    needQuestionCodes(db, rounds.to.questionnaireVersion),
  ]);
  const dimensions = [...new Set([...input.by, ...(Object.keys(input.filters) as Dimension[])])];
  const needed = ['headcount', ...dimensions.flatMap((d) => (QUESTION_OF[d] ? [QUESTION_OF[d]] : []))];
  const missing = needed.filter((code) => !fromCodes.has(code) || !toCodes.has(code));
  if (missing.length > 0) throw new Invalid('by', 'demand.change.notComparable', { questions: missing.join(', ') });
  const [a, b] = await Promise.all([publishedDemand(db, rounds.from, input), publishedDemand(db, rounds.to, input)]);
  return {
    from: a.round,
    to: b.round,
    by: input.by,
    table: b.table,
    publications: { from: a.publication, to: b.publication },
    cells: compareEntries(a.cells, b.cells),
    totals: compareEntries(a.totals, b.totals),
  };
}

/** `publishedChange` for rounds named by id. */
export async function demandChange(
  db: Kysely<Database>,
  input: TableInput & { from: string; to: string },
): Promise<DemandChange> {
  const [from, to] = await Promise.all([resolveRound(db, input.from), resolveRound(db, input.to)]);
  return publishedChange(db, { from, to }, input);
}
