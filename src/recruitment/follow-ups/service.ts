import { expressionBuilder } from 'kysely';
import { auditIfIn } from '../../audit/index.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { DomainError, Invalid, NotFound } from '../../core/errors.ts';
import { actingUser, type Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { accountWithRoleQueries, INVITATION_DAYS, issueLinkToken } from '../../identity/index.ts';
import { sendMail } from '../../mail/index.ts';
import { listMunicipalities } from '../../taxonomy/index.ts';
import { stockholmDate } from '../move-cases/queries.ts';
import { createFollowUpsQueries, type FollowUpRow, findFollowUp, listFollowUpsOf } from './queries.ts';
import type { FollowUp, FollowUpAnswer } from './schemas.ts';

/**
 * Follow-ups 3, 12 and 24 months after a household moved in (decision 0029): each adult is asked
 * by mail, answers once, is reminded once after REMINDER_DAYS, and may decline every follow-up in
 * one step. Only the adult it is for sees or answers it (everyone else: 404).
 */

const eb = expressionBuilder<Database>();

/** One reminder this many days after the first mail, then none. */
export const REMINDER_DAYS = 7;
/** A follow-up can be answered this many days after it was due; then it lapses. */
export const ANSWER_DAYS = 60;

const DAY_MS = 86_400_000;
const present = ({ email: _email, ...followUp }: FollowUpRow): FollowUp => followUp;

/** The follow-up, if it is the signed-in person's own (matched on the household row's address). */
async function requireOwn(scope: Scope, id: string): Promise<FollowUpRow> {
  const user = actingUser(scope);
  const row = await findFollowUp(scope.deps.db, id);
  if (!row || row.email === null || row.email.toLowerCase() !== user.email.toLowerCase()) throw new NotFound();
  if (row.state === 'due') throw new NotFound();
  return row;
}

export async function viewFollowUp(scope: Scope, id: string): Promise<FollowUp> {
  return present(await requireOwn(scope, id));
}

export async function listMyFollowUps(scope: Scope): Promise<FollowUp[]> {
  return (await listFollowUpsOf(scope.deps.db, actingUser(scope).email)).map(present);
}

const conflict = (key: string) => new DomainError('conflict', key, { titleKey: 'moveFollowUp.error.closedTitle' });

/** One answer per person and follow-up: a second, or one after declining or lapsing, is 409. */
export async function answerFollowUp(scope: Scope, id: string, answer: FollowUpAnswer): Promise<void> {
  const row = await requireOwn(scope, id);
  if (row.state !== 'sent') throw conflict(`moveFollowUp.error.${row.state}`);
  const { db, atomic } = scope.deps;
  if (answer.inRegion && answer.kommun) {
    const region = await listMunicipalities(db, { regionOnly: true });
    if (!region.some((k) => k.code === answer.kommun)) throw new Invalid('kommun', 'moveFollowUp.validation.kommun');
  }
  const partner = row.person === 'partner';
  const thisMonth = stockholmDate(scope.now).slice(0, 7);
  if (partner && answer.inWork) {
    if (answer.workSince === undefined) throw new Invalid('workSince', 'moveFollowUp.validation.workSince');
    if (answer.workSince > thisMonth) throw new Invalid('workSince', 'moveFollowUp.validation.workSinceFuture');
  }
  const work = partner && answer.inWork;
  const stillSent = eb.exists(
    eb.selectFrom('move_case_follow_ups').select('id').where('id', '=', id).where('state', '=', 'sent'),
  );
  const [, result] = await atomic([
    auditIfIn(
      scope,
      { action: 'move-follow-up.answered', targetType: 'move-case', targetId: row.caseId, detail: { wave: row.wave } },
      stillSent,
    ),
    db
      .updateTable('move_case_follow_ups')
      .set({
        state: 'answered',
        answered_at: scope.now.toISOString(),
        in_region: answer.inRegion ? 1 : 0,
        kommun: answer.inRegion ? (answer.kommun ?? null) : null,
        in_work: answer.inWork ? 1 : 0,
        work_since: work ? (answer.workSince ?? null) : null,
        occupation_group: work ? (answer.occupationGroup ?? null) : null,
        network_employer: work ? (answer.networkEmployer ?? null) : null,
        recommend: answer.recommend ?? null,
      })
      .where('id', '=', id)
      .where('state', '=', 'sent')
      .compile(),
  ]);
  if (Number(result?.numAffectedRows ?? 0) !== 1) throw conflict('moveFollowUp.error.answered');
}

/**
 * No more follow-ups for this person on this case, in one step: every one not yet answered is
 * declined (answers already given stay, as outcome facts only).
 */
export async function declineFollowUps(scope: Scope, id: string): Promise<number> {
  const row = await requireOwn(scope, id);
  const { db, atomic } = scope.deps;
  const pending = eb.exists(
    eb
      .selectFrom('move_case_follow_ups')
      .select('id')
      .where('case_id', '=', row.caseId)
      .where('person', '=', row.person)
      .where('state', 'in', ['due', 'sent']),
  );
  const [, result] = await atomic([
    auditIfIn(
      scope,
      {
        action: 'move-follow-up.declined',
        targetType: 'move-case',
        targetId: row.caseId,
        detail: { person: row.person },
      },
      pending,
    ),
    db
      .updateTable('move_case_follow_ups')
      .set({ state: 'declined' })
      .where('case_id', '=', row.caseId)
      .where('person', '=', row.person)
      .where('state', 'in', ['due', 'sent'])
      .compile(),
  ]);
  return Number(result?.numAffectedRows ?? 0);
}

type JobDeps = CoreDeps;

async function mailFollowUp(
  deps: JobDeps,
  row: { id: string; email: string; name: string; wave: number },
  reminder: boolean,
) {
  const link = await issueLinkToken(deps, {
    email: row.email,
    purpose: 'sign-in',
    next: `/move-follow-ups/${row.id}`,
    expiresAt: new Date(deps.now().getTime() + INVITATION_DAYS * DAY_MS),
  });
  // An adult without an account (a partner added to the case) gets one, without a role, to sign in.
  const at = deps.now().toISOString();
  await deps.atomic([
    ...accountWithRoleQueries(deps.db, { id: deps.newId(), email: row.email, name: row.name, role: null, at }),
    link.query,
  ]);
  await sendMail(deps, {
    to: row.email,
    language: 'both',
    content: (t) => ({
      subject: t(reminder ? 'moveFollowUp.mail.reminder.subject' : 'moveFollowUp.mail.subject'),
      body: t(reminder ? 'moveFollowUp.mail.reminder.text' : 'moveFollowUp.mail.text', {
        months: row.wave,
        url: link.url,
      }),
    }),
    links: [link.url],
    kind: 'move-follow-up',
  });
}

/**
 * The daily work (job `move-follow-ups`): make the rows of newly moved-in households, let those
 * past their answering time lapse, mail those due (claimed by one conditional UPDATE each, so a
 * follow-up is mailed once however often the job runs), and remind once after REMINDER_DAYS.
 */
export async function runFollowUps(deps: JobDeps, now: Date): Promise<number> {
  const { db, atomic } = deps;
  const jobDeps = { ...deps, now: () => now };
  const today = stockholmDate(now);
  const lapseBefore = stockholmDate(new Date(now.getTime() - ANSWER_DAYS * DAY_MS));
  await atomic([
    ...createFollowUpsQueries(db),
    db
      .updateTable('move_case_follow_ups')
      .set({ state: 'lapsed' })
      .where('state', 'in', ['due', 'sent'])
      .where('due_on', '<', lapseBefore)
      .compile(),
  ]);
  let changed = 0;
  const due = await db
    .updateTable('move_case_follow_ups')
    .set({ state: 'sent', sent_at: now.toISOString() })
    .where('state', '=', 'due')
    .where('due_on', '<=', today)
    .returning(['id', 'case_id', 'person', 'wave'])
    .execute();
  const remind = await db
    .updateTable('move_case_follow_ups')
    .set({ reminded_at: now.toISOString() })
    .where('state', '=', 'sent')
    .where('reminded_at', 'is', null)
    .where('sent_at', '<=', new Date(now.getTime() - REMINDER_DAYS * DAY_MS).toISOString())
    .returning(['id', 'case_id', 'person', 'wave'])
    .execute();
  for (const [rows, reminder] of [
    [due, false],
    [remind, true],
  ] as const) {
    for (const row of rows) {
      const person = await db
        .selectFrom('move_case_people')
        .select(['email', 'name'])
        .where('case_id', '=', row.case_id)
        .where('person', '=', row.person)
        .executeTakeFirst();
      if (!person) continue;
      await mailFollowUp(jobDeps, { id: row.id, email: person.email, name: person.name, wave: row.wave }, reminder);
      changed++;
    }
  }
  return changed;
}
