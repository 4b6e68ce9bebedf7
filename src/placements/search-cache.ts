import type { Kysely } from 'kysely';
import { encode, perDatabase, TextCache } from '../cache/text-cache.ts';
import type { Database } from '../db/schema.ts';

/**
 * The public search's answers, kept per database (per process or isolate) under the query, the day
 * and the catalogue version that every placement write bumps in its own batch: a stale answer is
 * never served, and a repeated search costs one primary-key read (docs/decisions/0013).
 */
const cacheOf = perDatabase<Kysely<Database>, TextCache<Uint8Array<ArrayBuffer>>>(
  () => new TextCache<Uint8Array<ArrayBuffer>>(1000, 32 * 1024 * 1024),
);

export async function catalogueVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('placement_catalogue').select('version').where('id', '=', 1).executeTakeFirst();
  return row?.version ?? 0;
}

export async function cachedSearch(
  db: Kysely<Database>,
  key: string,
  compute: () => Promise<string>,
): Promise<Uint8Array<ArrayBuffer>> {
  const cache = cacheOf(db);
  const version = String(await catalogueVersion(db));
  const hit = cache.get(key, version);
  if (hit !== undefined) return hit;
  const body = encode(await compute());
  cache.set(key, version, body);
  return body;
}
