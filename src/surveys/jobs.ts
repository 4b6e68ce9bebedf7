import { DomainError } from '../core/errors.ts';
import type { ScheduledJob } from '../core/job.ts';
import { systemScope } from '../core/scope.ts';
import { targetHasContact } from './queries.ts';
import { openRoundAndInvite, sendInvitations, sendReminders } from './rounds/invitations.ts';
import { closeRound, findRound } from './rounds.ts';

/** A run mails at most this many batches of ROUND_MAIL_BATCH organisations per round; the next run goes on. */
const MAX_BATCHES = 20;

/** A conflict from a feature function: another run (or a person) got there first. */
function lostRace(err: unknown): boolean {
  return err instanceof DomainError && err.kind === 'conflict';
}

/**
 * Draft rounds whose opening time has come (and whose closing time has not) open, and their
 * targets are invited: the same openRoundAndInvite as the secretariat's button. openRound is a
 * conditional UPDATE … WHERE status = 'draft', so of two runs at once one opens and the other gets
 * 409 and does nothing; the invitations are claimed row by row, so they are mailed once.
 */
export const openDueRounds: ScheduledJob = {
  name: 'rounds-open',
  async run(deps, now) {
    const at = now.toISOString();
    const due = await deps.db
      .selectFrom('rounds')
      .select('id')
      .where('status', '=', 'draft')
      .where('opens_at', '<=', at)
      .where('closes_at', '>', at)
      .orderBy('opens_at')
      .execute();
    let changed = 0;
    for (const { id } of due) {
      try {
        const opened = await openRoundAndInvite(systemScope(deps, now, 'rounds-open'), id);
        changed += 1 + opened.invitations.organisations;
      } catch (err) {
        if (!lostRace(err)) throw err;
      }
    }
    return { changed };
  },
};

/** Open rounds whose closing time has passed close (closeRound: UPDATE … WHERE status = 'open'). */
export const closeDueRounds: ScheduledJob = {
  name: 'rounds-close',
  async run(deps, now) {
    const due = await deps.db
      .selectFrom('rounds')
      .select('id')
      .where('status', '=', 'open')
      .where('closes_at', '<=', now.toISOString())
      .execute();
    let changed = 0;
    for (const { id } of due) {
      try {
        await closeRound(systemScope(deps, now, 'rounds-close'), id);
        changed += 1;
      } catch (err) {
        if (!lostRace(err)) throw err;
      }
    }
    return { changed };
  },
};

/**
 * Open rounds with targets not yet invited (more than one batch at opening, or a contact added
 * since) get their invitations: sendInvitations claims each row before mailing it.
 */
export const continueInvitations: ScheduledJob = {
  name: 'rounds-invitations',
  async run(deps, now) {
    const at = now.toISOString();
    const rounds = await deps.db
      .selectFrom('rounds as r')
      .select('r.id')
      .where('r.status', '=', 'open')
      .where('r.closes_at', '>', at)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('round_targets as t')
            .select(eb.lit(1).as('one'))
            .whereRef('t.round_id', '=', 'r.id')
            .where('t.invited_at', 'is', null)
            .where(targetHasContact()),
        ),
      )
      .execute();
    let changed = 0;
    for (const { id } of rounds) {
      const round = await findRound(deps.db, id);
      if (!round) continue;
      for (let batch = 0; batch < MAX_BATCHES; batch++) {
        const run = await sendInvitations(systemScope(deps, now, 'rounds-invitations'), round).catch((err) => {
          if (lostRace(err)) return null;
          throw err;
        });
        if (!run) break;
        changed += run.organisations;
        if (run.organisations === 0 || run.remaining === 0) break;
      }
    }
    return { changed };
  },
};

/**
 * The secretariat's reminder times (round_reminders). A due reminder is claimed first with one
 * conditional UPDATE … RETURNING (claimed_at is null), so of two runs at once only one sends it;
 * then sendReminders mails the non-responders, claiming each organisation as the button does (at
 * most one reminder in REMINDER_INTERVAL_HOURS, so reminders that fell due together while the
 * scheduler was down send one). A reminder whose round has closed is never sent.
 */
export const scheduledReminders: ScheduledJob = {
  name: 'rounds-reminders',
  async run(deps, now) {
    const at = now.toISOString();
    const claimed = await deps.db
      .updateTable('round_reminders')
      .set({ claimed_at: at })
      .where('claimed_at', 'is', null)
      .where('remind_at', '<=', at)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('rounds as r')
            .select(eb.lit(1).as('one'))
            .whereRef('r.id', '=', 'round_reminders.round_id')
            .where('r.status', '=', 'open')
            .where('r.closes_at', '>', at),
        ),
      )
      .returning(['round_id', 'remind_at'])
      .execute();
    let changed = 0;
    for (const reminder of claimed) {
      let sent = 0;
      for (let batch = 0; batch < MAX_BATCHES; batch++) {
        const run = await sendReminders(systemScope(deps, now, 'rounds-reminders'), reminder.round_id).catch((err) => {
          if (lostRace(err)) return null;
          throw err;
        });
        if (!run) break;
        sent += run.sent;
        changed += run.organisations;
        if (run.organisations === 0 || run.remaining === 0) break;
      }
      await deps.db
        .updateTable('round_reminders')
        .set({ sent })
        .where('round_id', '=', reminder.round_id)
        .where('remind_at', '=', reminder.remind_at)
        .execute();
    }
    return { changed: changed + claimed.length };
  },
};

export const roundJobs: ScheduledJob[] = [closeDueRounds, openDueRounds, continueInvitations, scheduledReminders];
