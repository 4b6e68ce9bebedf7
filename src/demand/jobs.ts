import type { Kysely } from 'kysely';
import type { ScheduledJob } from '../core/job.ts';
import type { Database } from '../db/schema.ts';

/** Page bodies older than this are dropped; the next visitor's request renders and stores one again. */
export const PAGE_BODY_MAX_AGE_DAYS = 7;

/**
 * Deletes stored page bodies (the demand and gap pages, keys starting `{"page":`) computed more than
 * PAGE_BODY_MAX_AGE_DAYS ago. Their keys hold the rounds' stamp and the offerings' fingerprint, so
 * every change of a round's name or an offering leaves the old bodies behind, never read again; a
 * body still in use costs a few milliseconds to render again. Tables stay: they are the expensive
 * part and a closed round's tables do not change.
 */
export async function purgePageBodies(db: Kysely<Database>, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - PAGE_BODY_MAX_AGE_DAYS * 86_400_000).toISOString();
  const result = await db
    .deleteFrom('demand_cache')
    .where('query_key', 'like', '{"page":%')
    .where('computed_at', '<', cutoff)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Drops page bodies nobody will read again. (Public demand figures are cells of a round's
 * publication, computed once when it closes (src/publication/jobs.ts); nothing public is
 * precomputed here any more.)
 */
export const demandJobs: ScheduledJob[] = [
  {
    name: 'purge-page-bodies',
    async run(deps, now) {
      return { changed: await purgePageBodies(deps.db, now) };
    },
  },
];
