import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface RateLimitRule {
  /** e.g. `sign-in:address:anna@example.org` */
  key: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/**
 * Counts one hit in a fixed window and says whether it is within the limit. One statement
 * (an upsert with RETURNING), so concurrent hits on either runtime cannot both slip under it.
 */
export async function hitRateLimit(db: Kysely<Database>, rule: RateLimitRule, now: Date): Promise<RateLimitResult> {
  const nowIso = now.toISOString();
  const windowCutoff = new Date(now.getTime() - rule.windowSeconds * 1000).toISOString();
  const row = await db
    .insertInto('rate_limits')
    .values({ key: rule.key, window_start: nowIso, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const ended = eb('rate_limits.window_start', '<=', windowCutoff);
        return {
          count: eb
            .case()
            .when(ended)
            .then(1)
            .else(eb('rate_limits.count', '+', 1))
            .end(),
          window_start: eb.case().when(ended).then(nowIso).else(eb.ref('rate_limits.window_start')).end(),
        };
      }),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirst();
  if (!row) throw new Error('rate limit upsert returned no row');
  const windowEnds = new Date(row.window_start).getTime() + rule.windowSeconds * 1000;
  return {
    allowed: row.count <= rule.limit,
    count: row.count,
    retryAfterSeconds: Math.max(1, Math.ceil((windowEnds - now.getTime()) / 1000)),
  };
}

/** Removes windows that have ended; run by scheduled work. */
export async function purgeRateLimits(db: Kysely<Database>, now: Date, longestWindowSeconds: number): Promise<void> {
  await db
    .deleteFrom('rate_limits')
    .where('window_start', '<', new Date(now.getTime() - longestWindowSeconds * 1000).toISOString())
    .execute();
}
