import type { Context } from 'hono';
import { expressionBuilder, type InferResult, type Kysely } from 'kysely';
import { auditIf } from '../../audit/conditional.ts';
import type { UserPrincipal } from '../../core/principal.ts';
import type { Database } from '../../db/schema.ts';
import type { AppEnv } from '../../deps.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { bilingual } from '../../mail/bilingual.ts';
import { sendMail } from '../../mail/mailer.ts';
import { stockholmDay } from '../dates.ts';
import { openAt } from '../queries.ts';
import type { ApplicationStatus } from '../schemas.ts';

/**
 * Applications: a student applies once per placement; the organisation moves the application
 * through received → in-dialogue → offered → accepted / declined, and the student may withdraw
 * it, or accept or decline an offer. Each change is one conditional UPDATE on the status it was
 * read in, so two people moving the same application at once cannot both succeed. Both sides
 * are told by mail, in Swedish and English (src/mail/bilingual.ts): the reader's language is the
 * sender's, not the recipient's. A move by the organisation is audited in the same batch (the student's own
 * moves are not: they are the person's own business); the entry names the statuses, never the
 * student's message or address.
 */
const ORGANISATION_MOVES: Record<string, ApplicationStatus[]> = {
  received: ['in-dialogue', 'declined'],
  'in-dialogue': ['offered', 'declined'],
  offered: ['accepted', 'declined'],
};
const STUDENT_MOVES: Record<string, ApplicationStatus[]> = {
  received: ['withdrawn'],
  'in-dialogue': ['withdrawn'],
  offered: ['accepted', 'declined', 'withdrawn'],
};

/** The statuses a side may move an application to from `status`, for the pages' buttons. */
export function allowedMoves(status: string, side: 'student' | 'organisation'): ApplicationStatus[] {
  return (side === 'student' ? STUDENT_MOVES : ORGANISATION_MOVES)[status] ?? [];
}

export interface Application {
  id: string;
  placementId: string;
  placementTitle: string;
  organisationId: string;
  organisationName: string;
  status: ApplicationStatus;
  message: string;
  createdAt: string;
  updatedAt: string;
  student: {
    name: string;
    email: string | null;
    programme: string | null;
    institution: string | null;
    erased: boolean;
  };
}

function selectApplications(db: Kysely<Database>) {
  return db
    .selectFrom('applications as a')
    .innerJoin('placements as p', 'p.id', 'a.placement_id')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .innerJoin('users as u', 'u.id', 'a.student_id')
    .leftJoin('student_profiles as sp', 'sp.user_id', 'a.student_id')
    .select([
      'a.id',
      'a.student_id',
      'a.placement_id',
      'p.title',
      'p.organisation_id',
      'o.name as organisation_name',
      'a.status',
      'a.message',
      'a.created_at',
      'a.updated_at',
      'u.name as student_name',
      'u.email as student_email',
      'u.erased_at',
      'sp.programme',
      'sp.institution',
      'sp.visibility',
    ]);
}

type Row = InferResult<ReturnType<typeof selectApplications>>[number];

/** An erased student's applications keep their status for the organisation, and nothing of the person. */
function toApplication(c: Context<AppEnv>, r: Row): Application {
  const erased = r.erased_at !== null;
  const shared = !erased && (r.visibility === 'applications' || r.visibility === 'organisations');
  return {
    id: r.id,
    placementId: r.placement_id,
    placementTitle: r.title,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    status: r.status as ApplicationStatus,
    message: erased ? '' : r.message,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    student: {
      name: erased ? c.get('t')('application.erasedStudent') : r.student_name,
      email: erased ? null : r.student_email,
      programme: shared ? r.programme : null,
      institution: shared ? r.institution : null,
      erased,
    },
  };
}

async function organisationEmails(c: Context<AppEnv>, organisationId: string): Promise<string[]> {
  const rows = await c
    .get('deps')
    .db.selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.email')
    .where('m.organisation_id', '=', organisationId)
    .where('u.erased_at', 'is', null)
    .execute();
  return rows.map((r) => r.email);
}

async function findApplication(c: Context<AppEnv>, id: string): Promise<Application & { studentId: string }> {
  const row = await selectApplications(c.get('deps').db).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return { ...toApplication(c, row), studentId: row.student_id };
}

