import { type RawBuilder, sql } from 'kysely';
import { DomainError } from '../core/errors.ts';
import type { Scope } from '../core/scope.ts';
import { hasContact, mailContacts } from './round-mail.ts';
import { openRound, type Round, requireRound } from './rounds.ts';

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

const submitted = sql`exists (select 1 from responses r where r.round_id = t.round_id
  and r.organisation_id = t.organisation_id and r.status = 'submitted')`;

async function unreachable(scope: Scope, roundId: string, onlyNonResponders: boolean): Promise<Unreachable[]> {
  const rows = await sql<Unreachable>`
    select o.id, o.name, o.org_number as "orgNumber" from round_targets t join organisations o on o.id = t.organisation_id
    where t.round_id = ${roundId} and not ${hasContact('t.organisation_id')}
      ${onlyNonResponders ? sql`and not ${submitted}` : sql``}
    order by o.name, o.id`.execute(scope.deps.db);
  return rows.rows;
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
  const pending = sql`t.round_id = ${round.id} and t.invited_at is null and ${hasContact('t.organisation_id')}`;
  const claimed = await sql<{ organisation_id: string }>`
    update round_targets set invited_at = ${at}
    where round_id = ${round.id} and invited_at is null
      and organisation_id in (select t.organisation_id from round_targets t where ${pending}
                              order by t.organisation_id limit ${ROUND_MAIL_BATCH})
      and exists (select 1 from rounds where id = ${round.id} and status = 'open' and closes_at > ${at})
    returning organisation_id`.execute(db);
  return finish(scope, round, claimed.rows, 'round-invitation', pending, false);
}

/** Reminds the targets without a submitted response, at most once per REMINDER_INTERVAL_HOURS. */
export async function sendReminders(scope: Scope, roundId: string): Promise<MailRun & { skipped: number }> {
  const { db } = scope.deps;
  const round = await requireRound(db, roundId);
  requireOpen(scope, round);
  const at = scope.now.toISOString();
  const cutoff = new Date(scope.now.getTime() - REMINDER_INTERVAL_HOURS * 3_600_000).toISOString();
  const due = sql`(t.reminded_at is null or t.reminded_at <= ${cutoff})`;
  const candidates = sql`t.round_id = ${round.id} and not ${submitted} and ${hasContact('t.organisation_id')}`;
  const claimed = await sql<{ organisation_id: string }>`
    update round_targets set reminded_at = ${at}, reminders = reminders + 1
    where round_id = ${round.id} and (reminded_at is null or reminded_at <= ${cutoff})
      and organisation_id in (select t.organisation_id from round_targets t where ${candidates} and ${due}
                              order by t.organisation_id limit ${ROUND_MAIL_BATCH})
      and exists (select 1 from rounds where id = ${round.id} and status = 'open' and closes_at > ${at})
    returning organisation_id`.execute(db);
  const run = await finish(scope, round, claimed.rows, 'round-reminder', sql`${candidates} and ${due}`, true);
  const recent = await sql<{ n: number }>`select count(*) as n from round_targets t
    where ${candidates} and t.reminded_at > ${cutoff} and t.reminded_at != ${at}`.execute(db);
  return { ...run, skipped: Number(recent.rows[0]?.n ?? 0) };
}

async function finish(
  scope: Scope,
  round: Round,
  claimed: { organisation_id: string }[],
  kind: 'round-invitation' | 'round-reminder',
  stillPending: RawBuilder<unknown>,
  onlyNonResponders: boolean,
): Promise<MailRun> {
  const ids = claimed.map((row) => row.organisation_id);
  const sent = await mailContacts(scope.deps, round, ids, kind);
  const left = await sql<{ n: number }>`select count(*) as n from round_targets t where ${stillPending}`.execute(
    scope.deps.db,
  );
  return {
    sent,
    organisations: ids.length,
    remaining: Number(left.rows[0]?.n ?? 0),
    unreachable: await unreachable(scope, round.id, onlyNonResponders),
  };
}
