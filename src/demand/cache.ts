import type { Kysely } from 'kysely';
import { perDatabase, TextCache } from '../cache/text-cache.ts';
import type { Database } from '../db/schema.ts';

/**
 * A computed figure set of a round, read from demand_cache when it is there and stored there when
 * it is not. A submission deletes its round's rows in its own batch (src/surveys/respond/submit.ts), so a
 * cached value is never older than the last submission; a closed round's values stay as they are.
 * `key` must name everything that changes the value.
 */
export function readThroughCache<T>(
  db: Kysely<Database>,
  roundId: string,
  key: string,
  now: Date,
  compute: () => Promise<T>,
): Promise<T> {
  // One computation per value at a time: visitors who ask while it runs share its result instead
  // of each starting an aggregation that takes seconds over a million need lines.
  const running = inFlight(db);
  const flightKey = `${roundId}\u0000${key}`;
  const pending = running.get(flightKey);
  if (pending) return pending as Promise<T>;
  const work = read(db, roundId, key, now, compute).finally(() => running.delete(flightKey));
  running.set(flightKey, work);
  return work;
}

const flights = new WeakMap<Kysely<Database>, Map<string, Promise<unknown>>>();
function inFlight(db: Kysely<Database>): Map<string, Promise<unknown>> {
  let map = flights.get(db);
  if (!map) {
    map = new Map();
    flights.set(db, map);
  }
  return map;
}

/**
 * The texts of demand_cache rows, kept in memory under the round's figures stamp: a hit costs the
 * stamp's primary-key read instead of reading a row of tens of kilobytes from its overflow pages.
 */
const memoryOf = perDatabase<Kysely<Database>, TextCache>(() => new TextCache(500, 48 * 1024 * 1024));

/**
 * A page body (a string) is remembered as itself: strings are immutable, so every reader may share
 * it without parsing it again. Tables are remembered as their JSON and parsed for each reader, who
 * may then change its copy.
 */
function memorable(entries: string, value: unknown): string {
  return typeof value === 'string' ? `s${value}` : `j${entries}`;
}

function recall<T>(text: string): T {
  return (text.startsWith('s') ? text.slice(1) : JSON.parse(text.slice(1))) as T;
}

async function read<T>(
  db: Kysely<Database>,
  roundId: string,
  key: string,
  now: Date,
  compute: () => Promise<T>,
): Promise<T> {
  const round = await db.selectFrom('rounds').select('figures_stamp').where('id', '=', roundId).executeTakeFirst();
  const stamp = round?.figures_stamp ?? 0;
  const memory = memoryOf(db);
  const memoryKey = `${roundId}\u0000${key}`;
  const remembered = memory.get(memoryKey, String(stamp));
  if (remembered !== undefined) return recall<T>(remembered);
  const cached = await db
    .selectFrom('demand_cache')
    .select('entries')
    .where('round_id', '=', roundId)
    .where('query_key', '=', key)
    .executeTakeFirst();
  if (cached) {
    const value = JSON.parse(cached.entries) as T;
    memory.set(memoryKey, String(stamp), memorable(cached.entries, value));
    return value;
  }
  const value = await compute();
  const entries = JSON.stringify(value);
  // Stored only if no submission or import came in while it was computed (the stamp is the one
  // read before): a table made from the lines before a submission must not outlive it.
  const stored = await db
    .insertInto('demand_cache')
    .columns(['round_id', 'query_key', 'entries', 'computed_at'])
    .expression(
      db
        .selectNoFrom((eb) => [
          eb.val(roundId).as('round_id'),
          eb.val(key).as('query_key'),
          eb.val(entries).as('entries'),
          eb.val(now.toISOString()).as('computed_at'),
        ])
        .where((eb) => eb(eb.selectFrom('rounds').select('figures_stamp').where('id', '=', roundId), '=', stamp)),
    )
    .onConflict((oc) =>
      oc.columns(['round_id', 'query_key']).doUpdateSet((eb) => ({
        entries: eb.ref('excluded.entries'),
        computed_at: eb.ref('excluded.computed_at'),
      })),
    )
    .executeTakeFirst();
  if (Number(stored.numInsertedOrUpdatedRows ?? 0) > 0) memory.set(memoryKey, String(stamp), memorable(entries, value));
  return value;
}
