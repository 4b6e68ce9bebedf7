import type { Kysely } from 'kysely';
import type { MembershipRole } from '../../core/principal.ts';
import type { Database } from '../../db/schema.ts';

export interface Invitation {
  id: string;
  organisationId: string;
  email: string;
  role: MembershipRole;
  invitedBy: string | null;
  invitedByName: string | null;
  createdAt: string;
  expiresAt: string;
}

/** Invitations not yet accepted, revoked or expired, newest first. */
export async function listPendingInvitations(
  db: Kysely<Database>,
  organisationId: string,
  now: Date,
): Promise<Invitation[]> {
  const rows = await db
    .selectFrom('invitations as i')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'i.invited_by').on('u.erased_at', 'is', null))
    .select([
      'i.id',
      'i.organisation_id',
      'i.email',
      'i.role',
      'i.invited_by',
      'u.name',
      'i.created_at',
      'i.expires_at',
    ])
    .where('i.organisation_id', '=', organisationId)
    .where('i.accepted_at', 'is', null)
    .where('i.revoked_at', 'is', null)
    .where('i.expires_at', '>', now.toISOString())
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    organisationId: row.organisation_id,
    email: row.email,
    role: row.role as MembershipRole,
    invitedBy: row.invited_by,
    invitedByName: row.name,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  }));
}

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
