import type { ScheduledJob } from '../core/job.ts';

const DAY = 86_400_000;
/** Expired sign-in links are kept this long so that a late click still says "expired", not "unknown". */
const TOKEN_GRACE_DAYS = 7;
/** The longest rate-limit window (sign-in: 15 minutes), with room to spare. */
const LONGEST_RATE_WINDOW_MS = 60 * 60_000;

function affected(result: { numDeletedRows?: bigint } | undefined): number {
  return Number(result?.numDeletedRows ?? 0n);
}

/** Sessions that expired or were revoked more than a day ago are deleted. */
export const expiredSessions: ScheduledJob = {
  name: 'sessions-expired',
  async run(deps, now) {
    const at = now.toISOString();
    const dayAgo = new Date(now.getTime() - DAY).toISOString();
    const [result] = await deps.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', at), eb('revoked_at', '<=', dayAgo)]))
      .execute();
    return { changed: affected(result) };
  },
};

/** Sign-in and invitation links that expired a week ago are deleted (used or not). */
export const expiredSignInTokens: ScheduledJob = {
  name: 'sign-in-tokens-expired',
  async run(deps, now) {
    const cutoff = new Date(now.getTime() - TOKEN_GRACE_DAYS * DAY).toISOString();
    const [result] = await deps.db.deleteFrom('sign_in_tokens').where('expires_at', '<=', cutoff).execute();
    return { changed: affected(result) };
  },
};

/** Rate-limit windows that have ended are deleted. */
export const expiredRateLimits: ScheduledJob = {
  name: 'rate-limits-expired',
  async run(deps, now) {
    const cutoff = new Date(now.getTime() - LONGEST_RATE_WINDOW_MS).toISOString();
    const [result] = await deps.db.deleteFrom('rate_limits').where('window_start', '<', cutoff).execute();
    return { changed: affected(result) };
  },
};

export const cleanupJobs: ScheduledJob[] = [expiredSessions, expiredSignInTokens, expiredRateLimits];
