import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { cachedAggregateDemand, type DemandQuery, demandQueryKey } from './aggregate.ts';
import { cachedAggregateIndicators, indicatorsCacheKey } from './indicators.ts';
import { OPEN_DATA_TABLES } from './open-data.ts';

/**
 * The figure sets that most reads need, computed ahead of the first visitor: over a million need
 * lines a cold aggregation takes seconds (docs/decisions/0016-demand-precompute.md), while a
 * stored one is read in about a millisecond. These are the demand page's default table and chart,
 * the open-data tables, the occupation × horizon table that the education gap and placement
 * matching read, and the indicators without filters.
 */
export function standardQueries(roundId: string, dominanceN: number): DemandQuery[] {
  const query = (by: DemandQuery['by'], ssykLevel: DemandQuery['ssykLevel'] = 4): DemandQuery => ({
    roundId,
    by,
    filters: {},
    ssykLevel,
    dominanceN,
  });
  const all = [query(['specialisation', 'horizon']), ...OPEN_DATA_TABLES.map((t) => query([...t.by], t.ssykLevel))];
  return [...new Map(all.map((q) => [demandQueryKey(q), q])).values()];
}

/**
 * Computes what is missing of the standard figure sets of every round with figures (open or
 * closed), oldest need first, until `budgetMs` has passed. Stored sets are left alone, so a
 * second run finds nothing to do; a submission deletes its round's sets (src/surveys/submit.ts)
 * and the next run computes them again. Returns how many sets it computed.
 */
export async function precomputeDemand(
  db: Kysely<Database>,
  options: { now: Date; dominanceN: number; budgetMs: number; clock?: () => number },
): Promise<number> {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const rounds = await db
    .selectFrom('rounds')
    .select('id')
    .where('status', 'in', ['open', 'closed'])
    .orderBy('opens_at', 'desc')
    .execute();
  let computed = 0;
  for (const round of rounds) {
    const stored = new Set(
      (await db.selectFrom('demand_cache').select('query_key').where('round_id', '=', round.id).execute()).map(
        (row) => row.query_key,
      ),
    );
    for (const q of standardQueries(round.id, options.dominanceN)) {
      if (stored.has(demandQueryKey(q))) continue;
      if (clock() - started > options.budgetMs) return computed;
      await cachedAggregateDemand(db, q, options.now);
      computed++;
    }
    const indicators = { roundId: round.id, filters: {}, ssykLevel: 4 as const, dominanceN: options.dominanceN };
    if (!stored.has(indicatorsCacheKey(indicators))) {
      if (clock() - started > options.budgetMs) return computed;
      await cachedAggregateIndicators(db, indicators, options.now);
      computed++;
    }
  }
  return computed;
}
