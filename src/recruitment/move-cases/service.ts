import { expressionBuilder, type Kysely } from 'kysely';
import { auditIfIn, auditIn } from '../../audit/index.ts';
import { DomainError, Invalid, NotFound, StaleVersion } from '../../core/errors.ts';
import type { SignInLandingHook } from '../../core/hooks.ts';
import { actingUser, type Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { formatMonth } from '../../i18n/dates.ts';
import { accountWithRoleQueries, INVITATION_DAYS, issueLinkToken } from '../../identity/index.ts';
import { sendMail } from '../../mail/index.ts';
import { listNeedLineSpecialisations, listStrategyNeedLines } from '../../surveys/index.ts';
import { needsRelocationSupport } from '../eligibility.ts';
import { type CaseAccess, presentCase, requireCase, requireWorkable } from './access.ts';
import { checklistFor } from './checklist.ts';
import { caseGuideRecipients } from './guide-recipients.ts';
import { listCasesFor, listCaseTasks, stockholmDate } from './queries.ts';
import type {
  CaseClosure,
  MoveCase,
  MoveCaseCreate,
  MoveCasePatch,
  MoveCaseSummary,
  TaskCreate,
  TaskPatch,
} from './schemas.ts';

/** Move cases (decision 0028): opened from a need line, worked by a guide, seen by the household. */

const eb = expressionBuilder<Database>();

/** Kommun codes that exist, or 422 at `field`. */
async function requireKommuner(db: Kysely<Database>, codes: readonly string[], field: string): Promise<void> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return;
  const found = await db.selectFrom('municipalities').select('code').where('code', 'in', unique).execute();
  if (found.length !== unique.length) throw new Invalid(field, 'moveCase.validation.kommun');
}

/** The earliest move may not lie before this month (a case is opened for a move to come). */
function requireFutureMonth(scope: Scope, month: string): void {
  if (month < stockholmDate(scope.now).slice(0, 7)) throw new Invalid('earliestMove', 'moveCase.validation.monthPast');
}

const DAY_MS = 86_400_000;

/** Days from one ISO day to another (both YYYY-MM-DD, read as UTC midnights). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The day the offer was accepted lies neither in the future nor more than five years back: a case
 * is opened when someone is recruited (decision 0029).
 */
function requireOfferDay(scope: Scope, day: string): void {
  const today = stockholmDate(scope.now);
  if (day > today) throw new Invalid('offerAcceptedOn', 'moveCase.validation.offerFuture');
  if (daysBetween(day, today) > 5 * 366) throw new Invalid('offerAcceptedOn', 'moveCase.validation.offerTooOld');
}

/** How far ahead a move-in may be recorded: a guide may close the case in the last week before it. */
export const MOVE_IN_DAYS_AHEAD = 7;

const childCount = (c: MoveCaseCreate['children']) => c.age0to5 + c.age6to15 + c.age16to19;

/**
 * Opens a move case from one of the organisation's need lines that recruits from outside the
 * region: the case, its household (the recruit, with an account and a sign-in link to the case),
 * the checklist, and the audit entry, in one batch; then mails the recruit.
 */
