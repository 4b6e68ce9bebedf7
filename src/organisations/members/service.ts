import { expressionBuilder } from 'kysely';
import { auditIfIn, auditIn } from '../../audit/index.ts';
import { DomainError, NotFound } from '../../core/errors.ts';
import type { Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { translator } from '../../i18n/i18n.ts';
import { INVITATION_DAYS, issueLinkToken } from '../../identity/index.ts';
import { sendMail } from '../../mail/index.ts';
import type { Organisation } from '../queries.ts';
import type { InvitationCreate } from '../schemas.ts';
import type { Invitation } from './queries.ts';

const pending = (organisationId: string, email: string, at: string) => {
  const eb = expressionBuilder<Database, 'invitations'>();
  return eb.and([
    eb('invitations.organisation_id', '=', organisationId),
    eb('invitations.email', '=', email),
    eb('invitations.accepted_at', 'is', null),
    eb('invitations.revoked_at', 'is', null),
    eb('invitations.expires_at', '>', at),
  ]);
};

/**
 * Invites a person to act for the organisation: the invitation row, its single-use link token and
 * the audit entry in one atomic batch (an earlier pending invitation to the same address is revoked
 * in it, so one link is live at a time), then the mail in the inviter's language.
 */
export async function inviteColleague(
  scope: Scope,
  organisation: Organisation,
  input: InvitationCreate,
): Promise<Invitation> {
  const { deps } = scope;
  const { db, atomic, newId } = deps;
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
    throw new DomainError('conflict', 'invitation.error.alreadyMember.detail', {
      titleKey: 'invitation.error.alreadyMember.title',
      params: { email: input.email },
      field: 'email',
    });
  }

  const { principal } = scope;
  const inviter = principal?.kind === 'user' ? principal : null;
  const id = newId();
  const at = scope.now.toISOString();
  const link = await issueLinkToken(deps, { email: input.email, purpose: 'invitation', invitationId: id });
  const earlier = db
    .selectFrom('invitations')
    .select('invitations.id')
    .where(pending(organisation.id, input.email, at));
  await atomic([
    db
      .updateTable('sign_in_tokens')
      .set({ consumed_at: at })
      .where('consumed_at', 'is', null)
      .where('invitation_id', 'in', earlier)
      .compile(),
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
    auditIn(scope, {
      action: 'invitation.created',
      targetType: 'invitation',
      targetId: id,
      detail: { organisationId: organisation.id, email: input.email, role: input.role },
    }),
  ]);

  // The mail is in the inviter's language.
  const t = translator(scope.lang);
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
export async function revokeInvitation(scope: Scope, organisationId: string, invitationId: string): Promise<void> {
  const { db, atomic } = scope.deps;
  const at = scope.now.toISOString();
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
    auditIfIn(scope, { action: 'invitation.revoked', targetType: 'invitation', targetId: invitationId }, isPending),
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
  if (results[2]?.numAffectedRows !== 1n) throw new NotFound('invitation.error.notPending');
}
