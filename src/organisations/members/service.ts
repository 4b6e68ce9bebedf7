import { auditIfIn, auditIn } from '../../audit/index.ts';
import { DomainError, NotFound } from '../../core/errors.ts';
import type { Scope } from '../../core/scope.ts';
import {
  INVITATION_DAYS,
  invitationPending,
  inviteQueries,
  issueLinkToken,
  revokeInvitationQueries,
} from '../../identity/index.ts';
import { sendMail } from '../../mail/index.ts';
import type { Organisation } from '../queries.ts';
import type { InvitationCreate } from '../schemas.ts';
import type { Invitation } from './queries.ts';

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
  await atomic([
    ...inviteQueries(db, {
      id,
      organisationId: organisation.id,
      email: input.email,
      role: input.role,
      invitedBy: inviter?.userId ?? null,
      at,
      expiresAt: link.expiresAt.toISOString(),
    }),
    link.query,
    auditIn(scope, {
      action: 'invitation.created',
      targetType: 'invitation',
      targetId: id,
      detail: { organisationId: organisation.id, email: input.email, role: input.role },
    }),
  ]);

  // The mail is in the inviter's language.
  await sendMail(deps, {
    to: input.email,
    language: scope.lang,
    content: (t) => {
      const params = {
        organisation: organisation.name,
        inviter: inviter?.name ?? t('invitation.mail.theSecretariat'),
        role: t(`invitation.role.${input.role}`),
        url: link.url,
        days: INVITATION_DAYS,
      };
      return { subject: t('invitation.mail.subject', params), body: t('invitation.mail.text', params) };
    },
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
  const results = await atomic([
    auditIfIn(
      scope,
      { action: 'invitation.revoked', targetType: 'invitation', targetId: invitationId },
      invitationPending(organisationId, invitationId),
    ),
    ...revokeInvitationQueries(db, { organisationId, invitationId, at }),
  ]);
  if (results[2]?.numAffectedRows !== 1n) throw new NotFound('invitation.error.notPending');
}