export async function applyForPlacement(
  c: Context<AppEnv>,
  student: UserPrincipal,
  placementId: string,
  message: string,
): Promise<Application> {
  const { db, now, newId, config } = c.get('deps');
  const at = now().toISOString();
  const today = stockholmDay(now());
  const id = newId();
  const result = await db
    .insertInto('applications')
    .columns(['id', 'placement_id', 'student_id', 'message', 'status', 'version', 'created_at', 'updated_at'])
    .expression(
      db
        .selectFrom('placements as p')
        .select((eb) => [
          eb.val(id).as('id'),
          'p.id as placement_id',
          eb.val(student.userId).as('student_id'),
          eb.val(message).as('message'),
          eb.val('received').as('status'),
          eb.lit(1).as('version'),
          eb.val(at).as('created_at'),
          eb.val(at).as('updated_at'),
        ])
        .where('p.id', '=', placementId)
        .where(openAt(today)),
    )
    .onConflict((oc) => oc.columns(['placement_id', 'student_id']).doNothing())
    .executeTakeFirst();
  if (result.numInsertedOrUpdatedRows !== 1n) {
    const placement = await db
      .selectFrom('placements')
      .select(['status', 'apply_by'])
      .where('id', '=', placementId)
      .executeTakeFirst();
    if (!placement || placement.status === 'withdrawn') throw notFound();
    if (placement.status !== 'open' || placement.apply_by < today)
      throw new AppError(409, 'placement.error.closed', { detail: c.get('t')('placement.error.closed') });
    throw new AppError(409, 'placement.error.duplicateApplication', {
      detail: c.get('t')('placement.error.duplicateApplication'),
    });
  }
  const application = await findApplication(c, id);
  const title = application.placementTitle;
  const studentLink = `${config.publicUrl}/students/applications`;
  await sendMail(c.get('deps'), {
    to: student.email,
    ...bilingual((t) => ({
      subject: t('application.mail.sent.subject', { title }),
      text: t('application.mail.sent.text', { title, organisation: application.organisationName, link: studentLink }),
    })),
    links: [studentLink],
    kind: 'application',
  });
  const orgLink = `${config.publicUrl}/organisations/${encodeURIComponent(application.organisationId)}/applications`;
  const received = bilingual((t) => ({
    subject: t('application.mail.received.subject', { title }),
    text: t('application.mail.received.text', { title, link: orgLink }),
  }));
  for (const to of await organisationEmails(c, application.organisationId))
    await sendMail(c.get('deps'), { to, ...received, links: [orgLink], kind: 'application' });
  const { studentId: _s, ...out } = application;
  return out;
}

/** A student's own applications, or the applicants to one's organisations' placements. */
export async function listApplications(
  c: Context<AppEnv>,
  principal: UserPrincipal,
  organisationId?: string,
): Promise<Application[]> {
  const db = c.get('deps').db;
  let query = selectApplications(db);
  if (organisationId !== undefined) {
    const allowed =
      principal.roles.includes('secretariat') || principal.memberships.some((m) => m.organisationId === organisationId);
    if (!allowed) return [];
    query = query.where('p.organisation_id', '=', organisationId);
  } else {
    const orgs =
      principal.roles.includes('student') && principal.memberships.length === 0
        ? []
        : principal.memberships.map((m) => m.organisationId);
    query = query.where((eb) =>
      orgs.length
        ? eb.or([eb('a.student_id', '=', principal.userId), eb('p.organisation_id', 'in', orgs)])
        : eb('a.student_id', '=', principal.userId),
    );
  }
  const rows = await query.orderBy('a.created_at', 'desc').orderBy('a.id').limit(1000).execute();
  return rows.map((r) => toApplication(c, r));
}

export async function moveApplication(
  c: Context<AppEnv>,
  principal: UserPrincipal,
  id: string,
  to: ApplicationStatus,
): Promise<Application> {
  const { db, atomic, now, config } = c.get('deps');
  const current = await findApplication(c, id);
  const isStudent = current.studentId === principal.userId;
  const isOrganisation =
    principal.roles.includes('secretariat') ||
    principal.memberships.some((m) => m.organisationId === current.organisationId);
  if (!isStudent && !isOrganisation) throw notFound();
  const moves = [
    ...(isStudent ? (STUDENT_MOVES[current.status] ?? []) : []),
    ...(isOrganisation ? (ORGANISATION_MOVES[current.status] ?? []) : []),
  ];
  const t = c.get('t');
  const refuse = () =>
    new AppError(409, 'placement.error.transition', {
      detail: t('placement.error.transition', {
        from: t(`application.status.${current.status}`),
        to: t(`application.status.${to}`),
      }),
      errors: [{ path: 'status', message: t('placement.error.transition', { from: current.status, to }) }],
    });
  if (!moves.includes(to)) throw refuse();
  const asStudent = isStudent && (STUDENT_MOVES[current.status] ?? []).includes(to);
  const update = db
    .updateTable('applications')
    .set((eb) => ({ status: to, version: eb('version', '+', 1), updated_at: now().toISOString() }))
    .where('id', '=', id)
    .where('status', '=', current.status)
    .compile();
  // Before the update, on its condition (nothing runs between the statements of a batch).
  const audit = auditIf(
    c,
    {
      action: 'application.status-changed',
      targetType: 'application',
      targetId: id,
      detail: {
        placementId: current.placementId,
        organisationId: current.organisationId,
        from: current.status,
        to,
      },
    },
    expressionBuilder<Database>().exists(
      db.selectFrom('applications').select('id').where('id', '=', id).where('status', '=', current.status),
    ),
  );
  const results = await atomic(asStudent ? [update] : [audit, update]);
  if (results.at(-1)?.numAffectedRows !== 1n) throw refuse();
  const moved = await findApplication(c, id);
  const studentLink = `${config.publicUrl}/students/applications`;
  const orgLink = `${config.publicUrl}/organisations/${encodeURIComponent(moved.organisationId)}/applications`;
  const wording = (link: string) =>
    bilingual((tr) => {
      const params = { title: moved.placementTitle, status: tr(`application.status.${to}`), link };
      return {
        subject: tr('application.mail.status.subject', params),
        text: tr('application.mail.status.text', params),
      };
    });
  if (!moved.student.erased && moved.student.email)
    await sendMail(c.get('deps'), {
      to: moved.student.email,
      ...wording(studentLink),
      links: [studentLink],
      kind: 'application',
    });
  const toOrganisation = wording(orgLink);
  for (const email of await organisationEmails(c, moved.organisationId))
    await sendMail(c.get('deps'), { to: email, ...toOrganisation, links: [orgLink], kind: 'application' });
  const { studentId: _s, ...out } = moved;
  return out;
}
