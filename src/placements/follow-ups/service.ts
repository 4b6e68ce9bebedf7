import type { ExpressionBuilder, Kysely } from 'kysely';
import type { CoreDeps } from '../../core/deps.ts';
import { DomainError, NotFound } from '../../core/errors.ts';
import type { UserPrincipal } from '../../core/principal.ts';
import { actingUser, type Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { type MailContent, sendMail } from '../../mail/index.ts';
import { stockholmDay } from '../dates.ts';

/**
 * Follow-ups 3 and 12 months after a placement's period ends, for every accepted application:
 * one question set to the student and one to the organisation (hired? stayed in the region?).
 * Rows have ids made of (application, side, months), so creating them twice creates them once;
 * mailing claims unmailed rows with one UPDATE … RETURNING, so two runs at once mail once.
 */
export const FOLLOW_UP_MONTHS = [3, 12] as const;

export async function createDueFollowUps(db: Kysely<Database>, now: Date): Promise<number> {
  const today = stockholmDay(now);
  const at = now.toISOString();
  const sides = db
    .selectNoFrom((eb) => eb.val('student').as('side'))
    .unionAll(db.selectNoFrom((eb) => eb.val('organisation').as('side')));
  const months = db
    .selectNoFrom((eb) => eb.lit<number>(3).as('months'))
    .unionAll(db.selectNoFrom((eb) => eb.lit<number>(12).as('months')));
  const result = await db
    .insertInto('follow_ups')
    .columns(['id', 'application_id', 'placement_id', 'side', 'months', 'due_at', 'created_at'])
    .expression(
      db
        .selectFrom('applications as a')
        .innerJoin('placements as p', 'p.id', 'a.placement_id')
        .crossJoin(sides.as('s'))
        .crossJoin(months.as('m'))
        .select((eb) => {
          // SQLite's || turns the month count into text.
          const count = eb.ref('m.months').$castTo<string>();
          const due = eb.fn<string>('date', [
            'p.period_end',
            eb(eb(eb.val('+'), '||', count), '||', eb.val(' months')),
          ]);
          return [
            eb(
              eb(eb(eb(eb.ref('a.id'), '||', eb.val(':')), '||', eb.ref('s.side')), '||', eb.val(':')),
              '||',
              count,
            ).as('id'),
            'a.id as application_id',
            'p.id as placement_id',
            's.side',
            'm.months',
            due.as('due_at'),
            eb.val(at).as('created_at'),
          ];
        })
        .where('a.status', '=', 'accepted')
        .where((eb) => {
          const count = eb.ref('m.months').$castTo<string>();
          const due = eb.fn<string>('date', [
            'p.period_end',
            eb(eb(eb.val('+'), '||', count), '||', eb.val(' months')),
          ]);
          return eb(due, '<=', today);
        }),
    )
    .onConflict((oc) => oc.columns(['application_id', 'side', 'months']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

/**
 * Claims the due, unmailed follow-ups and mails each side once, in Swedish and English: a
 * scheduled job has no reader's language.
 */
export async function mailDueFollowUps(deps: CoreDeps, now: Date): Promise<number> {
  const { db, config } = deps;
  const today = stockholmDay(now);
  const rows = await db
    .updateTable('follow_ups')
    .set({ mailed_at: now.toISOString() })
    .where('mailed_at', 'is', null)
    .where('due_at', '<=', today)
    .returning(['id', 'application_id', 'side', 'months'])
    .execute();
  const link = `${config.publicUrl}/follow-ups`;
  const mailDeps = { ...deps, now: () => now };
  for (const row of rows) {
    const info = await db
      .selectFrom('applications as a')
      .innerJoin('placements as p', 'p.id', 'a.placement_id')
      .innerJoin('users as u', 'u.id', 'a.student_id')
      .select(['p.title', 'p.organisation_id', 'u.email', 'u.erased_at'])
      .where('a.id', '=', row.application_id)
      .executeTakeFirst();
    if (!info) continue;
    const recipients =
      row.side === 'student'
        ? info.erased_at
          ? []
          : [info.email]
        : (
            await db
              .selectFrom('memberships as m')
              .innerJoin('users as u', 'u.id', 'm.user_id')
              .select('u.email')
              .where('m.organisation_id', '=', info.organisation_id)
              .where('u.erased_at', 'is', null)
              .execute()
          ).map((r) => r.email);
    const params = { title: info.title, months: row.months, link };
    const content: MailContent = (t) => ({
      subject: t('followUp.mail.subject', params),
      body: t('followUp.mail.text', params),
    });
    for (const to of recipients)
      await sendMail(mailDeps, { to, language: 'both', content, links: [link], kind: 'follow-up' });
  }
  return rows.length;
}

export interface FollowUp {
  id: string;
  placementTitle: string;
  organisationName: string;
  side: 'student' | 'organisation';
  months: number;
  dueAt: string;
  answeredAt: string | null;
  hired: boolean | null;
  stayedInRegion: boolean | null;
}

type FollowUpExpressions = ExpressionBuilder<
  Database & { f: Database['follow_ups']; a: Database['applications']; p: Database['placements'] },
  'f' | 'a' | 'p'
>;

/** The follow-up `f` is mine to answer: as its student, or for one of my organisations. */
function mine(principal: UserPrincipal) {
  const orgs = principal.memberships.map((m) => m.organisationId);
  return (eb: FollowUpExpressions) =>
    eb.or([
      eb.and([eb('f.side', '=', 'student'), eb('a.student_id', '=', principal.userId)]),
      ...(orgs.length ? [eb.and([eb('f.side', '=', 'organisation'), eb('p.organisation_id', 'in', orgs)])] : []),
    ]);
}

/** The follow-ups that are mine to answer (mailed, as a student or for my organisations). */
export async function listMyFollowUps(db: Kysely<Database>, principal: UserPrincipal): Promise<FollowUp[]> {
  const rows = await db
    .selectFrom('follow_ups as f')
    .innerJoin('applications as a', 'a.id', 'f.application_id')
    .innerJoin('placements as p', 'p.id', 'f.placement_id')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select([
      'f.id',
      'p.title',
      'o.name as organisation_name',
      'f.side',
      'f.months',
      'f.due_at',
      'f.answered_at',
      'f.hired',
      'f.stayed_in_region',
    ])
    .where('f.mailed_at', 'is not', null)
    .where(mine(principal))
    .orderBy((eb) => eb('f.answered_at', 'is not', null))
    .orderBy('f.due_at')
    .orderBy('f.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    placementTitle: r.title,
    organisationName: r.organisation_name,
    side: r.side as FollowUp['side'],
    months: r.months,
    dueAt: r.due_at,
    answeredAt: r.answered_at,
    hired: r.hired === null ? null : r.hired === 1,
    stayedInRegion: r.stayed_in_region === null ? null : r.stayed_in_region === 1,
  }));
}

/** One conditional UPDATE: only the right person, only once. */
export async function answerFollowUp(
  scope: Scope,
  id: string,
  answer: { hired: boolean; stayedInRegion: boolean },
): Promise<void> {
  const principal = actingUser(scope);
  const { db } = scope.deps;
  const result = await db
    .updateTable('follow_ups')
    .set({
      hired: answer.hired ? 1 : 0,
      stayed_in_region: answer.stayedInRegion ? 1 : 0,
      answered_at: scope.now.toISOString(),
    })
    .where('id', '=', id)
    .where('answered_at', 'is', null)
    .where('mailed_at', 'is not', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('follow_ups as f')
          .innerJoin('applications as a', 'a.id', 'f.application_id')
          .innerJoin('placements as p', 'p.id', 'f.placement_id')
          .select('f.id')
          .where('f.id', '=', id)
          .where(mine(principal)),
      ),
    )
    .executeTakeFirst();
  if (result.numUpdatedRows === 1n) return;
  const mineRows = await listMyFollowUps(db, principal);
  if (!mineRows.some((f) => f.id === id)) throw new NotFound();
  throw new DomainError('conflict', 'followUp.thanks', { titleKey: 'followUp.thanks' });
}

export interface RetentionFigures {
  from: string;
  to: string;
  specialisation: string | null;
  byMonths: {
    months: number;
    side: 'student' | 'organisation';
    answered: number;
    hired: number;
    stayedInRegion: number;
  }[];
}

/**
 * Retention for the competence plans (issue 8 calls this): of the follow-ups answered for
 * placements whose period ended between `from` and `to` (dates, inclusive), how many said hired and
 * how many said the student stayed in the region, by months after and by side.
 */
export async function retentionFigures(
  db: Kysely<Database>,
  filter: { from: string; to: string; specialisation?: string },
): Promise<RetentionFigures> {
  const rows = await db
    .selectFrom('follow_ups as f')
    .innerJoin('placements as p', 'p.id', 'f.placement_id')
    .select((eb) => [
      'f.months',
      'f.side',
      eb.fn.countAll<number>().as('answered'),
      eb.fn.sum<number | null>('f.hired').as('hired'),
      eb.fn.sum<number | null>('f.stayed_in_region').as('stayed'),
    ])
    .where('f.answered_at', 'is not', null)
    .where('p.period_end', '>=', filter.from)
    .where('p.period_end', '<=', filter.to)
    .$if(filter.specialisation !== undefined, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('placement_focus as pf')
            .select('pf.placement_id')
            .whereRef('pf.placement_id', '=', 'p.id')
            .where('pf.specialisation_code', '=', filter.specialisation ?? ''),
        ),
      ),
    )
    .groupBy(['f.months', 'f.side'])
    .orderBy('f.months')
    .orderBy('f.side')
    .execute();
  return {
    from: filter.from,
    to: filter.to,
    specialisation: filter.specialisation ?? null,
    byMonths: rows.map((r) => ({
      months: Number(r.months),
      side: r.side as 'student' | 'organisation',
      answered: Number(r.answered),
      hired: Number(r.hired ?? 0),
      stayedInRegion: Number(r.stayed ?? 0),
    })),
  };
}
