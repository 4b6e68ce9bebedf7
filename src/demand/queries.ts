import { type Expression, type Kysely, sql } from 'kysely';
import { unionAll, yieldToRequestsEvery1024 } from '../db/queries.ts';
import type { Database } from '../db/schema.ts';

/** One entry of a demand table as SQL gives it: `d0`… hold the breakdown's values, null in a margin. */
export type FactEntryRow = Record<string, string | number | null>;

/**
 * Every entry of a demand table and its margins from a round's facts (a query giving `org`, `hc`,
 * `d0`… for the breakdown, and `need_id` where a dimension repeats a need), in one statement: for
 * each subset of the breakdown (`mask`, '1' where a dimension is kept) the headcount, the number of
 * organisations and the headcount of the largest `dominanceN` of them. The facts are materialised
 * once; the largest contributors per entry are ranked with row_number() over a window, which the
 * builder cannot say. `repeating[i]`: dimension i can hold a need more than once (a link table).
 */
export async function aggregateFacts(
  db: Kysely<Database>,
  facts: Expression<unknown>,
  repeating: readonly boolean[],
  dominanceN: number,
  /**
   * The facts carry `yield_row` (the need line's rowid) and the connection has the yield function
   * (Node's worker thread): each part's scan of the materialised facts pauses for requests too.
   */
  options: { yieldRow?: boolean } = {},
): Promise<FactEntryRow[]> {
  const repeats = repeating.some(Boolean);
  const scan = options.yieldRow ? sql`facts where ${yieldToRequestsEvery1024('yield_row')}` : sql`facts`;
  const parts = subsets(repeating.map((_r, i) => i)).map((subset) => {
    const mask = repeating.map((_r, i) => (subset.includes(i) ? '1' : '0')).join('');
    const keys = subset.map((i) => `d${i}`);
    const columns = repeating.map((_r, i) => (subset.includes(i) ? sql.ref(`d${i}`) : sql.lit(null)).as(`d${i}`));
    // Dropping a repeating dimension could count a need twice in the margin: count distinct needs.
    const dropsRepeat = repeats && repeating.some((r, i) => r && !subset.includes(i));
    const source = dropsRepeat
      ? sql`(select distinct ${refs(['need_id', 'org', 'hc', ...keys])} from ${scan})`
      : options.yieldRow
        ? sql`(select * from ${scan})`
        : sql.ref('facts');
    const partition = keys.length > 0 ? sql`partition by ${refs(keys)} ` : sql``;
    return sql`select ${sql.join([sql.val(mask).as('mask'), ...columns])},
        sum(hc) as headcount, count(*) as organisations,
        sum(case when rn <= ${dominanceN} then hc else 0 end) as top
      from (
        select ${refs([...keys, 'hc'])}, row_number() over (${partition}order by hc desc) as rn
        from (select ${refs([...keys, 'org'])}, sum(hc) as hc from ${source} group by ${refs([...keys, 'org'])})
      )
      group by ${refs(keys.length > 0 ? keys : ['mask'])}`;
  });
  const result = await sql<FactEntryRow>`with facts as materialized ${facts} ${unionAll(parts)}`.execute(db);
  return result.rows;
}

/**
 * Recruitment difficulty and strategies from a round's facts (a query giving each need once with
 * `org`, `hc`, `difficulty` and the strategy columns), in one statement: per group (`total`,
 * `difficulty` 1–5, each strategy `yes`/`no`) the headcount, the number of organisations, the
 * headcount-weighted difficulty and the headcount of the largest `dominanceN` organisations, ranked
 * with row_number() over a window, which the builder cannot say.
 */
export async function aggregateIndicatorFacts(
  db: Kysely<Database>,
  facts: Expression<unknown>,
  strategies: readonly (readonly [code: string, column: string])[],
  dominanceN: number,
): Promise<Record<string, string | number>[]> {
  const groups = [
    sql`select 'total' as indicator, '' as value, org, hc, difficulty from facts`,
    sql`select 'difficulty', cast(difficulty as text), org, hc, difficulty from facts`,
    ...strategies.map(
      ([code, column]) =>
        sql`select ${code}, case when ${sql.ref(column)} = 1 then 'yes' else 'no' end, org, hc, difficulty from facts`,
    ),
  ];
  const result = await sql<Record<string, string | number>>`
    with facts as materialized ${facts}, grouped as (${unionAll(groups)}),
    per_org as (
      select indicator, value, org, sum(hc) as hc, sum(hc * difficulty) as weighted
      from grouped group by indicator, value, org
    ), ranked as (
      select *, row_number() over (partition by indicator, value order by hc desc) as rn from per_org
    )
    select indicator, value, sum(hc) as headcount, count(*) as organisations, sum(weighted) as weighted,
      sum(case when rn <= ${dominanceN} then hc else 0 end) as top
    from ranked group by indicator, value`.execute(db);
  return result.rows;
}

/** Columns by name, comma-separated. */
const refs = (names: readonly string[]) => sql.join(names.map((name) => sql.ref(name)));

/** Every subset of the items, the empty one first. */
function subsets<T>(items: readonly T[]): T[][] {
  const out: T[][] = [[]];
  for (const item of items) for (const s of [...out]) out.push([...s, item]);
  return out;
}
