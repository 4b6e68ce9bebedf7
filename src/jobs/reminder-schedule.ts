import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import type { AppEnv } from '../deps.ts';
import { AppError, type FieldError } from '../http/errors.ts';
import { type Routes, secretariat } from '../http/routes.ts';
import { formatRoundTime } from '../surveys/round-time.ts';
import { type Round, requireRound } from '../surveys/rounds.ts';

const tags = ['Survey rounds and responses'];
const roundParams = z.object({ id: z.string().min(1).max(100) });
const reminder = z.object({
  remindAt: z.string(),
  /** When scheduled work sent it; null while it is still to come. */
  claimedAt: z.string().nullable(),
  /** Messages sent by it, once sent. */
  sent: z.number().int().nullable(),
});
const scheduleBody = z.object({ items: z.array(reminder) });
const scheduleInput = z.object({
  remindAt: z.array(z.iso.datetime({ offset: true })).max(20),
});

export async function readSchedule(db: Kysely<Database>, roundId: string) {
  const rows = await db
    .selectFrom('round_reminders')
    .select(['remind_at', 'claimed_at', 'sent'])
    .where('round_id', '=', roundId)
    .orderBy('remind_at')
    .execute();
  return { items: rows.map((r) => ({ remindAt: r.remind_at, claimedAt: r.claimed_at, sent: r.sent })) };
}

export function requireNotClosed(c: Context<AppEnv>, round: Round): void {
  if (round.status === 'closed') {
    throw new AppError(409, 'round.conflict.title', { detail: c.get('t')('reminderSchedule.closed') });
  }
}

/**
 * Replaces the round's reminders still to come with `remindAt` (instants). Returns the errors
 * (`remindAt.N`: outside the round) and changes nothing if there are any. One batch: the unsent
 * reminders go and the new ones come, or neither; a time already sent stays as it is.
 */
export async function setReminderSchedule(
  c: Context<AppEnv>,
  round: Round,
  remindAt: readonly string[],
): Promise<FieldError[]> {
  const { db, atomic } = c.get('deps');
  const errors: FieldError[] = [];
  for (const [i, at] of remindAt.entries()) {
    const iso = new Date(at).toISOString();
    if (iso < round.opensAt || iso >= round.closesAt) {
      errors.push({
        path: `remindAt.${i}`,
        message: c.get('t')('reminderSchedule.outsideRound', {
          opens: formatRoundTime(round.opensAt, c.get('lang')),
          closes: formatRoundTime(round.closesAt, c.get('lang')),
        }),
      });
    }
  }
  if (errors.length > 0) return errors;
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
  return [];
}

/**
 * A round's reminder schedule: the times at which scheduled work reminds the non-responders
 * (src/surveys/jobs.ts). PUT replaces the reminders still to come; those already sent stay.
 */
export function registerReminderScheduleRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/rounds/:id/reminder-schedule',
      kind: 'api',
      access: secretariat(),
      tags,
      summary: "The round's reminder times, those sent with when and how many messages",
      params: roundParams,
      responses: { 200: { description: 'The schedule', schema: scheduleBody } },
    },
    async (c, { params }) => {
      const round = await requireRound(c.get('deps').db, params.id);
      return c.json(await readSchedule(c.get('deps').db, round.id));
    },
  );

  routes.add(
    {
      method: 'put',
      path: '/api/v1/rounds/:id/reminder-schedule',
      kind: 'api',
      access: secretariat(),
      tags,
      summary:
        'Set the reminder times still to come (each between opening and closing); scheduled work mails the non-responders at each, once',
      params: roundParams,
      body: scheduleInput,
      responses: { 200: { description: 'The schedule', schema: scheduleBody } },
    },
    async (c, { params, body }) => {
      const round = await requireRound(c.get('deps').db, params.id);
      requireNotClosed(c, round);
      const errors = await setReminderSchedule(c, round, body.remindAt);
      if (errors.length > 0) {
        throw new AppError(422, 'error.validation.title', {
          detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
          errors,
        });
      }
      return c.json(await readSchedule(c.get('deps').db, round.id));
    },
  );
}