export async function openMoveCase(scope: Scope, input: MoveCaseCreate): Promise<{ id: string }> {
  const user = actingUser(scope);
  const { deps } = scope;
  const { db, newId, atomic } = deps;
  // Members only: the secretariat does not recruit for an organisation. Not a member: not yours to know.
  if (!user.memberships.some((m) => m.organisationId === input.organisationId)) throw new NotFound();
  const [line] = await listStrategyNeedLines(db, input.organisationId, input.needLineId);
  if (!line) throw new NotFound('moveCase.error.noSuchLine');
  if (!needsRelocationSupport(line)) throw new Invalid('needLineId', 'moveCase.error.lineNotQualifying');
  requireFutureMonth(scope, input.earliestMove);
  if (input.offerAcceptedOn !== undefined) requireOfferDay(scope, input.offerAcceptedOn);
  await requireKommuner(db, input.housing.kommuner, 'housing');
  // What the outcome figures and the guides' queues need, copied as the occupation is.
  const specialisations = await listNeedLineSpecialisations(db, line.id);
  const workplace = await db
    .selectFrom('organisations')
    .select('municipality_code')
    .where('id', '=', input.organisationId)
    .executeTakeFirst();
  const id = newId();
  const at = scope.now.toISOString();
  const tasks = checklistFor(input.earliestMove, {
    partnerComes: input.partnerComes,
    children: childCount(input.children),
  });
  const next = `/move-cases/${id}`;
  const link = await issueLinkToken(deps, {
    email: input.recruit.email,
    purpose: 'sign-in',
    next,
    expiresAt: new Date(scope.now.getTime() + INVITATION_DAYS * 86_400_000),
  });
  await atomic([
    db
      .insertInto('move_cases')
      .values({
        id,
        organisation_id: input.organisationId,
        round_id: line.roundId,
        need_line_id: line.id,
        need_line_no: line.lineNo,
        occupation_id: line.occupationId,
        ssyk_code: line.ssyk,
        partner_comes: input.partnerComes ? 1 : 0,
        children_0_5: input.children.age0to5,
        children_6_15: input.children.age6to15,
        children_16_19: input.children.age16to19,
        housing_tenure: input.housing.tenure,
        housing_rooms: input.housing.rooms,
        housing_kommuner: JSON.stringify([...new Set(input.housing.kommuner)]),
        earliest_move: input.earliestMove,
        offer_accepted_on: input.offerAcceptedOn ?? null,
        workplace_kommun: workplace?.municipality_code ?? null,
        opened_by: user.userId,
        created_at: at,
        updated_at: at,
      })
      .compile(),
    ...(specialisations.length
      ? [
          db
            .insertInto('move_case_specialisations')
            .values(specialisations.map((code) => ({ case_id: id, specialisation_code: code })))
            .compile(),
        ]
      : []),
    db
      .insertInto('move_case_people')
      .values({ case_id: id, person: 'recruit', name: input.recruit.name, email: input.recruit.email, invited_at: at })
      .compile(),
    ...(tasks.length
      ? [
          db
            .insertInto('move_case_tasks')
            .values(
              tasks.map((task, position) => ({
                id: newId(),
                case_id: id,
                kind: task.kind,
                owner: task.owner,
                due_on: task.dueOn,
                position,
                created_by: user.userId,
                created_at: at,
                updated_at: at,
              })),
            )
            .compile(),
        ]
      : []),
    // The recruit signs in to see the case: an account without a role, as a reviewer's is made.
    ...accountWithRoleQueries(db, {
      id: newId(),
      email: input.recruit.email,
      name: input.recruit.name,
      role: null,
      at,
    }),
    link.query,
    auditIn(scope, {
      action: 'move-case.opened',
      targetType: 'move-case',
      targetId: id,
      detail: { organisationId: input.organisationId, roundId: line.roundId, lineNo: line.lineNo },
    }),
  ]);
  // The recruit's language is not known: the mail is in Swedish and English.
  await sendMail(deps, {
    to: input.recruit.email,
    language: 'both',
    content: (t) => ({
      subject: t('moveCase.mail.invite.subject'),
      body: t('moveCase.mail.invite.text', { url: link.url }),
    }),
    links: [link.url],
    kind: 'move-case',
  });
  // A new case waits in the queue: the guides whose area holds it hear of it, without the household's
  // name; when no guide's area holds it, the secretariat, to assign one (decision 0036).
  const caseUrl = `${deps.config.publicUrl}/move-cases/${id}`;
  const { to: recipients, toSecretariat } = await caseGuideRecipients(deps, {
    guide: null,
    housing: input.housing,
    workplaceKommun: workplace?.municipality_code ?? null,
  });
  const mail = toSecretariat ? 'moveCase.mail.unserved' : 'moveCase.mail.queued';
  for (const to of recipients) {
    await sendMail(deps, {
      to,
      language: 'both',
      content: (t, lang) => ({
        subject: t(`${mail}.subject`),
        body: t(`${mail}.text`, {
          occupation: lang === 'en' ? line.occupationLabelEn : line.occupationLabelSv,
          month: formatMonth(input.earliestMove, lang),
          url: caseUrl,
        }),
      }),
      links: [caseUrl],
      kind: 'move-case-queued',
    });
  }
  return { id };
}

/**
 * The case as this person may see it. A view by anyone but the household is written to the audit
 * log, which the household reads as its access log; the household's first view accepts the link.
 */
