import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * The public search's answers, kept per database (per process or isolate) under the query, the day
 * and the catalogue version that every placement write bumps in its own batch: a stale answer is
 * never served, and a repeated search costs one primary-key read (docs/decisions/0013).
 */
const LIMIT = 1000;
const caches = new WeakMap<object, Map<string, { version: number; body: string }>>();

export async function catalogueVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('placement_catalogue').select('version').where('id', '=', 1).executeTakeFirst();
  return row?.version ?? 0;
}

export async function cachedSearch(db: Kysely<Database>, key: string, compute: () => Promise<string>): Promise<string> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const version = await catalogueVersion(db);
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.body;
  const body = await compute();
  cache.delete(key);
  cache.set(key, { version, body });
  if (cache.size > LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return body;
}
