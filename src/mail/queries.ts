import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Backoff before a failed message is tried again: 5 minutes × 2^attempts, at most a day (in minutes). */
const BACKOFF_UNIT_MINUTES = 5;
const BACKOFF_MAX_MINUTES = 1440;

/**
 * Claims up to `limit` undelivered messages that are due at `at`, oldest first: one UPDATE …
 * RETURNING moves each claimed message's next_attempt_at past its backoff, so two runs at once never
 * both get a message. Due means not yet sent, fewer than `maxAttempts` tries, tried before or
 * created before `untriedBefore` (a message never tried may still be on its way), and its next
 * attempt not in the future. The condition is repeated on the outer UPDATE: a run that claimed the
 * row between the subquery and the update leaves it alone.
 */
export async function claimDueOutboxMessages(
  db: Kysely<Database>,
  input: { at: string; untriedBefore: string; maxAttempts: number; limit: number },
) {
  const { at } = input;
  return db
    .updateTable('outbox')
    .set((eb) => {
      // min(1440, 5 * (1 << max(0, attempts))), as text: strftime's modifier is '+<n> minutes'.
      const backoff = eb.fn<number>('min', [
        eb.lit<number>(BACKOFF_MAX_MINUTES),
        eb(
          eb.lit<number>(BACKOFF_UNIT_MINUTES),
          '*',
          // Kysely writes nested operations without parentheses: 5 * 1 << n would be (5 * 1) << n.
          eb.parens(eb(eb.lit<number>(1), '<<', eb.fn<number>('max', [eb.lit<number>(0), eb.ref('attempts')]))),
        ),
      ]);
      const modifier = eb(eb(eb.val('+'), '||', eb.cast<string>(backoff, 'text')), '||', eb.val(' minutes'));
      return { next_attempt_at: eb.fn<string>('strftime', [eb.val('%Y-%m-%dT%H:%M:%fZ'), eb.val(at), modifier]) };
    })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('sent_at', 'is', null)
        .where('attempts', '<', input.maxAttempts)
        .where((w) => w.or([w('attempts', '>', 0), w('created_at', '<=', input.untriedBefore)]))
        .where((w) => w.or([w('next_attempt_at', 'is', null), w('next_attempt_at', '<=', at)]))
        .orderBy('created_at')
        .limit(input.limit),
    )
    .where('sent_at', 'is', null)
    .where((w) => w.or([w('next_attempt_at', 'is', null), w('next_attempt_at', '<=', at)]))
    .returning(['id', 'to_address', 'subject', 'body_text', 'links', 'kind'])
    .execute();
}
