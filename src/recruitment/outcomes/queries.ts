import type { CompiledQuery, Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { OutcomeSuppression, ProtectedOutcome } from './protect.ts';
import type { OutcomeHousehold, OutcomeMeasure, OutcomeStatus } from './tables.ts';

/**
 * The outcome figures' input and store (recruitment owns move_outcome_cells). The input is what
 * outlives a case's erasure (decision 0029): the month and kommun of the move, the specialisations,
 * the days from offer to move-in, and the 12-month answers' in-region, in-work and since-when.
 */

/** The month `months` after `month` (YYYY-MM). */
export function addMonths(month: string, months: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = (y ?? 0) * 12 + (m ?? 1) - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export async function readOutcomeHouseholds(db: Kysely<Database>): Promise<OutcomeHousehold[]> {
  const cases = await db
    .selectFrom('move_cases')
    .select(['id', 'moved_in_on', 'moved_to_kommun', 'offer_to_move_days'])
    .where('outcome', '=', 'moved-in')
    .where('moved_in_on', 'is not', null)
    .where('moved_to_kommun', 'is not', null)
    .orderBy('id')
    .execute();
  const specialisations = await db
    .selectFrom('move_case_specialisations as s')
    .innerJoin('move_cases as c', 'c.id', 's.case_id')
    .select(['s.case_id', 's.specialisation_code'])
    .where('c.outcome', '=', 'moved-in')
    .execute();
  const answers = await db
    .selectFrom('move_case_follow_ups as f')
    .innerJoin('move_cases as c', 'c.id', 'f.case_id')
    .select(['f.case_id', 'f.person', 'f.in_region', 'f.in_work', 'f.work_since'])
    .where('c.outcome', '=', 'moved-in')
    .where('f.wave', '=', 12)
    .where('f.state', '=', 'answered')
    .execute();
  const specs = new Map<string, string[]>();
  for (const s of specialisations) specs.set(s.case_id, [...(specs.get(s.case_id) ?? []), s.specialisation_code]);
  return cases.map((c) => {
    const moveMonth = (c.moved_in_on ?? '').slice(0, 7);
    const mine = answers.filter((a) => a.case_id === c.id);
    const partner = mine.find((a) => a.person === 'partner');
    const inRegion = mine.filter((a) => a.in_region !== null).map((a) => a.in_region === 1);
    return {
      caseId: c.id,
      year: moveMonth.slice(0, 4),
      kommun: c.moved_to_kommun ?? '',
      specialisations: (specs.get(c.id) ?? []).sort(),
      offerToMoveDays: c.offer_to_move_days,
      // In work at 6 months: in work at 12 and since no later than six months after the move-in
      // month; a partner in work who did not say since when is not counted as in work at 6.
      partner: partner
        ? {
            inWork12: partner.in_work === 1,
            inWork6:
              partner.in_work === 1 && partner.work_since !== null && partner.work_since <= addMonths(moveMonth, 6),
          }
        : null,
      // A household still lives here when any adult's 12-month answer says so.
      stayed12: inRegion.length === 0 ? null : inRegion.some(Boolean),
    };
  });
}

/** Every statement that replaces the stored figures as a whole (one batch; D1 binds at most 100 values). */
export function replaceOutcomeCellsQueries(
  db: Kysely<Database>,
  cells: readonly ProtectedOutcome[],
  at: string,
): CompiledQuery[] {
  const rows = cells.map((c) => ({
    cell_id: c.id,
    measure: c.measure,
    specialisation: c.specialisation,
    municipality: c.municipality,
    year: c.year,
    status: c.status,
    value: c.value,
    households: c.households,
    median_days: c.medianDays,
    suppressed: c.suppressed,
    computed_at: at,
  }));
  const out: CompiledQuery[] = [db.deleteFrom('move_outcome_cells').compile()];
  for (let i = 0; i < rows.length; i += 9) {
    out.push(
      db
        .insertInto('move_outcome_cells')
        .values(rows.slice(i, i + 9))
        .compile(),
    );
  }
  return out;
}

export interface StoredOutcome extends ProtectedOutcome {
  computedAt: string;
}

export async function readOutcomeCells(
  db: Kysely<Database>,
  filter: { measure?: OutcomeMeasure | undefined; year?: string | undefined } = {},
): Promise<StoredOutcome[]> {
  let query = db.selectFrom('move_outcome_cells').selectAll().orderBy('cell_id');
  if (filter.measure) query = query.where('measure', '=', filter.measure);
  if (filter.year) query = query.where('year', '=', filter.year);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.cell_id,
    measure: r.measure as OutcomeMeasure,
    specialisation: r.specialisation,
    municipality: r.municipality,
    year: r.year,
    status: r.status as OutcomeStatus | null,
    value: r.value,
    households: r.households,
    medianDays: r.median_days,
    suppressed: r.suppressed as OutcomeSuppression | null,
    computedAt: r.computed_at,
  }));
}

/**
 * When the stored figures were computed (null: never), and the latest change to their input: a
 * case closed as moved in, or a follow-up answered.
 */
export async function outcomeFreshness(
  db: Kysely<Database>,
): Promise<{ computedAt: string | null; changedAt: string | null }> {
  const computed = await db
    .selectFrom('move_outcome_cells')
    .select((eb) => eb.fn.max('computed_at').as('at'))
    .executeTakeFirst();
  const closed = await db
    .selectFrom('move_cases')
    .select((eb) => eb.fn.max('closed_at').as('at'))
    .where('outcome', '=', 'moved-in')
    .executeTakeFirst();
  const answered = await db
    .selectFrom('move_case_follow_ups')
    .select((eb) => eb.fn.max('answered_at').as('at'))
    .executeTakeFirst();
  const latest = [closed?.at ?? null, answered?.at ?? null].filter((a): a is string => a !== null).sort();
  return { computedAt: computed?.at ?? null, changedAt: latest.at(-1) ?? null };
}
