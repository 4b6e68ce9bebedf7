import type { CompiledQuery, Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** A round's reminder times as the secretariat set them (round_reminders), with what came of each. */
export async function findReminderSchedule(db: Kysely<Database>, roundId: string) {
  const rows = await db
    .selectFrom('round_reminders')
    .select(['remind_at', 'claimed_at', 'sent'])
    .where('round_id', '=', roundId)
    .orderBy('remind_at')
    .execute();
  return rows.map((r) => ({ remindAt: r.remind_at, claimedAt: r.claimed_at, sent: r.sent }));
}

/**
 * Statements for one atomic batch that replace a round's reminders still to come with `times`
 * (ISO instants): the unclaimed ones go and the new ones come, unless the round has closed by the
 * time the batch runs; a time already claimed stays as it is (src/jobs/service.ts checks the times).
 */
export function replaceReminderQueries(
  db: Kysely<Database>,
  roundId: string,
  times: readonly string[],
): CompiledQuery[] {
  return [
    db.deleteFrom('round_reminders').where('round_id', '=', roundId).where('claimed_at', 'is', null).compile(),
    db
      .insertInto('round_reminders')
      .columns(['round_id', 'remind_at'])
      .expression(
        db
          // One parameter for all the times (json_each): D1 binds at most 100 per statement.
          .selectFrom((eb) => eb.fn<{ value: string }>('json_each', [eb.val(JSON.stringify(times))]).as('time'))
          .select((eb) => [eb.val(roundId).as('round_id'), 'time.value as remind_at'])
          .where((eb) => eb(eb.selectFrom('rounds').select('status').where('id', '=', roundId), '!=', 'closed')),
      )
      .onConflict((oc) => oc.doNothing())
      .compile(),
  ];
}
