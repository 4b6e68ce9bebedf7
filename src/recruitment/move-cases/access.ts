import type { Kysely } from 'kysely';
import { listTargetEntries } from '../../audit/index.ts';
import { DomainError, NotFound } from '../../core/errors.ts';
import { actingUser, type Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import {
  type CasePerson,
  type CaseRow,
  findCaseRow,
  listCasePeople,
  listCaseSpecialisations,
  listGuideKommuner,
  relationOf,
} from './queries.ts';
import { CASE_RELATIONS, type CaseRelation, type MoveCase, type MoveTask } from './schemas.ts';

/** A case as one person may act on it: the row, its household and how the person stands to it. */
export interface CaseAccess {
  row: CaseRow;
  people: CasePerson[];
  relation: CaseRelation;
}

/**
 * The case, if the acting person may see it; otherwise 404, so that a case's existence is not
 * told to anyone outside it (a guide sees others' cases only while they wait unassigned).
 */
export async function requireCase(scope: Scope, id: string): Promise<CaseAccess> {
  const principal = actingUser(scope);
  const { db } = scope.deps;
  const row = await findCaseRow(db, id);
  if (!row) throw new NotFound();
  const people = await listCasePeople(db, id);
  // A guide's queue is the cases in their kommuner (decision 0036).
  const serves =
    principal.roles.includes('relocation-guide') && row.guide === null
      ? await listGuideKommuner(db, principal.userId)
      : [];
  const relation = relationOf(row, people, principal, serves);
  if (!relation) throw new NotFound();
  return { row, people, relation };
}

/** Writes need an open case and a relation that works it (the queue only reads, and takes). */
export function requireWorkable(access: CaseAccess): void {
  if (access.relation === 'queue') throw new DomainError('forbidden', 'moveCase.error.takeFirst');
  if (access.row.status !== 'open')
    throw new DomainError('conflict', 'moveCase.error.closed', { titleKey: 'moveCase.error.closedTitle' });
}

/** Who viewed the case (the access log the household sees): the views of everyone but the household. */
async function accessLog(db: Kysely<Database>, caseId: string): Promise<MoveCase['accessLog']> {
  const entries = await listTargetEntries(db, {
    type: 'move-case',
    id: caseId,
    actions: ['move-case.viewed'],
    limit: 50,
  });
  return entries.map((e) => {
    const as = (e.detail as { as?: string } | null)?.as;
    return {
      at: e.at,
      name: e.actorName,
      as: (CASE_RELATIONS as readonly string[]).includes(as ?? '') ? (as as CaseRelation) : 'secretariat',
    };
  });
}

/** The household's follow-ups and answers (its own data: the case page and the export show them). */
async function followUpsOf(db: Kysely<Database>, caseId: string): Promise<MoveCase['followUps']> {
  const rows = await db
    .selectFrom('move_case_follow_ups')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('wave')
    .orderBy('person')
    .execute();
  const bool = (v: number | null) => (v === null ? null : v === 1);
  return rows.map((r) => ({
    person: r.person === 'partner' ? 'partner' : 'recruit',
    wave: r.wave,
    dueOn: r.due_on,
    state: r.state,
    answeredAt: r.answered_at,
    inRegion: bool(r.in_region),
    kommun: r.kommun,
    inWork: bool(r.in_work),
    workSince: r.work_since,
    occupationGroup: r.occupation_group,
    networkEmployer: r.network_employer,
    recommend: r.recommend,
  }));
}

/** The case as the API and the case page show it to this person. */
export async function presentCase(db: Kysely<Database>, access: CaseAccess, tasks: MoveTask[]): Promise<MoveCase> {
  const { row, people, relation } = access;
  const recruit = people.find((p) => p.person === 'recruit');
  const partner = people.find((p) => p.person === 'partner');
  return {
    id: row.id,
    status: row.status,
    relation,
    organisation:
      row.organisationId && row.organisationName ? { id: row.organisationId, name: row.organisationName } : null,
    needLine: row.roundId && row.lineNo !== null ? { roundId: row.roundId, lineNo: row.lineNo } : null,
    occupation: {
      id: row.occupationId,
      ssyk: row.ssyk,
      labelSv: row.occupationLabelSv,
      labelEn: row.occupationLabelEn,
    },
    recruit: recruit ? { name: recruit.name, email: recruit.email } : null,
    partner: partner ? { name: partner.name, email: partner.email, acceptedAt: partner.acceptedAt } : null,
    partnerComes: row.partnerComes,
    children: row.children,
    housing: row.housing,
    earliestMove: row.earliestMove,
    guide: row.guide ? { id: row.guide.id, name: row.guide.name } : null,
    openedBy: row.openedBy ? { id: row.openedBy.id, name: row.openedBy.name } : null,
    outcome: row.outcome,
    movedInOn: row.movedInOn,
    movedToKommun: row.movedToKommun,
    offerAcceptedOn: row.offerAcceptedOn,
    specialisations: await listCaseSpecialisations(db, row.id),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    closedAt: row.closedAt,
    erased: row.erasedAt !== null,
    tasks,
    followUps: relation === 'household' ? await followUpsOf(db, row.id) : null,
    accessLog: relation === 'household' ? await accessLog(db, row.id) : null,
  };
}
