import type { Context } from 'hono';
import { type Kysely, type SqlBool, sql } from 'kysely';
import { auditFor } from '../audit/audit.ts';
import { auditIf } from '../audit/conditional.ts';
import type { Database } from '../db/schema.ts';
import type { AppEnv } from '../deps.ts';
import { AppError, notFound } from '../http/errors.ts';
import { INVITATION_DAYS, issueLinkToken } from '../identity/links.ts';
import type { MembershipRole } from '../identity/principal.ts';
import { sendMail } from '../mail/mailer.ts';
import type { Organisation } from './queries.ts';
import type { InvitationCreate } from './schemas.ts';

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

const pending = (organisationId: string, email: string, at: string) =>
  sql<SqlBool>`organisation_id = ${organisationId} and email = ${email} and accepted_at is null and revoked_at is null and expires_at > ${at}`;

/**
 * Invites a person to act for the organisation: the invitation row, its single-use link token and
 * the audit entry in one atomic batch (an earlier pending invitation to the same address is revoked
 * in it, so one link is live at a time), then the mail in the inviter's language.
 */
export async function inviteColleague(
  c: Context<AppEnv>,
  organisation: Organisation,
  input: InvitationCreate,
): Promise<Invitation> {
  const deps = c.var.deps;
  const { db, atomic, now, newId } = deps;
  // A courtesy, not an invariant (the membership's primary key holds that when the link is used):
  // it spares a colleague a pointless mail.
  const member = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('m.user_id')
    .where('m.organisation_id', '=', organisation.id)
    .where('u.email', '=', input.email)
    .executeTakeFirst();
  if (member) {
    throw new AppError(409, 'invitation.error.alreadyMember.title', {
      detail: c.var.t('invitation.error.alreadyMember.detail', { email: input.email }),
      errors: [{ path: 'email', message: c.var.t('invitation.error.alreadyMember.detail', { email: input.email }) }],
    });
  }

  const principal = c.var.principal;
  const inviter = principal?.kind === 'user' ? principal : null;
  const id = newId();
  const at = now().toISOString();
  const link = await issueLinkToken(deps, { email: input.email, purpose: 'invitation', invitationId: id });
  const earlier = sql<SqlBool>`invitation_id in (select id from invitations where ${pending(organisation.id, input.email, at)})`;
  await atomic([
    db.updateTable('sign_in_tokens').set({ consumed_at: at }).where('consumed_at', 'is', null).where(earlier).compile(),
    db
      .updateTable('invitations')
      .set({ revoked_at: at })
      .where(pending(organisation.id, input.email, at))
      .compile(),
    db
      .insertInto('invitations')
      .values({
        id,
        organisation_id: organisation.id,
        email: input.email,
        role: input.role,
        invited_by: inviter?.userId ?? null,
        created_at: at,
        expires_at: link.expiresAt.toISOString(),
      })
      .compile(),
    link.query,
    auditFor(c, {
      action: 'invitation.created',
      targetType: 'invitation',
      targetId: id,
      detail: { organisationId: organisation.id, email: input.email, role: input.role },
    }),
  ]);

  const t = c.var.t;
  const params = {
    organisation: organisation.name,
    inviter: inviter?.name ?? t('invitation.mail.theSecretariat'),
    role: t(`invitation.role.${input.role}`),
    url: link.url,
    days: INVITATION_DAYS,
  };
  await sendMail(deps, {
    to: input.email,
    subject: t('invitation.mail.subject', params),
    text: t('invitation.mail.text', params),
    links: [link.url],
    kind: 'invitation',
  });
  return {
    id,
    organisationId: organisation.id,
    email: input.email,
    role: input.role,
    invitedBy: inviter?.userId ?? null,
    invitedByName: inviter?.name ?? null,
    createdAt: at,
    expiresAt: link.expiresAt.toISOString(),
  };
}

/** Revokes a pending invitation of this organisation and uses up its link, so it cannot be used. */
export async function revokeInvitation(
  c: Context<AppEnv>,
  organisationId: string,
  invitationId: string,
): Promise<void> {
  const { db, atomic, now } = c.var.deps;
  const at = now().toISOString();
  const isPending = sql<SqlBool>`exists (select 1 from invitations i where i.id = ${invitationId}
    and i.organisation_id = ${organisationId} and i.accepted_at is null and i.revoked_at is null)`;
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
  if (results[2]?.numAffectedRows !== 1n) throw notFound(c.var.t('invitation.error.notPending'));
}
