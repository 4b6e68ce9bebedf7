import type { Kysely } from 'kysely';
import type { UserPrincipal } from '../../core/principal.ts';
import type { Database } from '../../db/schema.ts';
import type { TaskKind, TaskOwner, TaskState } from './checklist.ts';
import type { CaseRelation, MoveCaseSummary, MoveTask } from './schemas.ts';

/** Reads of move cases (recruitment owns move_cases, move_case_people and move_case_tasks). */

const dayFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today in Swedish time (YYYY-MM-DD): due dates are days as the household reads them. */
export function stockholmDate(now: Date): string {
  return dayFormat.format(now);
}

export interface CaseRow {
  id: string;
  organisationId: string | null;
  organisationName: string | null;
  roundId: string | null;
  lineNo: number | null;
  occupationId: string;
  occupationLabelSv: string;
  occupationLabelEn: string;
  ssyk: string | null;
  partnerComes: boolean | null;
  children: { age0to5: number; age6to15: number; age16to19: number } | null;
  housing: { tenure: 'rent' | 'buy'; rooms: number; kommuner: string[] } | null;
  earliestMove: string | null;
  status: 'open' | 'closed';
  outcome: 'moved-in' | 'did-not-move' | 'withdrawn' | null;
  movedInOn: string | null;
  movedToKommun: string | null;
  guide: { id: string; name: string | null; email: string | null } | null;
  openedBy: { id: string; name: string | null; email: string | null } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  erasedAt: string | null;
  offerAcceptedOn: string | null;
  workplaceKommun: string | null;
}

export interface CasePerson {
  person: 'recruit' | 'partner';
  name: string;
  email: string;
  acceptedAt: string | null;
}

function caseQuery(db: Kysely<Database>) {
  return db
    .selectFrom('move_cases as c')
    .innerJoin('occupations as o', 'o.id', 'c.occupation_id')
    .leftJoin('ssyk as s', 's.code', 'c.ssyk_code')
    .leftJoin('organisations as org', 'org.id', 'c.organisation_id')
    .leftJoin('users as g', 'g.id', 'c.guide_user_id')
    .leftJoin('users as ob', 'ob.id', 'c.opened_by')
    .selectAll('c')
    .select([
      'o.label_sv',
      's.name_en',
      'org.name as organisation_name',
      'g.name as guide_name',
      'g.email as guide_email',
      'g.erased_at as guide_erased',
      'ob.name as opener_name',
      'ob.email as opener_email',
      'ob.erased_at as opener_erased',
    ]);
}

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof caseQuery>['executeTakeFirst']>>>;

function toCaseRow(r: Row): CaseRow {
  const user = (id: string | null, name: string | null, email: string | null, erased: string | null) =>
    id ? { id, name: erased ? null : name, email: erased ? null : email } : null;
  return {
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    roundId: r.round_id,
    lineNo: r.need_line_no,
    occupationId: r.occupation_id,
    occupationLabelSv: r.label_sv,
    occupationLabelEn: r.name_en ?? r.label_sv,
    ssyk: r.ssyk_code,
    partnerComes: r.partner_comes === null ? null : r.partner_comes === 1,
    children:
      r.children_0_5 === null
        ? null
        : { age0to5: r.children_0_5, age6to15: r.children_6_15 ?? 0, age16to19: r.children_16_19 ?? 0 },
    housing:
      r.housing_tenure === null
        ? null
        : {
            tenure: r.housing_tenure as 'rent' | 'buy',
            rooms: r.housing_rooms ?? 1,
            kommuner: JSON.parse(r.housing_kommuner ?? '[]') as string[],
          },
    earliestMove: r.earliest_move,
    status: r.status as CaseRow['status'],
    outcome: r.outcome as CaseRow['outcome'],
    movedInOn: r.moved_in_on,
    movedToKommun: r.moved_to_kommun,
    guide: user(r.guide_user_id, r.guide_name, r.guide_email, r.guide_erased),
    openedBy: user(r.opened_by, r.opener_name, r.opener_email, r.opener_erased),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    closedAt: r.closed_at,
    erasedAt: r.erased_at,
    offerAcceptedOn: r.offer_accepted_on,
    workplaceKommun: r.workplace_kommun,
  };
}

