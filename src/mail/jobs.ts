import { sql } from 'kysely';
import type { ScheduledJob } from '../core/job.ts';
import { deliver, queuedMessage } from './mailer.ts';

/** Tries per message before it is left for a person to look at (last_error says why). */
export const MAX_ATTEMPTS = 8;
/** A message never tried (the process stopped between the outbox and the transport) waits this long. */
const UNTRIED_AFTER_MS = 10 * 60_000;
/** Messages tried per run. */
const RETRY_BATCH = 50;

/**
 * Undelivered mail is tried again with backoff. Each message is claimed first (one UPDATE …
 * RETURNING that moves next_attempt_at past the backoff: 5 minutes × 2^attempts, at most a day), so two runs at once never send it twice;
 * deliver then records the outcome. Without a transport (development) nothing happens.
 */
export const retryOutbox: ScheduledJob = {
  name: 'outbox-retry',
  async run(deps, now) {
    if (!deps.mailTransport) return { changed: 0 };
    const at = now.toISOString();
    const untried = new Date(now.getTime() - UNTRIED_AFTER_MS).toISOString();
    const claimed = await sql<Parameters<typeof queuedMessage>[0]>`
      update outbox set next_attempt_at = strftime('%Y-%m-%dT%H:%M:%fZ', ${at},
          '+' || (min(1440, 5 * (1 << max(0, attempts)))) || ' minutes')
      where id in (select id from outbox where sent_at is null and attempts < ${MAX_ATTEMPTS}
                     and (attempts > 0 or created_at <= ${untried})
                     and (next_attempt_at is null or next_attempt_at <= ${at})
                   order by created_at limit ${RETRY_BATCH})
        and sent_at is null and (next_attempt_at is null or next_attempt_at <= ${at})
      returning id, to_address, subject, body_text, links, kind`.execute(deps.db);
    let delivered = 0;
    const mailDeps = { ...deps, now: () => now };
    for (const row of claimed.rows) {
      const ok = await deliver(mailDeps, queuedMessage(row));
      if (ok) delivered++;
    }
    return { changed: delivered };
  },
};
