import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { unionAll } from '../db/union-all.ts';
import { readThroughCache } from './cache.ts';
import { type Dimension, dimensionSql } from './dimensions.ts';
import type { TableEntry } from './protect-table.ts';

export interface DemandQuery {
  roundId: string;
  by: Dimension[];
  filters: Partial<Record<Dimension, string[]>>;
  ssykLevel: 1 | 2 | 3 | 4;
  dominanceN: number;
  /** Only this organisation's lines: its own figures, shown to its members beside the region's. */
  organisationId?: string;
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
  // Only municipality, sector and size class need the organisation's attributes.
  const needsOrganisation = used.some((d) => SUBMITTER_DIMENSIONS.has(d));
  // A need counts once per entry: where a link table can repeat it, facts keep the need's id.
  const repeats = used.some((d) => MULTI_VALUED.has(d));
  const conditions: RawBuilder<unknown>[] = [sql`nl.round_id = ${q.roundId}`];
  if (q.organisationId !== undefined) conditions.push(sql`nl.organisation_id = ${q.organisationId}`);
  for (const [dimension, values] of Object.entries(q.filters) as [Dimension, string[]][]) {
    if (values.length > 0) conditions.push(sql`${defs.get(dimension)?.value} in (${sql.join(values)})`);
  }
  const columns = q.by.map((d, i) => sql`${defs.get(d)?.value} as ${sql.raw(`d${i}`)}`);
  const facts = sql`select ${repeats ? sql`distinct nl.rowid as need_id, ` : sql``}nl.organisation_id as org, nl.headcount as hc${columns.length ? sql`, ${sql.join(columns)}` : sql``}
    from need_lines nl
    ${needsOrganisation ? sql`join submitted_responses sr on sr.round_id = nl.round_id and sr.organisation_id = nl.organisation_id` : sql``}
    ${sql.join(joins, sql` `)}
    where ${sql.join(conditions, sql` and `)}`;

  const parts = subsets(q.by.map((_d, i) => i)).map((subset) => {
    const mask = q.by.map((_d, i) => (subset.includes(i) ? '1' : '0')).join('');
    const cols = subset.map((i) => sql.raw(`d${i}`));
    const lead = cols.length ? sql`${sql.join(cols)}, ` : sql``;
    const select = q.by.map(
      (_d, i) => sql`${subset.includes(i) ? sql.raw(`d${i}`) : sql`null`} as ${sql.raw(`d${i}`)}`,
    );
    // Dropping a repeating dimension could count a need twice in the margin: count distinct needs.
    const dropsRepeat = repeats && q.by.some((d, i) => MULTI_VALUED.has(d) && !subset.includes(i));
    const source = dropsRepeat
      ? sql`(select distinct need_id, org, hc${cols.length ? sql`, ${sql.join(cols)}` : sql``} from facts)`
      : sql`facts`;
    return sql`select ${mask} as mask${select.length ? sql`, ${sql.join(select)}` : sql``},
        sum(hc) as headcount, count(*) as organisations,
        sum(case when rn <= ${q.dominanceN} then hc else 0 end) as top
      from (
        select ${lead}hc, row_number() over (${cols.length ? sql`partition by ${sql.join(cols)} ` : sql``}order by hc desc) as rn
        from (select ${lead}org, sum(hc) as hc from ${source} group by ${lead}org)
      )
      group by ${cols.length ? sql.join(cols) : sql`mask`}`;
  });

  const result = await sql<Record<string, string | number | null>>`
    with facts as materialized (${facts})
    ${unionAll(parts)}`.execute(db);

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

const SUBMITTER_DIMENSIONS = new Set<Dimension>(['municipality', 'sector', 'sizeClass']);
const MULTI_VALUED = new Set<Dimension>(['specialisation', 'focusArea', 'skill']);

/** The cache key of a query: everything that changes its result, in a fixed order. */
export function demandQueryKey(q: DemandQuery): string {
  const filters = Object.entries(q.filters)
    .filter(([, values]) => values.length > 0)
    .map(([d, values]) => [d, [...values].sort()])
    .sort(([a], [b]) => String(a).localeCompare(String(b)));
  const key = { by: q.by, filters, ssykLevel: q.ssykLevel, n: q.dominanceN };
  return JSON.stringify(q.organisationId === undefined ? key : { ...key, organisation: q.organisationId });
}

/**
 * `aggregateDemand` through demand_cache (src/demand/cache.ts). `compute` runs it elsewhere: on
 * Node the server passes its worker thread (deps.offload), so that a table over a million lines is
 * aggregated while other requests are answered.
 */
export function cachedAggregateDemand(
  db: Kysely<Database>,
  q: DemandQuery,
  now: Date,
  compute: (q: DemandQuery) => Promise<TableEntry[]> = (query) => aggregateDemand(db, query),
): Promise<TableEntry[]> {
  return readThroughCache(db, q.roundId, demandQueryKey(q), now, () => compute(q));
}

declare module '../core/deps.ts' {
  interface Offload {
    /** The secretariat's raw table on any breakdown (`aggregateDemand`), off the request thread. */
    aggregateDemand: (query: DemandQuery) => Promise<TableEntry[]>;
  }
}
