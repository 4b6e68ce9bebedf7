import type { Kysely } from 'kysely';
import { Invalid } from '../../core/errors.ts';
import type { Database } from '../../db/schema.ts';
import type { Dimension } from '../dimensions.ts';
import type { ProtectedEntry } from '../protect-table.ts';
import { type DemandRound, needQuestionMeanings, resolveRound } from '../rounds.ts';
import { type DemandTable, publishedDemand } from '../service.ts';
import type { TableInput } from '../tables.ts';

export interface ChangeEntry {
  /** The cell's id in both publications, where the entries are publication cells. */
  cell?: string;
  key: Record<string, string>;
  from: number | null;
  to: number | null;
  /** `to − from`; null unless both rounds publish the entry and the headcount means the same in both. */
  change: number | null;
  suppressed: boolean;
  /** False where the headcount question changed its meaning between the rounds: `change` is no figure then. */
  comparable: boolean;
  /** How many organisations state the need in each round, and the change (null as for `change`). */
  organisations: { from: number | null; to: number | null; change: number | null };
}

/** A question the two rounds ask with different meanings, so that its change is not shown. */
export interface NotComparable {
  question: string;
  reason: 'meaning-changed';
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
 * publish the cell, and only for a measure whose question means the same in both rounds.
 */
export function compareEntries(
  from: readonly (ProtectedEntry & { cell?: string })[],
  to: readonly (ProtectedEntry & { cell?: string })[],
  comparable: { headcount: boolean; organisations: boolean } = { headcount: true, organisations: true },
): ChangeEntry[] {
  const before = new Map(from.map((e) => [idOf(e), e]));
  const after = new Map(to.map((e) => [idOf(e), e]));
  const entries = new Map([...from, ...to].map((e) => [idOf(e), e]));
  return [...entries].map(([id, entry]) => {
    const a = before.get(id);
    const b = after.get(id);
    const suppressed = Boolean(a?.suppressed || b?.suppressed);
    const difference = (x: number | null, y: number | null, shown: boolean) =>
      !shown || suppressed || x === null || y === null ? null : y - x;
    const fromValue = a ? a.headcount : 0;
    const toValue = b ? b.headcount : 0;
    const fromOrgs = a ? a.organisations : 0;
    const toOrgs = b ? b.organisations : 0;
    return {
      ...(entry.cell === undefined ? {} : { cell: entry.cell }),
      key: entry.key,
      from: fromValue,
      to: toValue,
      change: difference(fromValue, toValue, comparable.headcount),
      suppressed,
      comparable: comparable.headcount,
      organisations: { from: fromOrgs, to: toOrgs, change: difference(fromOrgs, toOrgs, comparable.organisations) },
    };
  });
}

export interface DemandChange {
  from: DemandTable['round'];
  to: DemandTable['round'];
  by: Dimension[];
  table: string | undefined;
  publications: { from: DemandTable['publication']; to: DemandTable['publication'] };
  /** Whether the headcount change is shown: false where the question changed its meaning. */
  comparable: boolean;
  /** The questions of the breakdown and its measure that the rounds ask with different meanings. */
  notComparable: NotComparable[];
  cells: ChangeEntry[];
  totals: ChangeEntry[];
}

/**
 * Change between two closed rounds' publications, for a breakdown whose questions both rounds'
 * questionnaires ask (else 422, naming the questions); an open round or one not yet published
 * is a 409 as for its table. A question both ask with different meanings (questionnaire version 2's
 * headcount counts the people to recruit or train) gives no change: the figures of both rounds are
 * shown, `change` is null and `notComparable` names the question (issue 18: change is shown only on
 * questions whose meaning is the same in both versions). The organisations that state a need compare
 * as long as the breakdown's own questions mean the same.
 */
export async function publishedChange(
  db: Kysely<Database>,
  rounds: { from: DemandRound; to: DemandRound },
  input: TableInput,
): Promise<DemandChange> {
  const [fromMeanings, toMeanings] = await Promise.all([
    needQuestionMeanings(db, rounds.from.questionnaireVersion),
    needQuestionMeanings(db, rounds.to.questionnaireVersion),
  ]);
  const dimensions = [...new Set([...input.by, ...(Object.keys(input.filters) as Dimension[])])];
  const asked = [...new Set(dimensions.flatMap((d) => (QUESTION_OF[d] ? [QUESTION_OF[d]] : [])))];
  const needed = ['headcount', ...asked];
  const missing = needed.filter((code) => !fromMeanings.has(code) || !toMeanings.has(code));
  if (missing.length > 0) throw new Invalid('by', 'demand.change.notComparable', { questions: missing.join(', ') });
  const changed = await changedMeanings(db, rounds.from.questionnaireVersion, rounds.to.questionnaireVersion, needed);
  const comparable = {
    headcount: changed.length === 0,
    organisations: !changed.some((code) => asked.includes(code)),
  };
  const [a, b] = await Promise.all([publishedDemand(db, rounds.from, input), publishedDemand(db, rounds.to, input)]);
  return {
    from: a.round,
    to: b.round,
    by: input.by,
    table: b.table,
    publications: { from: a.publication, to: b.publication },
    comparable: comparable.headcount,
    notComparable: changed.map((question) => ({ question, reason: 'meaning-changed' as const })),
    cells: compareEntries(a.cells, b.cells, comparable),
    totals: compareEntries(a.totals, b.totals, comparable),
  };
}

/**
 * Of `codes`, the need questions that two questionnaire versions ask with different meanings
 * (as stored in `questionnaires`): the change between rounds of the two is not shown for them.
 */
export async function changedMeanings(
  db: Kysely<Database>,
  fromVersion: number,
  toVersion: number,
  codes: readonly string[],
): Promise<string[]> {
  if (fromVersion === toVersion) return [];
  const [from, to] = await Promise.all([needQuestionMeanings(db, fromVersion), needQuestionMeanings(db, toVersion)]);
  return codes.filter((code) => from.has(code) && to.has(code) && from.get(code) !== to.get(code));
}

/** `publishedChange` for rounds named by id. */
export async function demandChange(
  db: Kysely<Database>,
  input: TableInput & { from: string; to: string },
): Promise<DemandChange> {
  const [from, to] = await Promise.all([resolveRound(db, input.from), resolveRound(db, input.to)]);
  return publishedChange(db, { from, to }, input);
}
