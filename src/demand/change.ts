import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import type { Dimension } from './dimensions.ts';
import type { ProtectedEntry } from './protect-table.ts';
import { needQuestionCodes, resolveRound } from './rounds.ts';
import { type DemandTable, demandTable } from './service.ts';

export interface ChangeEntry {
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

const keyId = (key: Record<string, string>) => JSON.stringify(Object.entries(key).sort());

/**
 * Two rounds' protected tables side by side. An entry missing from a table had no contributions,
 * a published zero; a change is shown only where both rounds publish the entry.
 */
export function compareEntries(from: readonly ProtectedEntry[], to: readonly ProtectedEntry[]): ChangeEntry[] {
  const before = new Map(from.map((e) => [keyId(e.key), e]));
  const after = new Map(to.map((e) => [keyId(e.key), e]));
  const keys = new Map([...from, ...to].map((e) => [keyId(e.key), e.key]));
  return [...keys].map(([id, key]) => {
    const a = before.get(id);
    const b = after.get(id);
    const suppressed = Boolean(a?.suppressed || b?.suppressed);
    const fromValue = a ? a.headcount : 0;
    const toValue = b ? b.headcount : 0;
    return {
      key,
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
  cells: ChangeEntry[];
  totals: ChangeEntry[];
}

/** Change between two rounds on the same question codes; protected for everyone. */
export async function demandChange(
  c: Context<AppEnv>,
  input: {
    from: string;
    to: string;
    by: Dimension[];
    filters: Partial<Record<Dimension, string[]>>;
    ssykLevel: 1 | 2 | 3 | 4;
  },
): Promise<DemandChange> {
  const [fromRound, toRound] = await Promise.all([resolveRound(c, input.from), resolveRound(c, input.to)]);
  const [fromCodes, toCodes] = await Promise.all([
    needQuestionCodes(c.get('deps').db, fromRound.questionnaireVersion),
    needQuestionCodes(c.get('deps').db, toRound.questionnaireVersion),
  ]);
  const dimensions = [...new Set([...input.by, ...(Object.keys(input.filters) as Dimension[])])];
  const needed = ['headcount', ...dimensions.flatMap((d) => (QUESTION_OF[d] ? [QUESTION_OF[d]] : []))];
  const missing = needed.filter((code) => !fromCodes.has(code) || !toCodes.has(code));
  if (missing.length > 0) {
    throw new AppError(422, 'error.validation.title', {
      detail: c.get('t')('demand.change.notComparable', { questions: missing.join(', ') }),
    });
  }
  const query = { by: input.by, filters: input.filters, ssykLevel: input.ssykLevel, view: 'protected' as const };
  const [a, b] = await Promise.all([
    demandTable(c, { ...query, round: fromRound.id }),
    demandTable(c, { ...query, round: toRound.id }),
  ]);
  return {
    from: a.round,
    to: b.round,
    by: input.by,
    cells: compareEntries(a.cells, b.cells),
    totals: compareEntries(a.totals, b.totals),
  };
}