export async function findCaseRow(db: Kysely<Database>, id: string): Promise<CaseRow | undefined> {
  const row = await caseQuery(db).where('c.id', '=', id).executeTakeFirst();
  return row ? toCaseRow(row) : undefined;
}

/** The need line's specialisations, copied onto the case when it opened. */
export async function listCaseSpecialisations(db: Kysely<Database>, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('move_case_specialisations')
    .select('specialisation_code')
    .where('case_id', '=', caseId)
    .orderBy('specialisation_code')
    .execute();
  return rows.map((r) => r.specialisation_code);
}

export async function listCasePeople(db: Kysely<Database>, caseId: string): Promise<CasePerson[]> {
  const rows = await db
    .selectFrom('move_case_people')
    .select(['person', 'name', 'email', 'accepted_at'])
    .where('case_id', '=', caseId)
    .orderBy('person', 'desc')
    .execute();
  return rows.map((r) => ({
    person: r.person as CasePerson['person'],
    name: r.name,
    email: r.email,
    acceptedAt: r.accepted_at,
  }));
}

export async function listCaseTasks(db: Kysely<Database>, caseId: string, today: string): Promise<MoveTask[]> {
  const rows = await db
    .selectFrom('move_case_tasks')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('due_on')
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as TaskKind,
    title: r.title,
    owner: r.owner as TaskOwner,
    dueOn: r.due_on,
    state: r.state as TaskState,
    note: r.note,
    overdue: r.state === 'open' && r.due_on < today,
    escalation: r.escalation,
    version: r.version,
  }));
}

/** How the person stands to the case, most particular first; null: not theirs to see. */
export function relationOf(
  row: CaseRow,
  people: readonly CasePerson[],
  principal: UserPrincipal,
  serves: readonly string[] = [],
): CaseRelation | null {
  const email = principal.email.toLowerCase();
  if (people.some((p) => p.email.toLowerCase() === email)) return 'household';
  if (row.organisationId && principal.memberships.some((m) => m.organisationId === row.organisationId))
    return 'organisation';
  if (row.guide?.id === principal.userId) return 'guide';
  if (
    principal.roles.includes('relocation-guide') &&
    row.guide === null &&
    row.status === 'open' &&
    inGuideArea(row, serves)
  )
    return 'queue';
  if (principal.roles.includes('secretariat')) return 'secretariat';
  return null;
}

/**
 * Whether a case lies in a guide's area (decision 0036): a guide who serves no kommuner serves the
 * whole region; a case with neither housing kommuner nor a workplace kommun is everyone's.
 */
export function inGuideArea(row: Pick<CaseRow, 'housing' | 'workplaceKommun'>, serves: readonly string[]): boolean {
  if (serves.length === 0) return true;
  const kommuner = [...(row.housing?.kommuner ?? []), ...(row.workplaceKommun ? [row.workplaceKommun] : [])];
  return kommuner.length === 0 || kommuner.some((k) => serves.includes(k));
}

/** The relocation guides and the kommuner each serves (none: the whole region). */
export async function listRelocationGuides(
  db: Kysely<Database>,
): Promise<{ id: string; name: string | null; email: string; kommuner: string[] }[]> {
  const guides = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.name', 'u.email'])
    .where('r.role', '=', 'relocation-guide')
    .where('u.erased_at', 'is', null)
    .orderBy('u.name')
    .orderBy('u.email')
    .execute();
  const kommuner = await db.selectFrom('guide_kommuner').selectAll().orderBy('kommun_code').execute();
  return guides.map((g) => ({
    id: g.id,
    name: g.name,
    email: g.email,
    kommuner: kommuner.filter((k) => k.user_id === g.id).map((k) => k.kommun_code),
  }));
}

/** The kommuner a relocation guide serves; none: the whole region. */
export async function listGuideKommuner(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('guide_kommuner')
    .select('kommun_code')
    .where('user_id', '=', userId)
    .orderBy('kommun_code')
    .execute();
  return rows.map((r) => r.kommun_code);
}

/**
 * The cases the person may see, open first, then by earliest move: as the household, for their
 * organisations, as the assigned guide, the unassigned queue (guides), everything (the secretariat).
 */
