import type { Kysely } from 'kysely';
import { defineCache } from '../cache/define.ts';
import { PLACEMENTS } from '../cache/names.ts';
import { encode } from '../cache/text-cache.ts';
import type { Database } from '../db/schema.ts';

/**
 * The public search's answers, kept in memory per database (per process or isolate) under the
 * query and the day, and the version of the catalogue that every placement write raises in its
 * own batch: a stale answer is never served, and a repeated search costs one primary-key read
 * (docs/decisions/0013, 0024).
 */
export const placementSearch = defineCache<Uint8Array<ArrayBuffer>>({
  namespace: 'placement-search',
  store: 'memory',
  maxEntries: 1000,
  maxSize: 32 * 1024 * 1024,
});

export function cachedSearch(
  db: Kysely<Database>,
  key: string,
  now: Date,
  compute: () => Promise<string>,
): Promise<Uint8Array<ArrayBuffer>> {
  return placementSearch.get(db, { key, dependsOn: [PLACEMENTS], now }, async () => encode(await compute()));
}
