import { expressionBuilder, type InferResult, type Kysely } from 'kysely';
import { auditIfIn } from '../../audit/index.ts';
import { DomainError, NotFound } from '../../core/errors.ts';
import type { UserPrincipal } from '../../core/principal.ts';
import type { Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { type Language, translator } from '../../i18n/i18n.ts';
import { type MailContent, sendMail } from '../../mail/index.ts';
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
function toApplication(lang: Language, r: Row): Application {
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
      name: erased ? translator(lang)('application.erasedStudent') : r.student_name,
      email: erased ? null : r.student_email,
      programme: shared ? r.programme : null,
      institution: shared ? r.institution : null,
      erased,
    },
  };
}

async function organisationEmails(db: Kysely<Database>, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.email')
    .where('m.organisation_id', '=', organisationId)
    .where('u.erased_at', 'is', null)
    .execute();
  return rows.map((r) => r.email);
}

async function findApplication(scope: Scope, id: string): Promise<Application & { studentId: string }> {
  const row = await selectApplications(scope.deps.db).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound();
  return { ...toApplication(scope.lang, row), studentId: row.student_id };
}

export async function applyForPlacement(
  scope: Scope,
  student: UserPrincipal,
  placementId: string,
  message: string,
): Promise<Application> {
  const { deps } = scope;
  const { db, newId, config } = deps;
  const at = scope.now.toISOString();
  const today = stockholmDay(scope.now);
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
    if (!placement || placement.status === 'withdrawn') throw new NotFound();
    if (placement.status !== 'open' || placement.apply_by < today)
      throw new DomainError('conflict', 'placement.error.closed', { titleKey: 'placement.error.closed' });
    throw new DomainError('conflict', 'placement.error.duplicateApplication', {
      titleKey: 'placement.error.duplicateApplication',
    });
  }
  const application = await findApplication(scope, id);
  const title = application.placementTitle;
  const studentLink = `${config.publicUrl}/students/applications`;
  await sendMail(deps, {
    to: student.email,
    language: 'both',
    content: (t) => ({
      subject: t('application.mail.sent.subject', { title }),
      body: t('application.mail.sent.text', { title, organisation: application.organisationName, link: studentLink }),
    }),
    links: [studentLink],
    kind: 'application',
  });
  const orgLink = `${config.publicUrl}/organisations/${encodeURIComponent(application.organisationId)}/applications`;
  const received: MailContent = (t) => ({
    subject: t('application.mail.received.subject', { title }),
    body: t('application.mail.received.text', { title, link: orgLink }),
  });
  for (const to of await organisationEmails(db, application.organisationId))
    await sendMail(deps, { to, language: 'both', content: received, links: [orgLink], kind: 'application' });
  const { studentId: _s, ...out } = application;
  return out;
}

/** A student's own applications, or the applicants to one's organisations' placements. */
export async function listApplications(
  scope: Scope,
  principal: UserPrincipal,
  organisationId?: string,
): Promise<Application[]> {
  const { db } = scope.deps;
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
  return rows.map((r) => toApplication(scope.lang, r));
}

export async function moveApplication(
  scope: Scope,
  principal: UserPrincipal,
  id: string,
  to: ApplicationStatus,
): Promise<Application> {
  const { deps } = scope;
  const { db, atomic, config } = deps;
  const current = await findApplication(scope, id);
  const isStudent = current.studentId === principal.userId;
  const isOrganisation =
    principal.roles.includes('secretariat') ||
    principal.memberships.some((m) => m.organisationId === current.organisationId);
  if (!isStudent && !isOrganisation) throw new NotFound();
  const moves = [
    ...(isStudent ? (STUDENT_MOVES[current.status] ?? []) : []),
    ...(isOrganisation ? (ORGANISATION_MOVES[current.status] ?? []) : []),
  ];
  // The detail names the statuses in the reader's words; the field's message their codes.
  const refuse = () =>
    new DomainError('conflict', 'placement.error.transition', {
      titleKey: 'placement.error.transition',
      messageParams: { from: `application.status.${current.status}`, to: `application.status.${to}` },
      keyedProblems: [
        { path: 'status', messageKey: 'placement.error.transition', params: { from: current.status, to } },
      ],
    });
  if (!moves.includes(to)) throw refuse();
  const asStudent = isStudent && (STUDENT_MOVES[current.status] ?? []).includes(to);
  const update = db
    .updateTable('applications')
    .set((eb) => ({ status: to, version: eb('version', '+', 1), updated_at: scope.now.toISOString() }))
    .where('id', '=', id)
    .where('status', '=', current.status)
    .compile();
  // Before the update, on its condition (nothing runs between the statements of a batch).
  const audit = auditIfIn(
    scope,
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
  const moved = await findApplication(scope, id);
  const studentLink = `${config.publicUrl}/students/applications`;
  const orgLink = `${config.publicUrl}/organisations/${encodeURIComponent(moved.organisationId)}/applications`;
  const wording =
    (link: string): MailContent =>
    (tr) => {
      const params = { title: moved.placementTitle, status: tr(`application.status.${to}`), link };
      return {
        subject: tr('application.mail.status.subject', params),
        body: tr('application.mail.status.text', params),
      };
    };
  if (!moved.student.erased && moved.student.email)
    await sendMail(deps, {
      to: moved.student.email,
      language: 'both',
      content: wording(studentLink),
      links: [studentLink],
      kind: 'application',
    });
  const toOrganisation = wording(orgLink);
  for (const email of await organisationEmails(db, moved.organisationId))
    await sendMail(deps, {
      to: email,
      language: 'both',
      content: toOrganisation,
      links: [orgLink],
      kind: 'application',
    });
  const { studentId: _s, ...out } = moved;
  return out;
}
