import type { CompiledQuery, Expression, Kysely, SqlBool } from 'kysely';
import { expressionBuilder } from 'kysely';
import type { UserPrincipal } from '../../core/principal.ts';
import type { Database } from '../../db/schema.ts';
import { presentCase } from './access.ts';
import { findCaseRow, listCasePeople, listCaseTasks } from './queries.ts';
import type { MoveCase } from './schemas.ts';

const eb = expressionBuilder<Database, 'move_cases'>();

/**
 * Erases the personal details of the cases `which` selects (decision 0028): the household, the
 * checklist with its notes, and every column that could tell who moved; the row keeps the outcome,
 * the kommun, the month and the occupation group. An open case is closed as withdrawn. Statements
 * for one atomic batch: the row is marked first, then its people and tasks go by the mark.
 */
export function eraseCasesQueries(db: Kysely<Database>, which: Expression<SqlBool>, at: string): CompiledQuery[] {
  const marked = db.selectFrom('move_cases').select('id').where('erased_at', '=', at);
  return [
    db
      .updateTable('move_cases')
      .set((u) => ({
        organisation_id: null,
        round_id: null,
        need_line_id: null,
        need_line_no: null,
        partner_comes: null,
        children_0_5: null,
        children_6_15: null,
        children_16_19: null,
        housing_tenure: null,
        housing_rooms: null,
        housing_kommuner: null,
        earliest_move: null,
        workplace_kommun: null,
        offer_accepted_on: u.fn<string>('substr', ['offer_accepted_on', u.lit(1), u.lit(7)]),
        guide_user_id: null,
        opened_by: null,
        status: 'closed',
        outcome: u.fn.coalesce('outcome', u.val('withdrawn')),
        moved_in_on: u.fn<string>('substr', ['moved_in_on', u.lit(1), u.lit(7)]),
        created_at: u.fn<string>('substr', ['created_at', u.lit(1), u.lit(7)]),
        closed_at: u.fn<string>('substr', [u.fn.coalesce('closed_at', u.val(at)), u.lit(1), u.lit(7)]),
        updated_at: at,
        version: u('version', '+', 1),
        erased_at: at,
      }))
      .where('erased_at', 'is', null)
      .where(which)
      .compile(),
    db.deleteFrom('move_case_tasks').where('case_id', 'in', marked).compile(),
    db.deleteFrom('move_case_people').where('case_id', 'in', marked).compile(),
    // Follow-ups keep only the facts the outcome figures need (decision 0029): whether the person
    // still lived in the region and was in work, and since which month; nothing more is sent.
    db
      .updateTable('move_case_follow_ups')
      .set((u) => ({
        kommun: null,
        occupation_group: null,
        network_employer: null,
        recommend: null,
        sent_at: null,
        reminded_at: null,
        answered_at: u.fn<string>('substr', ['answered_at', u.lit(1), u.lit(7)]),
        due_on: u.fn<string>('substr', ['due_on', u.lit(1), u.lit(7)]),
        state: u.case().when('state', 'in', ['due', 'sent']).then('lapsed').else(u.ref('state')).end(),
      }))
      .where('case_id', 'in', marked)
      .compile(),
  ];
}

/** The cases the address is the recruit of. */
function recruitOf(email: string): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('move_case_people as p')
      .select('p.case_id')
      .whereRef('p.case_id', '=', 'move_cases.id')
      .where('p.person', '=', 'recruit')
      .where('p.email', '=', email),
  );
}

/**
 * Statements for the erasure batch (src/privacy eraseAccount): the cases the person is the recruit
 * of, whole; where the person is the partner, only the partner's own row (name and address) goes,
 * since the case is the recruit's too (decision 0030).
 */
export function eraseMoveCaseData(db: Kysely<Database>, principal: UserPrincipal, at: Date): CompiledQuery[] {
  return [
    ...eraseCasesQueries(db, recruitOf(principal.email), at.toISOString()),
    db.deleteFrom('move_case_people').where('person', '=', 'partner').where('email', '=', principal.email).compile(),
  ];
}

/** The person's household cases (recruit or partner) as the case page shows them to the household (GDPR art. 15, 20). */
export async function exportMoveCaseData(
  db: Kysely<Database>,
  principal: UserPrincipal,
  today: string,
): Promise<MoveCase[]> {
  const ids = await db
    .selectFrom('move_case_people')
    .select('case_id')
    .where('email', '=', principal.email)
    .orderBy('invited_at')
    .execute();
  const cases: MoveCase[] = [];
  for (const { case_id } of ids) {
    const row = await findCaseRow(db, case_id);
    if (!row) continue;
    const people = await listCasePeople(db, case_id);
    cases.push(await presentCase(db, { row, people, relation: 'household' }, await listCaseTasks(db, case_id, today)));
  }
  return cases;
}
