import type { CompiledQuery, Expression, Kysely, ValueExpression } from 'kysely';
import type { RequestOrigin, Scope } from '../core/scope.ts';
import type { Database } from '../db/schema.ts';

/**
 * The audit log: who did what, when and from where. Written in the same atomic batch as the
 * change it records where there is one, so that a change and its record land together.
 */
export const AUDIT_ACTIONS = [
  'sign-in',
  'sign-in.failed',
  'sign-out',
  'session.revoked',
  'student.registered',
  'invitation.created',
  'invitation.accepted',
  'invitation.revoked',
  'role.granted',
  'role.revoked',
  'membership.removed',
  'organisation.created',
  'organisation.updated',
  'organisation.imported',
  'api-token.created',
  'api-token.revoked',
  'personal-data.exported',
  'account.erased',
  'raw-answers.read',
  'round.created',
  'round.opened',
  'round.closed',
  'response.submitted',
  'response.corrected',
  'responses.imported',
  'publication.requested',
  'publication.published',
  'placement.published',
  'placement.updated',
  'placement.withdrawn',
  'application.status-changed',
  'offering.created',
  'offering.updated',
  'offering.deleted',
  'offering.imported',
  'plan.status-changed',
  'plan.adopted',
  'audit.read',
  'move-case.opened',
  'move-case.viewed',
  'move-case.updated',
  'move-case.assigned',
  'move-case.closed',
  'move-case.erased',
  'move-task.added',
  'move-task.updated',
  'move-task.escalated',
  'move-follow-up.answered',
  'move-follow-up.declined',
  'move-case.guide-changed',
  'guide.kommuner-set',
  'move-case.partner-invited',
  'network.joined',
  'network.left',
  'pledge.made',
  'pledge.ended',
  'pledge.recorded',
  'partner-profile.saved',
  'partner-profile.viewed',
  'partner-profile.erased',
  'partner-consent.given',
  'partner-consent.renewed',
  'partner-consent.withdrawn',
  'partner-consent.reminded',
  'partner-notice.sent',
  'partner-notice.interest',
  'partner-notice.answered',
  'partner-notice.outcome',
  'partner-inform.mailed',
  'partner-inform.tipped',
  'campaign.created',
  'campaign.visit-day-added',
  'campaign.line-answered',
  'campaign.application-submitted',
  'campaign.application-confirmed',
  'campaign.application-viewed',
  'campaign.application-status-changed',
  'campaign.route-withdrawn',
  'campaign.visit-signed-up',
  'campaign.tracking-viewed',
  'campaign.erased',
  'need-line.filled',
  'returner.registered',
  'returner.confirmed',
  'returner.updated',
  'returner.paused',
  'returner.resumed',
  'returner.renewed',
  'returner.left',
  'returner.erased',
  'returner.pool-viewed',
  'shared-post.proposed',
  'shared-post.accepted',
  'shared-post.declined',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  action: AuditAction;
  actorUserId?: string | null;
  actorTokenId?: string | null;
  targetType?: string;
  targetId?: string;
  detail?: Record<string, unknown>;
}

export type { RequestOrigin } from '../core/scope.ts';

/** The audit_log row of an entry. */
export function auditRow(entry: AuditEntry, origin: RequestOrigin, at: Date, id: string): Database['audit_log'] {
  return {
    id,
    at: at.toISOString(),
    actor_user_id: entry.actorUserId ?? null,
    actor_token_id: entry.actorTokenId ?? null,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
    ip: origin.ip,
    user_agent: origin.userAgent,
    request_id: origin.requestId,
  };
}

export function auditQuery(
  db: Kysely<Database>,
  entry: AuditEntry,
  origin: RequestOrigin,
  at: Date,
  id: string,
): CompiledQuery {
  return db
    .insertInto('audit_log')
    .values(auditRow(entry, origin, at, id))
    .compile();
}

/** The entry as the scope's: its principal as the actor unless the entry names one, at its moment. */
export function auditRowIn(scope: Scope, entry: AuditEntry): Database['audit_log'] {
  const { principal } = scope;
  return auditRow(
    {
      ...entry,
      actorUserId: entry.actorUserId ?? (principal?.kind === 'user' ? principal.userId : null),
      actorTokenId: entry.actorTokenId ?? (principal?.kind === 'token' ? principal.tokenId : null),
    },
    scope.origin,
    scope.now,
    scope.deps.newId(),
  );
}

/** The audit entry for the scope's actor, ready for an atomic batch. */
export function auditIn(scope: Scope, entry: AuditEntry): CompiledQuery {
  return scope.deps.db.insertInto('audit_log').values(auditRowIn(scope, entry)).compile();
}

/**
 * The entry for the scope's actor whose target the batch decides when it runs: `targetId` is a
 * subquery (a registration names the account it made or found, whichever it was).
 */
export function auditOfTargetIn(
  scope: Scope,
  entry: AuditEntry,
  targetId: ValueExpression<Database, 'audit_log', string | null>,
): CompiledQuery {
  return scope.deps.db
    .insertInto('audit_log')
    .values({ ...auditRowIn(scope, entry), target_id: targetId })
    .compile();
}

/**
 * Entries read from rows the same batch has just written (the session a sign-in link opened, and
 * who it belongs to): `rows` selects the `columns`, and writes nothing where it finds nothing.
 */
export function auditFromRows(
  db: Kysely<Database>,
  columns: readonly (keyof Database['audit_log'] & string)[],
  rows: Expression<unknown>,
): CompiledQuery {
  return db.insertInto('audit_log').columns(columns).expression(rows).compile();
}

/** Records an entry on its own, for an action that writes nothing else (a read of raw answers). */
export async function recordAuditIn(scope: Scope, entry: AuditEntry): Promise<void> {
  await scope.deps.atomic([auditIn(scope, entry)]);
}
