import { auditIn } from '../audit/index.ts';
import { allRoles, type UserPrincipal } from '../core/principal.ts';
import type { Scope } from '../core/scope.ts';

export function describeMe(principal: UserPrincipal) {
  return {
    id: principal.userId,
    email: principal.email,
    name: principal.name,
    roles: allRoles(principal),
    organisations: principal.memberships.map((m) => ({ id: m.organisationId, name: m.organisationName, role: m.role })),
  };
}

/** Ends this session on the server: the cookie stops working on the next request. */
export async function signOut(scope: Scope, principal: UserPrincipal): Promise<void> {
  const { db, atomic } = scope.deps;
  await atomic([
    db
      .updateTable('sessions')
      .set({ revoked_at: scope.now.toISOString() })
      .where('id', '=', principal.sessionId)
      .where('revoked_at', 'is', null)
      .compile(),
    auditIn(scope, { action: 'sign-out', targetType: 'session', targetId: principal.sessionId }),
  ]);
}

export async function renameMe(scope: Scope, principal: UserPrincipal, name: string): Promise<void> {
  const { db } = scope.deps;
  await db.updateTable('users').set({ name }).where('id', '=', principal.userId).execute();
}
