import type { Context } from 'hono';
import { expressionBuilder } from 'kysely';
import { auditFor } from '../audit/index.ts';
import type { Database } from '../db/schema.ts';
import type { AppEnv } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import { INVITATION_DAYS, issueLinkToken } from '../identity/links.ts';
import { sendMail } from '../mail/mailer.ts';
import type { Invitation } from './invitations.ts';
import type { Organisation } from './queries.ts';
import type { InvitationCreate } from './schemas.ts';

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
  c: Context<AppEnv>,
  organisation: Organisation,
  input: InvitationCreate,
): Promise<Invitation> {
  const deps = c.get('deps');
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
      detail: c.get('t')('invitation.error.alreadyMember.detail', { email: input.email }),
      errors: [{ path: 'email', message: c.get('t')('invitation.error.alreadyMember.detail', { email: input.email }) }],
    });
  }

  const principal = c.get('principal');
  const inviter = principal?.kind === 'user' ? principal : null;
  const id = newId();
  const at = now().toISOString();
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
    auditFor(c, {
      action: 'invitation.created',
      targetType: 'invitation',
      targetId: id,
      detail: { organisationId: organisation.id, email: input.email, role: input.role },
    }),
  ]);

  const t = c.get('t');
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
