import type { Kysely } from 'kysely';
import type { CoreDeps } from '../../core/deps.ts';
import { DomainError } from '../../core/errors.ts';
import type { Database } from '../../db/schema.ts';
import { publicationState, readTable } from '../../publication/index.ts';
import { countNeedLines } from '../../surveys/index.ts';
import { cachedAggregateDemand, type DemandQuery, demandQueryKey } from '../aggregate.ts';
import { type ProtectedEntry, protectTable, type TableEntry } from '../protect-table.ts';
import type { DemandRound } from '../rounds.ts';
import { catalogueRequest, type TableInput } from '../tables.ts';
import { type Progress, pendingComputations, RAW_TABLE_RETRY_AFTER_SECONDS } from './progress.ts';

/** A raw table not done within the wait: it is being computed off the request (progress.ts). */
export interface TableComputing {
  state: 'computing';
  round: DemandRound;
  /** When the computation started (ISO 8601). */
  since: string;
  /** The round's need lines: why a table over them takes a while. */
  needLines: number;
  /** When the last attempt at the same table failed, if it did. */
  lastFailedAt: string | null;
  /** Seconds until it is worth asking again. */
  retryAfter: number;
}

/**
 * The secretariat's raw table on any breakdown (the caller audits the read), with what publishing
 * hides: the publication's status where the breakdown is a published table, else the primary
 * rule's. Waits for the aggregation at most `waitMs` (Infinity: until it is done); past that it
 * answers that the table is being computed. A failed computation is a 503 (DomainError
 * 'unavailable'); the next request starts it again.
 */
export async function rawDemandTable(
  deps: CoreDeps,
  round: DemandRound,
  input: TableInput,
  waitMs: number,
): Promise<{ cells: ProtectedEntry[]; totals: ProtectedEntry[] } | TableComputing> {
  const { db, config } = deps;
  const query = {
    roundId: round.id,
    by: input.by,
    filters: input.filters,
    ssykLevel: input.ssykLevel,
    dominanceN: config.disclosure.dominanceN,
  };
  const progress = await rawEntries(deps, query, waitMs);
  if (progress.state === 'failed') {
    throw new DomainError('unavailable', 'demand.raw.failed', { extra: { failedAt: progress.at } });
  }
  if (progress.state === 'computing') {
    return {
      state: 'computing',
      round,
      since: progress.since,
      needLines: await countNeedLines(db, round.id),
      lastFailedAt: progress.lastFailedAt,
      retryAfter: RAW_TABLE_RETRY_AFTER_SECONDS,
    };
  }
  const entries = progress.value;
  const hiddenBy = await publishedReasons(db, round, input);
  const primary = protectTable(input.by, entries, config.disclosure);
  const out: ProtectedEntry[] = entries.map((e, i) => ({
    key: e.key,
    headcount: e.headcount,
    organisations: e.organisations,
    suppressed: false,
    reason: hiddenBy ? (hiddenBy.get(keyOf(e.key)) ?? null) : (primary[i]?.reason ?? null),
  }));
  const isCell = (e: ProtectedEntry) => input.by.every((d) => e.key[d] !== undefined);
  return { cells: out.filter(isCell), totals: out.filter((e) => !isCell(e)) };
}

const rawTables = pendingComputations<TableEntry[]>();

/**
 * A raw table's entries, from the demandFigures cache or computed. On Node the worker thread (deps.offload)
 * aggregates while this thread answers other requests, and the caller waits at most `waitMs`; a
 * second request for the same table joins the computation in progress. Without an offload
 * (Workers, tests over an in-memory database) this thread computes it and the caller waits until
 * it is done: a Worker has no threads to hand it to, and its D1 queries are I/O that does not hold
 * up the isolate's other requests (better-sqlite3 on Node would, which is why Node offloads); an
 * early answer would also let the runtime cancel the work once the response is sent.
 */
async function rawEntries(deps: CoreDeps, query: DemandQuery, waitMs: number): Promise<Progress<TableEntry[]>> {
  const { db, offload } = deps;
  if (!offload) {
    return { state: 'done', value: await cachedAggregateDemand(db, query, deps.now()) };
  }
  return rawTables(
    deps,
    db,
    `${query.roundId}\u0000${demandQueryKey(query)}`,
    () => cachedAggregateDemand(db, query, deps.now(), offload.aggregateDemand),
    waitMs,
  );
}

function keyOf(key: Record<string, string | undefined>): string {
  return Object.keys(key)
    .filter((k) => key[k] !== undefined)
    .sort()
    .map((k) => `${k}=${key[k]}`)
    .join('|');
}

/** What the publication hides of a raw table, by entry key, when the table is one it publishes. */
async function publishedReasons(
  db: Kysely<Database>,
  round: DemandRound,
  input: TableInput,
): Promise<Map<string, ProtectedEntry['reason']> | null> {
  if (round.status !== 'closed') return null;
  const state = await publicationState(db, round.id);
  if (state.state !== 'published') return null;
  try {
    const table = await readTable(db, state.publication, catalogueRequest(input));
    const filtered = new Set(Object.keys(input.filters));
    return new Map(
      [...table.cells, ...table.totals].map((e) => {
        // Raw entries are keyed by the breakdown only; the filter's code is implied.
        const key = Object.fromEntries(Object.entries(e.key).filter(([d]) => !filtered.has(d)));
        return [keyOf(key), e.reason];
      }),
    );
  } catch (err) {
    if (err instanceof DomainError) return null;
    throw err;
  }
}
