import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * A computed figure set of a round, read from demand_cache when it is there and stored there when
 * it is not. A submission deletes its round's rows in its own batch (src/surveys/submit.ts), so a
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

async function read<T>(
  db: Kysely<Database>,
  roundId: string,
  key: string,
  now: Date,
  compute: () => Promise<T>,
): Promise<T> {
  const cached = await db
    .selectFrom('demand_cache')
    .select('entries')
    .where('round_id', '=', roundId)
    .where('query_key', '=', key)
    .executeTakeFirst();
  if (cached) return JSON.parse(cached.entries) as T;
  const value = await compute();
  await db
    .insertInto('demand_cache')
    .values({ round_id: roundId, query_key: key, entries: JSON.stringify(value), computed_at: now.toISOString() })
    .onConflict((oc) =>
      oc
        .columns(['round_id', 'query_key'])
        .doUpdateSet((eb) => ({ entries: eb.ref('excluded.entries'), computed_at: eb.ref('excluded.computed_at') })),
    )
    .execute();
  return value;
}
