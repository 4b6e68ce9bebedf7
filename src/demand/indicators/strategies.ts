import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { DemandQuery } from '../aggregate.ts';
import { demandQueryKey } from '../aggregate.ts';
import { readThroughCache } from '../cache.ts';
import { type Dimension, dimensionSql, needLineFacts } from '../dimensions.ts';
import type { TableEntry } from '../protect-table.ts';
import { aggregateIndicatorFacts } from '../queries.ts';

/** How a need is to be met: the questionnaire's strategy codes and their columns in need_lines. */
export const STRATEGY_COLUMNS = {
  'recruit-outside': 'recruit_outside',
  'relocation-family': 'relocation_family',
  remote: 'remote',
  'train-staff': 'train_staff',
  consultants: 'consultants',
  'recruit-local': 'recruit_local',
} as const;
export type StrategyCode = keyof typeof STRATEGY_COLUMNS;
export const STRATEGY_CODES = Object.keys(STRATEGY_COLUMNS) as StrategyCode[];

/**
 * One group of need lines with what the disclosure rule needs: `key.indicator` is `total`,
 * `difficulty` (with `key.value` 1–5) or a strategy code (with `key.value` `yes` or `no`).
 * `weighted` is the headcount-weighted sum of difficulty, for the mean.
 */
export interface IndicatorEntry extends TableEntry {
  weighted: number;
}

export type IndicatorQuery = Omit<DemandQuery, 'by' | 'organisationId'>;

/**
 * Recruitment difficulty and strategies of a round's submitted need lines, filtered like demand
 * tables, in one SQL statement: each need line once per group, weighted by its headcount.
 */
export async function aggregateIndicators(db: Kysely<Database>, q: IndicatorQuery): Promise<IndicatorEntry[]> {
  const used = Object.keys(q.filters) as Dimension[];
  const defs = new Map(used.map((d) => [d, dimensionSql(d, q.ssykLevel)]));
  const facts = needLineFacts(db, { roundId: q.roundId, filters: q.filters, defs })
    .distinct()
    .select(['nl.id as need_id', 'nl.organisation_id as org', 'nl.headcount as hc', 'nl.difficulty'])
    .select(Object.values(STRATEGY_COLUMNS).map((column) => `nl.${column}` as const));
  const rows = await aggregateIndicatorFacts(db, facts, Object.entries(STRATEGY_COLUMNS), q.dominanceN);
  const keyOf = (row: Record<string, string | number>): Record<string, string> =>
    row.indicator === 'total' ? {} : { indicator: String(row.indicator), value: String(row.value) };
  return rows.map((row) => ({
    key: keyOf(row),
    headcount: Number(row.headcount),
    organisations: Number(row.organisations),
    topContributors: Number(row.top),
    weighted: Number(row.weighted),
  }));
}

/** `aggregateIndicators` through the demandFigures cache, beside the demand tables of the same round. */
export function cachedAggregateIndicators(db: Kysely<Database>, q: IndicatorQuery, now: Date) {
  return readThroughCache(db, q.roundId, indicatorsCacheKey(q), now, () => aggregateIndicators(db, q));
}

/** The cache key of a round's indicators. */
export function indicatorsCacheKey(q: IndicatorQuery): string {
  return `indicators:${demandQueryKey({ ...q, by: [] })}`;
}
