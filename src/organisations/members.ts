import type { Kysely } from 'kysely';
import type { MembershipRole } from '../core/principal.ts';
import type { Database } from '../db/schema.ts';

/** A person who acts for an organisation (erased accounts are left out). */
export interface Member {
  userId: string;
  name: string;
  email: string;
  role: MembershipRole;
}

export async function listMembers(db: Kysely<Database>, organisationId: string): Promise<Member[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name', 'u.email', 'm.role'])
    .where('m.organisation_id', '=', organisationId)
    .where('u.erased_at', 'is', null)
    .orderBy('u.name')
    .execute();
  return rows.map((row) => ({ userId: row.id, name: row.name, email: row.email, role: row.role as MembershipRole }));
}
