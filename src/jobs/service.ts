import type { Kysely } from 'kysely';
import { DomainError, InvalidFields, type KeyedProblem } from '../core/errors.ts';
import type { Scope } from '../core/scope.ts';
import type { Database } from '../db/schema.ts';
import type { Round } from '../surveys/index.ts';
import { formatRoundTime } from '../surveys/index.ts';

export async function readSchedule(db: Kysely<Database>, roundId: string) {
  const rows = await db
    .selectFrom('round_reminders')
    .select(['remind_at', 'claimed_at', 'sent'])
    .where('round_id', '=', roundId)
    .orderBy('remind_at')
    .execute();
  return { items: rows.map((r) => ({ remindAt: r.remind_at, claimedAt: r.claimed_at, sent: r.sent })) };
}

/** A closed round's reminders are history: 409. */
export function requireNotClosed(round: Round): void {
  if (round.status === 'closed') {
    throw new DomainError('conflict', 'reminderSchedule.closed', { titleKey: 'round.conflict.title' });
  }
}

/**
 * Replaces the round's reminders still to come with `remindAt` (instants). Refuses times outside
 * the round (`remindAt.N`, InvalidFields) and changes nothing then. One batch: the unsent
 * reminders go and the new ones come, or neither; a time already sent stays as it is.
 */
export async function setReminderSchedule(scope: Scope, round: Round, remindAt: readonly string[]): Promise<void> {
  const { db, atomic } = scope.deps;
  const problems: KeyedProblem[] = [];
  for (const [i, at] of remindAt.entries()) {
    const iso = new Date(at).toISOString();
    if (iso < round.opensAt || iso >= round.closesAt) {
      problems.push({
        path: `remindAt.${i}`,
        messageKey: 'reminderSchedule.outsideRound',
        params: {
          opens: formatRoundTime(round.opensAt, scope.lang),
          closes: formatRoundTime(round.closesAt, scope.lang),
        },
      });
    }
  }
  if (problems.length > 0) throw new InvalidFields(problems);
  const times = [...new Set(remindAt.map((at) => new Date(at).toISOString()))].sort();
  await atomic([
    db.deleteFrom('round_reminders').where('round_id', '=', round.id).where('claimed_at', 'is', null).compile(),
    db
      .insertInto('round_reminders')
      .columns(['round_id', 'remind_at'])
      .expression(
        db
          // One parameter for all the times (json_each): D1 binds at most 100 per statement.
          .selectFrom((eb) => eb.fn<{ value: string }>('json_each', [eb.val(JSON.stringify(times))]).as('time'))
          .select((eb) => [eb.val(round.id).as('round_id'), 'time.value as remind_at'])
          .where((eb) => eb(eb.selectFrom('rounds').select('status').where('id', '=', round.id), '!=', 'closed')),
      )
      .onConflict((oc) => oc.doNothing())
      .compile(),
  ]);
}
