import type { Kysely } from 'kysely';
import type { ScheduledJob } from '../core/job.ts';
import type { JsonElement } from '../db/queries.ts';
import type { Database } from '../db/schema.ts';
import type { CacheDefinition } from './define.ts';

const DAY_MS = 86_400_000;

/**
 * Deletes a table cache's entries that will not be read again: those whose stamp is no longer the
 * versions of their names (a write since made them stale; the next read computes a new one), and,
 * with `maxAgeDays`, those computed longer ago than that (keys that name something that has since
 * changed outside data_versions, such as a round's name, are left behind and never read again).
 * A memory cache has nothing in the table. Returns the number deleted.
 */
export async function purgeCache(db: Kysely<Database>, cache: CacheDefinition, now: Date): Promise<number> {
  if (cache.store !== 'table') return 0;
  const { maxAgeDays } = cache;
  const result = await db
    .deleteFrom('cache_entries')
    .where('namespace', '=', cache.namespace)
    .where((eb) => {
      // Some name of the entry whose current version is not the one in its stamp.
      const stale = eb.exists(
        eb
          .selectFrom(eb.fn<JsonElement>('json_each', ['cache_entries.depends_on']).as('n'))
          .leftJoin('data_versions as v', 'v.name', 'n.value')
          .select('n.key')
          .where((s) =>
            s(
              s.fn.coalesce('v.version', s.lit(0)),
              '!=',
              s.fn<number>('json_extract', ['cache_entries.stamp', s.fn<string>('printf', [s.val('$[%d]'), 'n.key'])]),
            ),
          ),
      );
      return maxAgeDays === undefined
        ? stale
        : eb.or([stale, eb('computed_at', '<', new Date(now.getTime() - maxAgeDays * DAY_MS).toISOString())]);
    })
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A scheduled job that purges the caches listed (a feature lists it among its jobs). */
export function cachePurgeJob(name: string, caches: readonly CacheDefinition[]): ScheduledJob {
  return {
    name,
    async run(deps, now) {
      let changed = 0;
      for (const cache of caches) changed += await purgeCache(deps.db, cache, now);
      return { changed };
    },
  };
}
