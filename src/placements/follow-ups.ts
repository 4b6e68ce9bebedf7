import type { Context } from 'hono';
import { type Kysely, sql } from 'kysely';
import type { CoreDeps } from '../core/deps.ts';
import type { UserPrincipal } from '../core/principal.ts';
import type { Database } from '../db/schema.ts';
import type { AppEnv } from '../deps.ts';
import { AppError, notFound } from '../http/errors.ts';
import { bilingual } from '../mail/bilingual.ts';
import { sendMail } from '../mail/mailer.ts';
import { stockholmDay } from './dates.ts';

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
  const result = await sql`insert into follow_ups (id, application_id, placement_id, side, months, due_at, created_at)
      select a.id || ':' || s.side || ':' || m.months, a.id, p.id, s.side, m.months,
             date(p.period_end, '+' || m.months || ' months'), ${at}
      from applications a
      join placements p on p.id = a.placement_id
      cross join (select 'student' as side union all select 'organisation') s
      cross join (select 3 as months union all select 12) m
      where a.status = 'accepted' and date(p.period_end, '+' || m.months || ' months') <= ${today}
      on conflict (application_id, side, months) do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * Claims the due, unmailed follow-ups and mails each side once, in Swedish and English: a
 * scheduled job has no reader's language.
 */
export async function mailDueFollowUps(deps: CoreDeps, now: Date): Promise<number> {
  const { db, config } = deps;
  const today = stockholmDay(now);
  const { rows } = await sql<{ id: string; application_id: string; side: string; months: number }>`
    update follow_ups set mailed_at = ${now.toISOString()}
    where mailed_at is null and due_at <= ${today}
    returning id, application_id, side, months`.execute(db);
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
    const wording = bilingual((t) => ({
      subject: t('followUp.mail.subject', params),
      text: t('followUp.mail.text', params),
    }));
    for (const to of recipients) await sendMail(mailDeps, { to, ...wording, links: [link], kind: 'follow-up' });
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

function mine(principal: UserPrincipal) {
  const orgs = principal.memberships.map((m) => m.organisationId);
  return sql`((f.side = 'student' and a.student_id = ${principal.userId})${
    orgs.length ? sql` or (f.side = 'organisation' and p.organisation_id in (${sql.join(orgs)}))` : sql``
  })`;
}

/** The follow-ups that are mine to answer (mailed, as a student or for my organisations). */
export async function listMyFollowUps(db: Kysely<Database>, principal: UserPrincipal): Promise<FollowUp[]> {
  const { rows } = await sql<{
    id: string;
    title: string;
    organisation_name: string;
    side: string;
    months: number;
    due_at: string;
    answered_at: string | null;
    hired: number | null;
    stayed_in_region: number | null;
  }>`select f.id, p.title, o.name as organisation_name, f.side, f.months, f.due_at, f.answered_at, f.hired, f.stayed_in_region
    from follow_ups f join applications a on a.id = f.application_id join placements p on p.id = f.placement_id
    join organisations o on o.id = p.organisation_id
    where f.mailed_at is not null and ${mine(principal)}
    order by f.answered_at is not null, f.due_at, f.id`.execute(db);
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
  c: Context<AppEnv>,
  principal: UserPrincipal,
  id: string,
  answer: { hired: boolean; stayedInRegion: boolean },
): Promise<void> {
  const { db, now } = c.get('deps');
  const result =
    await sql`update follow_ups set hired = ${answer.hired ? 1 : 0}, stayed_in_region = ${answer.stayedInRegion ? 1 : 0},
      answered_at = ${now().toISOString()}
    where id = ${id} and answered_at is null and mailed_at is not null and exists (
      select 1 from follow_ups f join applications a on a.id = f.application_id join placements p on p.id = f.placement_id
      where f.id = ${id} and ${mine(principal)})`.execute(db);
  if (result.numAffectedRows === 1n) return;
  const mineRows = await listMyFollowUps(db, principal);
  if (!mineRows.some((f) => f.id === id)) throw notFound();
  throw new AppError(409, 'followUp.thanks', { detail: c.get('t')('followUp.thanks') });
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
  const bySpecialisation = filter.specialisation
    ? sql`and exists (select 1 from placement_focus pf where pf.placement_id = p.id and pf.specialisation_code = ${filter.specialisation})`
    : sql``;
  const { rows } = await sql<{ months: number; side: string; answered: number; hired: number; stayed: number }>`
    select f.months, f.side, count(*) as answered, sum(f.hired) as hired, sum(f.stayed_in_region) as stayed
    from follow_ups f join placements p on p.id = f.placement_id
    where f.answered_at is not null and p.period_end between ${filter.from} and ${filter.to} ${bySpecialisation}
    group by f.months, f.side order by f.months, f.side`.execute(db);
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
