import type { Context } from 'hono';
import { expressionBuilder, type Kysely } from 'kysely';
import { auditIf } from '../audit/index.ts';
import type { MembershipRole } from '../core/principal.ts';
import type { Database } from '../db/schema.ts';
import type { AppEnv } from '../deps.ts';
import { notFound } from '../http/errors.ts';

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

/** Revokes a pending invitation of this organisation and uses up its link, so it cannot be used. */
export async function revokeInvitation(
  c: Context<AppEnv>,
  organisationId: string,
  invitationId: string,
): Promise<void> {
  const { db, atomic, now } = c.get('deps');
  const at = now().toISOString();
  const eb = expressionBuilder<Database>();
  const isPending = eb.exists(
    eb
      .selectFrom('invitations as i')
      .select('i.id')
      .where('i.id', '=', invitationId)
      .where('i.organisation_id', '=', organisationId)
      .where('i.accepted_at', 'is', null)
      .where('i.revoked_at', 'is', null),
  );
  const results = await atomic([
    auditIf(c, { action: 'invitation.revoked', targetType: 'invitation', targetId: invitationId }, isPending),
    db
      .updateTable('sign_in_tokens')
      .set({ consumed_at: at })
      .where('invitation_id', '=', invitationId)
      .where('consumed_at', 'is', null)
      .where(isPending)
      .compile(),
    db
      .updateTable('invitations')
      .set({ revoked_at: at })
      .where('id', '=', invitationId)
      .where('organisation_id', '=', organisationId)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .compile(),
  ]);
  if (results[2]?.numAffectedRows !== 1n) throw notFound(c.get('t')('invitation.error.notPending'));
}
