import type { ScheduledJob } from '../core/job.ts';
import { deliver, queuedMessage } from './mailer.ts';
import { claimDueOutboxMessages } from './queries.ts';

/** Tries per message before it is left for a person to look at (last_error says why). */
export const MAX_ATTEMPTS = 8;
/** A message never tried (the process stopped between the outbox and the transport) waits this long. */
const UNTRIED_AFTER_MS = 10 * 60_000;
/** Messages tried per run. */
const RETRY_BATCH = 50;

/**
 * Undelivered mail is tried again with backoff. Each message is claimed first
 * (`claimDueOutboxMessages`: 5 minutes × 2^attempts, at most a day), so two runs at once never send
 * it twice; deliver then records the outcome. Without a transport (development) nothing happens.
 */
export const retryOutbox: ScheduledJob = {
  name: 'outbox-retry',
  async run(deps, now) {
    if (!deps.mailTransport) return { changed: 0 };
    const claimed = await claimDueOutboxMessages(deps.db, {
      at: now.toISOString(),
      untriedBefore: new Date(now.getTime() - UNTRIED_AFTER_MS).toISOString(),
      maxAttempts: MAX_ATTEMPTS,
      limit: RETRY_BATCH,
    });
    let delivered = 0;
    const mailDeps = { ...deps, now: () => now };
    for (const row of claimed) {
      const ok = await deliver(mailDeps, queuedMessage(row));
      if (ok) delivered++;
    }
    return { changed: delivered };
  },
};
