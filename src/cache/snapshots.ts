import { perDatabase, TextCache } from './text-cache.ts';

/**
 * Whole pages kept for visitors who are not signed in, stamped with the database's generation
 * (deps.dataGeneration: on Node, one statement that reads no table). While the generation is the
 * one a page was made under, nothing it was made from can have changed, so the page is served
 * without a query; any write anywhere makes every kept page miss once (docs/decisions/0038).
 *
 * A page is kept only where its body is already kept by a versioned cache (src/cache/define.ts)
 * and its layout shows nothing of the request but the language and the address: the snapshot
 * saves the queries that find the body and the layout's rendering, never shows anything the
 * versioned path would not. Memory only, per process; where there is no generation (Workers)
 * nothing is kept here.
 */
export interface SnapshotCache {
  get(db: object, generation: string, key: string): string | undefined;
  set(db: object, generation: string, key: string, page: string): void;
}

export function defineSnapshotCache(bounds: { maxEntries: number; maxSize: number }): SnapshotCache {
  const pagesOf = perDatabase<object, TextCache<string>>(() => new TextCache(bounds.maxEntries, bounds.maxSize));
  return {
    get: (db, generation, key) => pagesOf(db).get(key, generation),
    set: (db, generation, key, page) => pagesOf(db).set(key, generation, page),
  };
}
