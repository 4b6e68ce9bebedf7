import type { CompiledQuery, Kysely } from 'kysely';
import { eraseAuditDetails } from '../audit/index.ts';
import { allRoles, type UserPrincipal } from '../core/principal.ts';
import type { Database } from '../db/schema.ts';
import { eraseMailTo } from '../mail/index.ts';

/**
 * Identity's part of a person's data: what the export shows (GDPR art. 15 and 20) and what erasure
 * removes. src/privacy composes it with the other features' parts into one document and one batch.
 */
export async function exportIdentityData(db: Kysely<Database>, principal: UserPrincipal) {
  const [user, sessions, invitationsReceived, invitationsSent, audit, messages] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', 'email', 'name', 'created_at', 'last_sign_in_at'])
      .where('id', '=', principal.userId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('sessions')
      .select(['created_at', 'last_seen_at', 'expires_at', 'revoked_at', 'user_agent', 'ip'])
      .where('user_id', '=', principal.userId)
      .orderBy('created_at', 'desc')
      .execute(),
    db
      .selectFrom('invitations as i')
      .innerJoin('organisations as o', 'o.id', 'i.organisation_id')
      .select(['o.name as organisation', 'i.role', 'i.created_at', 'i.accepted_at'])
      .where('i.email', '=', principal.email)
      .execute(),
    db
      .selectFrom('invitations as i')
      .innerJoin('organisations as o', 'o.id', 'i.organisation_id')
      .select(['o.name as organisation', 'i.email', 'i.role', 'i.created_at', 'i.accepted_at', 'i.revoked_at'])
      .where('i.invited_by', '=', principal.userId)
      .execute(),
    db
      .selectFrom('audit_log')
      .select(['at', 'action', 'target_type', 'target_id', 'ip', 'user_agent'])
      .where('actor_user_id', '=', principal.userId)
      .orderBy('at', 'desc')
      .limit(1000)
      .execute(),
    db
      .selectFrom('outbox')
      .select(['created_at', 'subject', 'kind', 'sent_at'])
      .where('to_address', '=', principal.email)
      .orderBy('created_at', 'desc')
      .execute(),
  ]);
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      createdAt: user.created_at,
      lastSignInAt: user.last_sign_in_at,
    },
    roles: allRoles(principal),
    organisations: principal.memberships.map((m) => ({ id: m.organisationId, name: m.organisationName, role: m.role })),
    sessions: sessions.map((s) => ({
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      expiresAt: s.expires_at,
      revokedAt: s.revoked_at,
      userAgent: s.user_agent,
      ip: s.ip,
    })),
    invitationsReceived: invitationsReceived.map((i) => ({
      organisation: i.organisation,
      role: i.role,
      createdAt: i.created_at,
      acceptedAt: i.accepted_at,
    })),
    invitationsSent: invitationsSent.map((i) => ({
      organisation: i.organisation,
      email: i.email,
      role: i.role,
      createdAt: i.created_at,
      acceptedAt: i.accepted_at,
      revokedAt: i.revoked_at,
    })),
    activity: audit.map((a) => ({
      at: a.at,
      action: a.action,
      targetType: a.target_type,
      targetId: a.target_id,
      ip: a.ip,
      userAgent: a.user_agent,
    })),
    messages: messages.map((m) => ({ createdAt: m.created_at, subject: m.subject, kind: m.kind, sentAt: m.sent_at })),
  };
}

/**
 * Statements for the erasure batch (src/privacy/service.ts eraseAccount): name and address are
 * replaced, roles, memberships and sessions go, mail to the person and the network details of their
 * actions are removed. The user row comes last, so that it is the last thing the batch changes.
 */
export function eraseIdentityData(db: Kysely<Database>, principal: UserPrincipal, now: Date): CompiledQuery[] {
  const at = now.toISOString();
  const id = principal.userId;
  return [
    db
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('user_id', '=', id)
      .where('revoked_at', 'is', null)
      .compile(),
    db.deleteFrom('user_roles').where('user_id', '=', id).compile(),
    db.deleteFrom('memberships').where('user_id', '=', id).compile(),
    db
      .updateTable('invitations')
      .set({ revoked_at: at })
      .where('email', '=', principal.email)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .compile(),
    db
      .updateTable('invitations')
      .set({ email: `erased-${id}@invalid` })
      .where('email', '=', principal.email)
      .compile(),
    db.deleteFrom('sign_in_tokens').where('email', '=', principal.email).compile(),
    eraseMailTo(db, principal.email),
    db.deleteFrom('rate_limits').where('key', '=', `sign-in:address:${principal.email}`).compile(),
    // Their own acts, and their registration (made before they had an account to act as).
    eraseAuditDetails(db, id),
    db.updateTable('sessions').set({ ip: null, user_agent: null }).where('user_id', '=', id).compile(),
    db
      .updateTable('users')
      .set({ email: `erased-${id}@invalid`, name: '', erased_at: at })
      .where('id', '=', id)
      .compile(),
  ];
}
