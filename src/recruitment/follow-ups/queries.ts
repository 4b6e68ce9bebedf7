import { type CompiledQuery, type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { FOLLOW_UP_WAVES, type FollowUp } from './schemas.ts';

/** Reads and the job's statements for follow-ups (recruitment owns move_case_follow_ups). */

export interface FollowUpRow extends FollowUp {
  /** The address of the adult it is for, while the case holds one. */
  email: string | null;
}

function followUpQuery(db: Kysely<Database>) {
  return db
    .selectFrom('move_case_follow_ups as f')
    .innerJoin('move_cases as c', 'c.id', 'f.case_id')
    .leftJoin('move_case_people as p', (j) => j.onRef('p.case_id', '=', 'f.case_id').onRef('p.person', '=', 'f.person'))
    .selectAll('f')
    .select(['c.moved_in_on', 'p.email']);
}

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof followUpQuery>['executeTakeFirst']>>>;

const bool = (v: number | null) => (v === null ? null : v === 1);

function toFollowUp(r: Row): FollowUpRow {
  return {
    id: r.id,
    caseId: r.case_id,
    person: r.person as FollowUp['person'],
    wave: r.wave,
    dueOn: r.due_on,
    state: r.state as FollowUp['state'],
    movedInOn: r.moved_in_on,
    email: r.email,
    answer:
      r.answered_at === null
        ? null
        : {
            answeredAt: r.answered_at,
            inRegion: bool(r.in_region),
            kommun: r.kommun,
            inWork: bool(r.in_work),
            workSince: r.work_since,
            occupationGroup: r.occupation_group,
            networkEmployer: r.network_employer as NonNullable<FollowUp['answer']>['networkEmployer'],
            recommend: r.recommend as NonNullable<FollowUp['answer']>['recommend'],
          },
  };
}

export async function findFollowUp(db: Kysely<Database>, id: string): Promise<FollowUpRow | undefined> {
  const row = await followUpQuery(db).where('f.id', '=', id).executeTakeFirst();
  return row ? toFollowUp(row) : undefined;
}

/** The follow-ups addressed to this person (by the household row's address), newest first. */
export async function listFollowUpsOf(db: Kysely<Database>, email: string): Promise<FollowUpRow[]> {
  const rows = await followUpQuery(db)
    .where('p.email', '=', email)
    .where('f.state', 'in', ['sent', 'answered'])
    .orderBy('f.due_on', 'desc')
    .execute();
  return rows.map(toFollowUp);
}

/** The follow-ups of one case (its household's view), in order. */
export async function listCaseFollowUps(db: Kysely<Database>, caseId: string): Promise<FollowUpRow[]> {
  const rows = await followUpQuery(db).where('f.case_id', '=', caseId).orderBy('f.wave').orderBy('f.person').execute();
  return rows.map(toFollowUp);
}

/**
 * One row per adult of every moved-in household that still holds its details and wave: due 3, 12
 * and 24 months after the move-in. Ids are made of the case, the person and the wave, so running
 * it again adds nothing; a partner whose row comes later gets theirs at the next run.
 */
export function createFollowUpsQueries(db: Kysely<Database>): CompiledQuery[] {
  return FOLLOW_UP_WAVES.map((wave) =>
    db
      .insertInto('move_case_follow_ups')
      .columns(['id', 'case_id', 'person', 'wave', 'due_on'])
      .expression(
        db
          .selectFrom('move_case_people as p')
          .innerJoin('move_cases as c', 'c.id', 'p.case_id')
          .select([
            sql<string>`p.case_id || '-' || p.person || '-' || ${String(wave)}`.as('id'),
            'p.case_id',
            'p.person',
            sql<number>`${wave}`.as('wave'),
            sql<string>`date(c.moved_in_on, ${`+${wave} months`})`.as('due_on'),
          ])
          .where('c.outcome', '=', 'moved-in')
          .where('c.erased_at', 'is', null)
          .where(sql<number>`length(c.moved_in_on)`, '=', 10),
      )
      .onConflict((oc) => oc.doNothing())
      .compile(),
  );
}

/** SSYK 2012's major groups (one digit): the partner's occupation group, kept short. */
export async function listMajorGroups(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('ssyk')
    .select(['code', 'name_sv', 'name_en'])
    .where('level', '=', 1)
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ code: r.code, nameSv: r.name_sv, nameEn: r.name_en }));
}