export async function viewMoveCase(scope: Scope, id: string): Promise<MoveCase> {
  const access = await requireCase(scope, id);
  const { db, atomic } = scope.deps;
  const user = actingUser(scope);
  if (access.relation === 'household') {
    if (access.people.some((p) => p.email.toLowerCase() === user.email.toLowerCase() && p.acceptedAt === null)) {
      await db
        .updateTable('move_case_people')
        .set({ accepted_at: scope.now.toISOString() })
        .where('case_id', '=', id)
        .where('email', '=', user.email)
        .where('accepted_at', 'is', null)
        .execute();
      // The answer shows the acceptance it has just recorded (the partner's own, decision 0030).
      access.people = access.people.map((p) =>
        p.email.toLowerCase() === user.email.toLowerCase() && p.acceptedAt === null
          ? { ...p, acceptedAt: scope.now.toISOString() }
          : p,
      );
    }
  } else {
    await atomic([
      auditIn(scope, {
        action: 'move-case.viewed',
        targetType: 'move-case',
        targetId: id,
        detail: { as: access.relation },
      }),
    ]);
  }
  const tasks = await listCaseTasks(db, id, stockholmDate(scope.now));
  return presentCase(db, access, tasks);
}

export async function listMoveCases(
  scope: Scope,
  filter: { status?: 'open' | 'closed' | undefined },
): Promise<MoveCaseSummary[]> {
  return listCasesFor(scope.deps.db, actingUser(scope), filter, stockholmDate(scope.now));
}

