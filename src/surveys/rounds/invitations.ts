import { type Expression, expressionBuilder, type SqlBool } from 'kysely';
import { DomainError } from '../../core/errors.ts';
import type { Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { roundIsOpen, targetHasContact } from '../queries.ts';
import { openRound, type Round, requireRound } from '../rounds.ts';
import { mailContacts } from './round-mail.ts';

/**
 * Invitations and reminders for a round's target organisations. Each call first claims the rows
 * it will mail with one conditional UPDATE … RETURNING, so two calls at once (a double click, the
 * scheduler beside a person) never mail the same organisation twice: SQLite runs the statements
 * one after the other and the second finds the rows already claimed. A call mails at most
 * ROUND_MAIL_BATCH organisations (a Worker's request may make only so many queries and
 * subrequests) and says how many remain.
 */
export const ROUND_MAIL_BATCH = 100;
/** A non-responder gets at most one reminder in this many hours. */
export const REMINDER_INTERVAL_HOURS = 20;

export interface Unreachable {
  id: string;
  name: string;
  orgNumber: string;
}

export interface MailRun {
  /** Messages sent, one per contact. */
  sent: number;
  /** Organisations mailed. */
  organisations: number;
  /** Organisations still to mail: call again. */
  remaining: number;
  /** Target organisations with no contact to mail; the secretariat must invite someone first. */
  unreachable: Unreachable[];
}

/** Conditions on a round target `t` (round_targets). */
const target = expressionBuilder<Database & { t: Database['round_targets'] }, 't'>();

/** The target `t` has submitted its response. */
const submitted = target.exists(
  target
    .selectFrom('responses as r')
    .select(target.lit(1).as('one'))
    .whereRef('r.round_id', '=', 't.round_id')
    .whereRef('r.organisation_id', '=', 't.organisation_id')
    .where('r.status', '=', 'submitted'),
);

async function unreachable(scope: Scope, roundId: string, onlyNonResponders: boolean): Promise<Unreachable[]> {
  return scope.deps.db
    .selectFrom('round_targets as t')
    .innerJoin('organisations as o', 'o.id', 't.organisation_id')
    .select(['o.id', 'o.name', 'o.org_number as orgNumber'])
    .where('t.round_id', '=', roundId)
    .where((eb) => eb.not(targetHasContact()))
    .$if(onlyNonResponders, (qb) => qb.where((eb) => eb.not(submitted)))
    .orderBy('o.name')
    .orderBy('o.id')
    .execute();
}

/** The organisation ids of the targets `condition` picks, the first ROUND_MAIL_BATCH of them. */
function nextBatch(scope: Scope, condition: Expression<SqlBool>) {
  return scope.deps.db
    .selectFrom('round_targets as t')
    .select('t.organisation_id')
    .where(condition)
    .orderBy('t.organisation_id')
    .limit(ROUND_MAIL_BATCH);
}

/** Opens the round (its own batch, unchanged), then invites the first batch of its targets. */
export async function openRoundAndInvite(scope: Scope, id: string): Promise<Round & { invitations: MailRun }> {
  const round = await openRound(scope, id);
  return { ...round, invitations: await sendInvitations(scope, round) };
}

/** Mail only while the round takes answers: open, and its closing time not passed (the scheduler may lag). */
function requireOpen(scope: Scope, round: Round): void {
  const closed = round.status === 'open' && scope.now.toISOString() >= round.closesAt;
  if (round.status !== 'open' || closed) {
    throw new DomainError('conflict', 'round.mail.notOpen', {
      titleKey: 'round.conflict.title',
      messageParams: { status: `round.status.${closed ? 'closed' : round.status}` },
    });
  }
}

/** Mails the targets not yet invited (and reachable); safe to call again, e.g. after adding contacts. */
export async function sendInvitations(scope: Scope, round: Round): Promise<MailRun> {
  requireOpen(scope, round);
  const { db } = scope.deps;
  const at = scope.now.toISOString();
  const pending = target.and([
    target('t.round_id', '=', round.id),
    target('t.invited_at', 'is', null),
    targetHasContact(),
  ]);
  const claimed = await db
    .updateTable('round_targets')
    .set({ invited_at: at })
    .where('round_id', '=', round.id)
    .where('invited_at', 'is', null)
    .where('organisation_id', 'in', nextBatch(scope, pending))
    .where(roundIsOpen(round.id, at))
    .returning('organisation_id')
    .execute();
  return finish(scope, round, claimed, 'round-invitation', pending, false);
}

/** Reminds the targets without a submitted response, at most once per REMINDER_INTERVAL_HOURS. */
export async function sendReminders(scope: Scope, roundId: string): Promise<MailRun & { skipped: number }> {
  const { db } = scope.deps;
  const round = await requireRound(db, roundId);
  requireOpen(scope, round);
  const at = scope.now.toISOString();
  const cutoff = new Date(scope.now.getTime() - REMINDER_INTERVAL_HOURS * 3_600_000).toISOString();
  const due = target.or([target('t.reminded_at', 'is', null), target('t.reminded_at', '<=', cutoff)]);
  const candidates = target.and([target('t.round_id', '=', round.id), target.not(submitted), targetHasContact()]);
  const claimed = await db
    .updateTable('round_targets')
    .set((eb) => ({ reminded_at: at, reminders: eb('reminders', '+', 1) }))
    .where('round_id', '=', round.id)
    .where((eb) => eb.or([eb('reminded_at', 'is', null), eb('reminded_at', '<=', cutoff)]))
    .where('organisation_id', 'in', nextBatch(scope, target.and([candidates, due])))
    .where(roundIsOpen(round.id, at))
    .returning('organisation_id')
    .execute();
  const run = await finish(scope, round, claimed, 'round-reminder', target.and([candidates, due]), true);
  const recent = await countTargets(
    scope,
    target.and([candidates, target('t.reminded_at', '>', cutoff), target('t.reminded_at', '!=', at)]),
  );
  return { ...run, skipped: recent };
}

async function finish(
  scope: Scope,
  round: Round,
  claimed: Pick<Database['round_targets'], 'organisation_id'>[],
  kind: 'round-invitation' | 'round-reminder',
  stillPending: Expression<SqlBool>,
  onlyNonResponders: boolean,
): Promise<MailRun> {
  const ids = claimed.map((row) => row.organisation_id);
  const sent = await mailContacts(scope.deps, round, ids, kind);
  const left = await countTargets(scope, stillPending);
  return {
    sent,
    organisations: ids.length,
    remaining: left,
    unreachable: await unreachable(scope, round.id, onlyNonResponders),
  };
}

async function countTargets(scope: Scope, condition: Expression<SqlBool>): Promise<number> {
  const row = await scope.deps.db
    .selectFrom('round_targets as t')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(condition)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
