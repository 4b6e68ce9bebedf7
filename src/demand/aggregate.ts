import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { type Dimension, dimensionSql } from './dimensions.ts';
import type { TableEntry } from './protect-table.ts';

export interface DemandQuery {
  roundId: string;
  by: Dimension[];
  filters: Partial<Record<Dimension, string[]>>;
  ssykLevel: 1 | 2 | 3 | 4;
  dominanceN: number;
}

/** Every non-empty subset of the breakdown, and the empty one (the grand total). */
function subsets<T>(items: readonly T[]): T[][] {
  const out: T[][] = [[]];
  for (const item of items) for (const s of [...out]) out.push([...s, item]);
  return out;
}

/**
 * A round's demand broken down by one to three dimensions, with every margin, in one SQL statement:
 * for each entry the headcount, the number of distinct organisations, and the headcount of its
 * largest `dominanceN` contributors (for the dominance rule). A need line counts once per entry,
 * however many of its specialisations or skills fall in it.
 */
export async function aggregateDemand(db: Kysely<Database>, q: DemandQuery): Promise<TableEntry[]> {
  const used = [...new Set<Dimension>([...q.by, ...(Object.keys(q.filters) as Dimension[])])];
  const defs = new Map(used.map((d) => [d, dimensionSql(d, q.ssykLevel)]));
  const joins = [...defs.values()].flatMap((d) => (d.join ? [d.join] : []));
  const conditions: RawBuilder<unknown>[] = [sql`nl.round_id = ${q.roundId}`];
  for (const [dimension, values] of Object.entries(q.filters) as [Dimension, string[]][]) {
    if (values.length > 0) conditions.push(sql`${defs.get(dimension)?.value} in (${sql.join(values)})`);
  }
  const columns = q.by.map((d, i) => sql`${defs.get(d)?.value} as ${sql.raw(`d${i}`)}`);
  const facts = sql`select distinct nl.id as need_id, nl.organisation_id as org, nl.headcount as hc${columns.length ? sql`, ${sql.join(columns)}` : sql``}
    from need_lines nl
    join submitted_responses sr on sr.round_id = nl.round_id and sr.organisation_id = nl.organisation_id
    ${sql.join(joins, sql` `)}
    where ${sql.join(conditions, sql` and `)}`;

  const parts = subsets(q.by.map((_d, i) => i)).map((subset) => {
    const mask = q.by.map((_d, i) => (subset.includes(i) ? '1' : '0')).join('');
    const cols = subset.map((i) => sql.raw(`d${i}`));
    const select = q.by.map((_d, i) => (subset.includes(i) ? sql.raw(`d${i}`) : sql`null`));
    const group = cols.length ? sql.join(cols) : sql`1`;
    const partition = cols.length ? sql`partition by ${sql.join(cols)}` : sql``;
    return sql`select ${mask} as mask${select.length ? sql`, ${sql.join(select.map((s, i) => sql`${s} as ${sql.raw(`d${i}`)}`))}` : sql``},
        sum(hc) as headcount, count(*) as organisations,
        sum(case when rn <= ${q.dominanceN} then hc else 0 end) as top
      from (
        select ${cols.length ? sql`${sql.join(cols)}, ` : sql``}org, hc, row_number() over (${partition} order by hc desc) as rn
        from (
          select ${cols.length ? sql`${sql.join(cols)}, ` : sql``}org, sum(hc) as hc
          from (select distinct need_id, org, hc${cols.length ? sql`, ${sql.join(cols)}` : sql``} from facts)
          group by ${cols.length ? sql`${sql.join(cols)}, ` : sql``}org
        )
      )
      group by ${group}`;
  });

  const result = await sql<Record<string, string | number | null>>`
    with facts as materialized (${facts})
    ${sql.join(parts, sql` union all `)}`.execute(db);

  return result.rows
    .filter((row) => Number(row.organisations) > 0)
    .map((row) => {
      const mask = String(row.mask);
      const key: Record<string, string> = {};
      q.by.forEach((d, i) => {
        if (mask[i] === '1') key[d] = String(row[`d${i}`]);
      });
      return {
        key,
        headcount: Number(row.headcount),
        organisations: Number(row.organisations),
        topContributors: Number(row.top),
      };
    });
}

/** The cache key of a query: everything that changes its result, in a fixed order. */
export function demandQueryKey(q: DemandQuery): string {
  const filters = Object.entries(q.filters)
    .filter(([, values]) => values.length > 0)
    .map(([d, values]) => [d, [...values].sort()])
    .sort(([a], [b]) => String(a).localeCompare(String(b)));
  return JSON.stringify({ by: q.by, filters, ssykLevel: q.ssykLevel, n: q.dominanceN });
}

/**
 * `aggregateDemand`, read from demand_cache when it is there and stored there when it is not.
 * A submission deletes its round's rows in its own batch (src/surveys/submit.ts), so a cached
 * table is never older than the last submission.
 */
export async function cachedAggregateDemand(db: Kysely<Database>, q: DemandQuery, now: Date): Promise<TableEntry[]> {
  const key = demandQueryKey(q);
  const cached = await db
    .selectFrom('demand_cache')
    .select('entries')
    .where('round_id', '=', q.roundId)
    .where('query_key', '=', key)
    .executeTakeFirst();
  if (cached) return JSON.parse(cached.entries) as TableEntry[];
  const entries = await aggregateDemand(db, q);
  await db
    .insertInto('demand_cache')
    .values({ round_id: q.roundId, query_key: key, entries: JSON.stringify(entries), computed_at: now.toISOString() })
    .onConflict((oc) =>
      oc
        .columns(['round_id', 'query_key'])
        .doUpdateSet((eb) => ({ entries: eb.ref('excluded.entries'), computed_at: eb.ref('excluded.computed_at') })),
    )
    .execute();
  return entries;
}
