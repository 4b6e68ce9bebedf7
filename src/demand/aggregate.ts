import { type Kysely, sql } from 'kysely';
import { yieldToRequestsEvery1024 } from '../db/queries.ts';
import type { Database } from '../db/schema.ts';
import { readThroughCache } from './cache.ts';
import { type Dimension, dimensionSql, needLineFacts } from './dimensions.ts';
import type { TableEntry } from './protect-table.ts';
import { aggregateFacts } from './queries.ts';

export interface DemandQuery {
  roundId: string;
  by: Dimension[];
  filters: Partial<Record<Dimension, string[]>>;
  ssykLevel: 1 | 2 | 3 | 4;
  dominanceN: number;
  /** Only this organisation's lines: its own figures, shown to its members beside the region's. */
  organisationId?: string;
}

/**
 * A round's demand broken down by one to three dimensions, with every margin, in one SQL statement:
 * for each entry the headcount, the number of distinct organisations, and the headcount of its
 * largest `dominanceN` contributors (for the dominance rule). A need line counts once per entry,
 * however many of its specialisations or skills fall in it.
 */
export async function aggregateDemand(
  db: Kysely<Database>,
  q: DemandQuery,
  /** Node's worker thread: its connection pauses for requests during the scan (src/db/queries.ts). */
  options: { yieldToRequests?: boolean } = {},
): Promise<TableEntry[]> {
  const used = [...new Set<Dimension>([...q.by, ...(Object.keys(q.filters) as Dimension[])])];
  const defs = new Map(used.map((d) => [d, dimensionSql(d, q.ssykLevel)]));
  // A need counts once per entry: where a link table can repeat it, facts keep the need's id.
  const repeats = used.some((d) => MULTI_VALUED.has(d));
  const facts = needLineFacts(db, { roundId: q.roundId, organisationId: q.organisationId, filters: q.filters, defs })
    // The rowid, an integer, is cheaper to keep distinct than the need's text id.
    .$if(repeats, (f) => f.distinct().select(sql.ref<number>('nl.rowid').as('need_id')))
    .select(['nl.organisation_id as org', 'nl.headcount as hc'])
    .$if(q.by.length > 0, (f) => f.select(q.by.map((d, i) => dimensionSql(d, q.ssykLevel).value.as(`d${i}`))))
    .$if(options.yieldToRequests === true, (f) =>
      f.where(yieldToRequestsEvery1024('nl.rowid')).select(sql.ref<number>('nl.rowid').as('yield_row')),
    );
  const rows = await aggregateFacts(
    db,
    facts,
    q.by.map((d) => MULTI_VALUED.has(d)),
    q.dominanceN,
    { yieldRow: options.yieldToRequests === true },
  );
  return rows
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
 * `aggregateDemand` through the demandFigures cache (src/demand/cache.ts). `compute` runs it elsewhere: on
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