export async function listCasesFor(
  db: Kysely<Database>,
  principal: UserPrincipal,
  filter: { status?: 'open' | 'closed' | undefined },
  today: string,
): Promise<MoveCaseSummary[]> {
  const organisations = principal.memberships.map((m) => m.organisationId);
  const isGuide = principal.roles.includes('relocation-guide');
  const isSecretariat = principal.roles.includes('secretariat');
  const serves = isGuide ? await listGuideKommuner(db, principal.userId) : [];
  const rows = await caseQuery(db)
    .select((eb) => [
      eb
        .exists(
          eb
            .selectFrom('move_case_people as p')
            .select('p.case_id')
            .whereRef('p.case_id', '=', 'c.id')
            .where('p.email', '=', principal.email),
        )
        .as('is_household'),
      eb
        .selectFrom('move_case_people as p')
        .select('p.name')
        .whereRef('p.case_id', '=', 'c.id')
        .where('p.person', '=', 'recruit')
        .as('recruit_name'),
      eb
        .selectFrom('move_case_tasks as t')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('t.case_id', '=', 'c.id')
        .where('t.state', '=', 'open')
        .as('open_tasks'),
      eb
        .selectFrom('move_case_tasks as t')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('t.case_id', '=', 'c.id')
        .where('t.state', '=', 'open')
        .where('t.due_on', '<', today)
        .as('overdue_tasks'),
    ])
    .$if(!isSecretariat, (q) =>
      q.where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom('move_case_people as p')
              .select('p.case_id')
              .whereRef('p.case_id', '=', 'c.id')
              .where('p.email', '=', principal.email),
          ),
          ...(organisations.length ? [eb('c.organisation_id', 'in', organisations)] : []),
          eb('c.guide_user_id', '=', principal.userId),
          ...(isGuide
            ? [
                eb.and([
                  eb('c.guide_user_id', 'is', null),
                  eb('c.status', '=', 'open'),
                  // The guide's area (inGuideArea): none set is the whole region.
                  ...(serves.length === 0
                    ? []
                    : [
                        eb.or([
                          eb.and([
                            eb.or([eb('c.housing_kommuner', 'is', null), eb('c.housing_kommuner', '=', '[]')]),
                            eb('c.workplace_kommun', 'is', null),
                          ]),
                          eb('c.workplace_kommun', 'in', serves),
                          ...serves.map((k) => eb('c.housing_kommuner', 'like', `%"${k}"%`)),
                        ]),
                      ]),
                ]),
              ]
            : []),
        ]),
      ),
    )
    .$if(filter.status !== undefined, (q) => q.where('c.status', '=', filter.status ?? 'open'))
    .orderBy('c.status', 'desc')
    .orderBy('c.earliest_move')
    .orderBy('c.created_at')
    .limit(500)
    .execute();
  return rows.map((r) => {
    const row = toCaseRow(r);
    const relation: CaseRelation = r.is_household
      ? 'household'
      : row.organisationId && organisations.includes(row.organisationId)
        ? 'organisation'
        : row.guide?.id === principal.userId
          ? 'guide'
          : isGuide && row.guide === null && row.status === 'open' && inGuideArea(row, serves)
            ? 'queue'
            : 'secretariat';
    return {
      id: row.id,
      status: row.status,
      relation,
      organisation:
        row.organisationId && row.organisationName ? { id: row.organisationId, name: row.organisationName } : null,
      occupation: {
        id: row.occupationId,
        ssyk: row.ssyk,
        labelSv: row.occupationLabelSv,
        labelEn: row.occupationLabelEn,
      },
      recruitName: r.recruit_name ?? null,
      earliestMove: row.earliestMove,
      guide: row.guide ? { id: row.guide.id, name: row.guide.name } : null,
      openTasks: Number(r.open_tasks ?? 0),
      overdueTasks: Number(r.overdue_tasks ?? 0),
    };
  });
}

/** The organisation's own move cases, newest first (its page lists them beside its need lines). */
export async function listOrganisationCaseLines(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('move_cases')
    .select(['id', 'need_line_id', 'round_id', 'need_line_no', 'status'])
    .where('organisation_id', '=', organisationId)
    .execute();
}
