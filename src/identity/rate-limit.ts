import { type Kysely, sql } from 'kysely';
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
  const result = await sql<{ count: number; window_start: string }>`
    insert into rate_limits (key, window_start, count) values (${rule.key}, ${nowIso}, 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start <= ${windowCutoff} then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start <= ${windowCutoff} then ${nowIso} else rate_limits.window_start end
    returning count, window_start`.execute(db);
  const row = result.rows[0];
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