/** 409 for a write whose version or state no longer holds: closed, or someone saved in between. */
async function refuseStale(scope: Scope, id: string, yours: number): Promise<never> {
  const current = await scope.deps.db
    .selectFrom('move_cases')
    .select(['version', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (current?.status !== 'open')
    throw new DomainError('conflict', 'moveCase.error.closed', { titleKey: 'moveCase.error.closedTitle' });
  throw new StaleVersion('moveCase.conflict.title', 'moveCase.conflict.detail', yours, current.version);
}

/** The household's details, changed by the household, the organisation or the guide. */
export async function updateMoveCase(scope: Scope, id: string, patch: MoveCasePatch): Promise<void> {
  const access = await requireCase(scope, id);
  requireWorkable(access);
  if (patch.earliestMove !== undefined && patch.earliestMove !== access.row.earliestMove)
    requireFutureMonth(scope, patch.earliestMove);
  if (patch.offerAcceptedOn !== undefined && patch.offerAcceptedOn !== access.row.offerAcceptedOn)
    requireOfferDay(scope, patch.offerAcceptedOn);
  if (patch.housing) await requireKommuner(scope.deps.db, patch.housing.kommuner, 'housing');
  const { db, atomic } = scope.deps;
  const at = scope.now.toISOString();
  const stillHolds = eb.exists(
    eb
      .selectFrom('move_cases')
      .select('id')
      .where('id', '=', id)
      .where('version', '=', patch.version)
      .where('status', '=', 'open'),
  );
  const fields = Object.keys(patch).filter((k) => k !== 'version');
  const [, result] = await atomic([
    auditIfIn(
      scope,
      { action: 'move-case.updated', targetType: 'move-case', targetId: id, detail: { fields } },
      stillHolds,
    ),
    db
      .updateTable('move_cases')
      .set((u) => ({
        ...(patch.partnerComes === undefined ? {} : { partner_comes: patch.partnerComes ? 1 : 0 }),
        ...(patch.children === undefined
          ? {}
          : {
              children_0_5: patch.children.age0to5,
              children_6_15: patch.children.age6to15,
              children_16_19: patch.children.age16to19,
            }),
        ...(patch.housing === undefined
          ? {}
          : {
              housing_tenure: patch.housing.tenure,
              housing_rooms: patch.housing.rooms,
              housing_kommuner: JSON.stringify([...new Set(patch.housing.kommuner)]),
            }),
        ...(patch.earliestMove === undefined ? {} : { earliest_move: patch.earliestMove }),
        ...(patch.offerAcceptedOn === undefined ? {} : { offer_accepted_on: patch.offerAcceptedOn }),
        version: u('version', '+', 1),
        updated_at: at,
      }))
      .where('id', '=', id)
      .where('version', '=', patch.version)
      .where('status', '=', 'open')
      .compile(),
  ]);
  if (Number(result?.numAffectedRows ?? 0) !== 1) await refuseStale(scope, id, patch.version);
}

/** A task anyone working the case adds (the household too), at the end of its list. */
export async function addTask(scope: Scope, id: string, input: TaskCreate): Promise<string> {
  const access = await requireCase(scope, id);
  requireWorkable(access);
  const user = actingUser(scope);
  const { db, atomic, newId } = scope.deps;
  const taskId = newId();
  const at = scope.now.toISOString();
  await atomic([
    db
      .insertInto('move_case_tasks')
      .columns([
        'id',
        'case_id',
        'kind',
        'title',
        'owner',
        'due_on',
        'note',
        'position',
        'created_by',
        'updated_by',
        'created_at',
        'updated_at',
      ])
      .expression(
        db.selectNoFrom((s) => [
          s.val(taskId).as('id'),
          s.val(id).as('case_id'),
          s.val('other').as('kind'),
          s.val(input.title).as('title'),
          s.val(input.owner).as('owner'),
          s.val(input.dueOn).as('due_on'),
          s.val(input.note).as('note'),
          s
            .selectFrom('move_case_tasks')
            .select((e) => e(e.fn.coalesce(e.fn.max('position'), e.lit(-1)), '+', 1).as('p'))
            .where('case_id', '=', id)
            .as('position'),
          s.val(user.userId).as('created_by'),
          s.val(user.userId).as('updated_by'),
          s.val(at).as('created_at'),
          s.val(at).as('updated_at'),
        ]),
      )
      .compile(),
    auditIn(scope, { action: 'move-task.added', targetType: 'move-case', targetId: id, detail: { taskId } }),
  ]);
  return taskId;
}

/**
 * A task's state, note, due date or owner. The household changes the tasks it owns; the others any
 * task. A new due date starts the escalation over.
 */
export async function updateTask(scope: Scope, id: string, taskId: string, patch: TaskPatch): Promise<void> {
  const access = await requireCase(scope, id);
  requireWorkable(access);
  const user = actingUser(scope);
  const { db, atomic } = scope.deps;
  const task = await db
    .selectFrom('move_case_tasks')
    .select(['owner', 'version', 'due_on'])
    .where('id', '=', taskId)
    .where('case_id', '=', id)
    .executeTakeFirst();
  if (!task) throw new NotFound();
  if (access.relation === 'household' && task.owner !== 'household')
    throw new DomainError('forbidden', 'moveCase.error.notYourTask');
  const at = scope.now.toISOString();
  const stillHolds = eb.exists(
    eb.selectFrom('move_case_tasks').select('id').where('id', '=', taskId).where('version', '=', patch.version),
  );
  const newDue = patch.dueOn !== undefined && patch.dueOn !== task.due_on;
  const [, result] = await atomic([
    auditIfIn(
      scope,
      {
        action: 'move-task.updated',
        targetType: 'move-case',
        targetId: id,
        detail: { taskId, ...(patch.state ? { state: patch.state } : {}) },
      },
      stillHolds,
    ),
    db
      .updateTable('move_case_tasks')
      .set((u) => ({
        ...(patch.state === undefined ? {} : { state: patch.state }),
        ...(patch.note === undefined ? {} : { note: patch.note }),
        ...(patch.owner === undefined ? {} : { owner: patch.owner }),
        ...(newDue ? { due_on: patch.dueOn, escalation: 0 } : {}),
        version: u('version', '+', 1),
        updated_by: user.userId,
        updated_at: at,
      }))
      .where('id', '=', taskId)
      .where('case_id', '=', id)
      .where('version', '=', patch.version)
      .compile(),
  ]);
  if (Number(result?.numAffectedRows ?? 0) !== 1)
    throw new StaleVersion('moveCase.conflict.title', 'moveCase.conflict.taskDetail', patch.version, task.version);
}

/** A guide takes an unassigned case from the queue; one statement, so two guides cannot both take it. */
export async function takeMoveCase(scope: Scope, id: string): Promise<void> {
  const user = actingUser(scope);
  const access = await requireCase(scope, id);
  if (access.relation !== 'queue' && !(access.relation === 'secretariat' && access.row.guide === null)) {
    throw new DomainError('conflict', 'moveCase.error.alreadyTaken', { titleKey: 'moveCase.error.takenTitle' });
  }
  const { db, atomic } = scope.deps;
  const unassigned = eb.exists(
    eb
      .selectFrom('move_cases')
      .select('id')
      .where('id', '=', id)
      .where('guide_user_id', 'is', null)
      .where('status', '=', 'open'),
  );
  const [, result] = await atomic([
    auditIfIn(
      scope,
      { action: 'move-case.assigned', targetType: 'move-case', targetId: id, detail: { guide: user.userId } },
      unassigned,
    ),
    db
      .updateTable('move_cases')
      .set((u) => ({ guide_user_id: user.userId, version: u('version', '+', 1), updated_at: scope.now.toISOString() }))
      .where('id', '=', id)
      .where('guide_user_id', 'is', null)
      .where('status', '=', 'open')
      .compile(),
  ]);
  if (Number(result?.numAffectedRows ?? 0) !== 1)
    throw new DomainError('conflict', 'moveCase.error.alreadyTaken', { titleKey: 'moveCase.error.takenTitle' });
}

/** The guide (or the secretariat) closes the case with its outcome, which later feeds outcome figures. */
export async function closeMoveCase(scope: Scope, id: string, closure: CaseClosure): Promise<void> {
  const access: CaseAccess = await requireCase(scope, id);
  if (access.relation !== 'guide' && access.relation !== 'secretariat')
    throw new DomainError('forbidden', 'moveCase.error.guideCloses');
  requireWorkable(access);
  if (closure.movedToKommun) await requireKommuner(scope.deps.db, [closure.movedToKommun], 'movedToKommun');
  const movedIn = closure.outcome === 'moved-in';
  if (closure.offerAcceptedOn !== undefined) requireOfferDay(scope, closure.offerAcceptedOn);
  const offer = closure.offerAcceptedOn ?? access.row.offerAcceptedOn;
  let offerToMoveDays: number | null = null;
  if (movedIn && closure.movedInOn) {
    // The outcome figures count days from the accepted offer to the move-in (decision 0029).
    if (!offer) throw new Invalid('offerAcceptedOn', 'moveCase.validation.offerNeeded');
    if (closure.movedInOn < offer) throw new Invalid('movedInOn', 'moveCase.validation.movedBeforeOffer');
    if (daysBetween(stockholmDate(scope.now), closure.movedInOn) > MOVE_IN_DAYS_AHEAD)
      throw new Invalid('movedInOn', 'moveCase.validation.movedInFuture');
    offerToMoveDays = daysBetween(offer, closure.movedInOn);
  }
  const { db, atomic } = scope.deps;
  const at = scope.now.toISOString();
  const stillHolds = eb.exists(
    eb
      .selectFrom('move_cases')
      .select('id')
      .where('id', '=', id)
      .where('version', '=', closure.version)
      .where('status', '=', 'open'),
  );
  const [, result] = await atomic([
    auditIfIn(
      scope,
      { action: 'move-case.closed', targetType: 'move-case', targetId: id, detail: { outcome: closure.outcome } },
      stillHolds,
    ),
    db
      .updateTable('move_cases')
      .set((u) => ({
        status: 'closed',
        outcome: closure.outcome,
        moved_in_on: movedIn ? (closure.movedInOn ?? null) : null,
        moved_to_kommun: movedIn ? (closure.movedToKommun ?? null) : null,
        ...(closure.offerAcceptedOn === undefined ? {} : { offer_accepted_on: closure.offerAcceptedOn }),
        offer_to_move_days: offerToMoveDays,
        closed_at: at,
        updated_at: at,
        version: u('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', closure.version)
      .where('status', '=', 'open')
      .compile(),
  ]);
  if (Number(result?.numAffectedRows ?? 0) !== 1) await refuseStale(scope, id, closure.version);
}

/**
 * A household signing in with a link that names no page lands on its open move case (its newest),
 * not on an account page that does not know of it. Only for people without a role: a guide or a
 * member of an organisation starts where they always do.
 */
export const householdCaseLanding: SignInLandingHook = {
  async landing(deps, { userId, roles }) {
    if (roles.length > 0) return null;
    const kase = await deps.db
      .selectFrom('move_case_people as p')
      .innerJoin('users as u', 'u.email', 'p.email')
      .innerJoin('move_cases as c', 'c.id', 'p.case_id')
      .select('c.id')
      .where('u.id', '=', userId)
      .where('c.status', '=', 'open')
      .orderBy('c.created_at', 'desc')
      .executeTakeFirst();
    return kase ? `/move-cases/${kase.id}` : null;
  },
};
