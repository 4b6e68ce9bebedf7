import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { periodsOf } from './periods.ts';
import type { Pledge, PledgeCadence } from './schemas.ts';

/** Reads of the recruitment network (recruitment owns network_members, network_pledges, network_pledge_records). */

export interface MemberRow {
  organisationId: string;
  name: string;
  joinedAt: string;
  termsVersion: string;
}

export async function listCurrentMembers(db: Kysely<Database>, organisationId?: string): Promise<MemberRow[]> {
  const rows = await db
    .selectFrom('network_members as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['m.organisation_id', 'o.name', 'm.joined_at', 'm.terms_version'])
    .where('m.left_at', 'is', null)
    .$if(organisationId !== undefined, (q) => q.where('m.organisation_id', '=', organisationId ?? ''))
    .orderBy(sql`o.name collate nocase`)
    .execute();
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    name: r.name,
    joinedAt: r.joined_at,
    termsVersion: r.terms_version,
  }));
}

/** The pledges of the organisations (ended ones too when asked), each with what is recorded per period. */
export async function listPledges(
  db: Kysely<Database>,
  organisationIds: readonly string[],
  today: string,
  options: { ended: boolean },
): Promise<(Pledge & { organisationId: string })[]> {
  if (organisationIds.length === 0) return [];
  const pledges = await db
    .selectFrom('network_pledges')
    .selectAll()
    .where('organisation_id', 'in', organisationIds)
    .$if(!options.ended, (q) => q.where('ended_at', 'is', null))
    .orderBy('created_at')
    .execute();
  if (pledges.length === 0) return [];
  const records = await db
    .selectFrom('network_pledge_records')
    .select(['pledge_id', 'done_on'])
    .where(
      'pledge_id',
      'in',
      pledges.map((p) => p.id),
    )
    .execute();
  return pledges.map((p) => {
    const cadence = p.cadence as PledgeCadence;
    const { current, previous } = periodsOf(cadence, today);
    const mine = records.filter((r) => r.pledge_id === p.id);
    const done = (from: string, to: string) => mine.filter((r) => r.done_on >= from && r.done_on < to).length;
    // The last ended period is judged only if the pledge stood through all of it.
    const judged = p.created_at.slice(0, 10) <= previous.from;
    const before = judged ? { ...previous, done: done(previous.from, previous.to) } : null;
    return {
      organisationId: p.organisation_id,
      id: p.id,
      text: p.text,
      kind: p.kind as Pledge['kind'],
      count: p.count,
      cadence,
      createdAt: p.created_at,
      endedAt: p.ended_at,
      current: { ...current, done: done(current.from, current.to) },
      previous: before,
      overdue: p.ended_at === null && before !== null && before.done < p.count,
    };
  });
}
