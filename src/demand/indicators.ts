import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { unionAll } from '../db/union-all.ts';
import type { DemandQuery } from './aggregate.ts';
import { demandQueryKey } from './aggregate.ts';
import { readThroughCache } from './cache.ts';
import { type Dimension, dimensionSql } from './dimensions.ts';
import type { TableEntry } from './protect-table.ts';

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
  const joins = [...defs.values()].flatMap((d) => (d.join ? [d.join] : []));
  const conditions: RawBuilder<unknown>[] = [sql`nl.round_id = ${q.roundId}`];
  for (const [dimension, values] of Object.entries(q.filters) as [Dimension, string[]][]) {
    if (values.length > 0) conditions.push(sql`${defs.get(dimension)?.value} in (${sql.join(values)})`);
  }
  // Only municipality, sector and size class need the organisation's attributes as it answered.
  const needsOrganisation = used.some((d) => d === 'municipality' || d === 'sector' || d === 'sizeClass');
  const columns = Object.values(STRATEGY_COLUMNS).map((column) => sql.raw(`nl.${column}`));
  const groups = [
    sql`select 'total' as indicator, '' as value, org, hc, difficulty from facts`,
    sql`select 'difficulty', cast(difficulty as text), org, hc, difficulty from facts`,
    ...Object.entries(STRATEGY_COLUMNS).map(
      ([code, column]) =>
        sql`select ${code}, case when ${sql.raw(column)} = 1 then 'yes' else 'no' end, org, hc, difficulty from facts`,
    ),
  ];
  const result = await sql<Record<string, string | number>>`
    with facts as materialized (
      select distinct nl.id as need_id, nl.organisation_id as org, nl.headcount as hc, nl.difficulty,
        ${sql.join(columns)}
      from need_lines nl
      ${needsOrganisation ? sql`join submitted_responses sr on sr.round_id = nl.round_id and sr.organisation_id = nl.organisation_id` : sql``}
      ${sql.join(joins, sql` `)}
      where ${sql.join(conditions, sql` and `)}
    ), grouped as (${unionAll(groups)}),
    per_org as (
      select indicator, value, org, sum(hc) as hc, sum(hc * difficulty) as weighted
      from grouped group by indicator, value, org
    ), ranked as (
      select *, row_number() over (partition by indicator, value order by hc desc) as rn from per_org
    )
    select indicator, value, sum(hc) as headcount, count(*) as organisations, sum(weighted) as weighted,
      sum(case when rn <= ${q.dominanceN} then hc else 0 end) as top
    from ranked group by indicator, value`.execute(db);
  const keyOf = (row: Record<string, string | number>): Record<string, string> =>
    row.indicator === 'total' ? {} : { indicator: String(row.indicator), value: String(row.value) };
  return result.rows.map((row) => ({
    key: keyOf(row),
    headcount: Number(row.headcount),
    organisations: Number(row.organisations),
    topContributors: Number(row.top),
    weighted: Number(row.weighted),
  }));
}

/** `aggregateIndicators` through demand_cache, beside the demand tables of the same round. */
export function cachedAggregateIndicators(db: Kysely<Database>, q: IndicatorQuery, now: Date) {
  return readThroughCache(db, q.roundId, indicatorsCacheKey(q), now, () => aggregateIndicators(db, q));
}

/** The demand_cache key of a round's indicators. */
export function indicatorsCacheKey(q: IndicatorQuery): string {
  return `indicators:${demandQueryKey({ ...q, by: [] })}`;
}
