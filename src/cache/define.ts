import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { perDatabase, TextCache } from './text-cache.ts';
import { readStamp, stampIsCurrent } from './versions.ts';

/**
 * One declared cache (docs/decisions/0024-one-cache-module.md). A feature says where its values
 * live and how much memory they may take; each read names the data the value is made from
 * (`dependsOn`, data_versions names) and the cache serves a kept value only while their versions
 * are the ones it was made from. A hit costs one read of those versions plus memory.
 */
export interface CacheDefinition {
  /** Stable, kebab-case; the entries' namespace in cache_entries. */
  namespace: string;
  /**
   * `memory`: per process or Worker isolate only. `table`: also in cache_entries, for values that
   * take long to compute (a restart, another isolate finds them there); JSON values only.
   */
  store: 'memory' | 'table';
  /** Memory bounds: at most this many values, of at most this many characters (or bytes) in all. */
  maxEntries: number;
  maxSize: number;
  /** Table entries computed longer ago than this are purged even when current (see purge.ts). */
  maxAgeDays?: number;
}

export interface CacheRead {
  /** Names everything that changes the value besides the data in `dependsOn`. */
  key: string;
  /** The data_versions names the value is made from. */
  dependsOn: readonly string[];
  now: Date;
}

export interface Cache<T = unknown> extends CacheDefinition {
  /**
   * The value under `key`: from memory, else the table, else `compute`d (once at a time per key:
   * callers who ask while it runs share its result) and kept. A value computed while one of its
   * versions moved is returned but not stored in the table. A key's value is of one type: the
   * reader's `V` is what its `compute` gives.
   */
  get<V extends T>(db: Kysely<Database>, read: CacheRead, compute: () => Promise<V>): Promise<V>;
}

type Held = string | Uint8Array;

/**
 * Strings and bytes are kept as themselves (immutable, or never changed by their readers: shared
 * without parsing); other values as their JSON, parsed for each reader, who may change its copy.
 */
const STRING = 's';
const JSON_VALUE = 'j';
const held = (value: unknown, json?: string): Held =>
  value instanceof Uint8Array
    ? value
    : typeof value === 'string'
      ? STRING + value
      : JSON_VALUE + (json ?? JSON.stringify(value));
const recall = <T>(h: Held): T =>
  (h instanceof Uint8Array ? h : h.startsWith(STRING) ? h.slice(1) : JSON.parse(h.slice(1))) as T;

export function defineCache<T = unknown>(definition: CacheDefinition): Cache<T> {
  const stateOf = perDatabase<Kysely<Database>, { memory: TextCache<Held>; running: Map<string, Promise<T>> }>(() => ({
    memory: new TextCache<Held>(definition.maxEntries, definition.maxSize),
    running: new Map(),
  }));
  const { namespace } = definition;

  async function read(db: Kysely<Database>, { key, dependsOn, now }: CacheRead, compute: () => Promise<T>) {
    const stamp = await readStamp(db, dependsOn);
    const { memory } = stateOf(db);
    const remembered = memory.get(key, stamp);
    if (remembered !== undefined) return recall<T>(remembered);
    if (definition.store === 'memory') {
      const value = await compute();
      // Under the versions read before computing: a write meanwhile makes the next read miss.
      memory.set(key, stamp, held(value));
      return value;
    }
    const stored = await db
      .selectFrom('cache_entries')
      .select('value')
      .where('namespace', '=', namespace)
      .where('key', '=', key)
      .where('stamp', '=', stamp)
      .executeTakeFirst();
    if (stored) {
      const value = JSON.parse(stored.value) as T;
      memory.set(key, stamp, held(value, stored.value));
      return value;
    }
    const value = await compute();
    if (value instanceof Uint8Array) throw new TypeError(`cache ${namespace}: bytes are kept in memory only`);
    const json = JSON.stringify(value);
    // Stored only if the versions are still the ones read before computing: a value made from the
    // data before a write that landed meanwhile must not outlive it.
    const result = await db
      .insertInto('cache_entries')
      .columns(['namespace', 'key', 'stamp', 'depends_on', 'computed_at', 'value'])
      .expression(
        db
          .selectNoFrom((eb) => [
            eb.val(namespace).as('namespace'),
            eb.val(key).as('key'),
            eb.val(stamp).as('stamp'),
            eb.val(JSON.stringify(dependsOn)).as('depends_on'),
            eb.val(now.toISOString()).as('computed_at'),
            eb.val(json).as('value'),
          ])
          .where(stampIsCurrent(dependsOn, stamp)),
      )
      .onConflict((oc) =>
        oc.columns(['namespace', 'key']).doUpdateSet((eb) => ({
          stamp: eb.ref('excluded.stamp'),
          depends_on: eb.ref('excluded.depends_on'),
          computed_at: eb.ref('excluded.computed_at'),
          value: eb.ref('excluded.value'),
        })),
      )
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) memory.set(key, stamp, held(value, json));
    return value;
  }

  return {
    ...definition,
    get<V extends T>(db: Kysely<Database>, request: CacheRead, compute: () => Promise<V>): Promise<V> {
      // One computation per value at a time: visitors who ask while it runs share its result
      // instead of each starting an aggregation that takes seconds over a million need lines.
      const { running } = stateOf(db);
      const pending = running.get(request.key);
      if (pending) return pending as Promise<V>;
      const work = read(db, request, compute).finally(() => running.delete(request.key));
      running.set(request.key, work);
      return work as Promise<V>;
    },
  };
}
