import { auditOfTargetIn } from '../audit/index.ts';
import type { Scope } from '../core/scope.ts';
import { accountWithRoleQueries } from './queries.ts';
import { enforceSignInLimits, requestSignInLink } from './sign-in.ts';

/**
 * A student registers with name and address and gets a sign-in link. For an address that already
 * has an account, the student role is added and a sign-in link is sent — the answer is the same
 * either way, so registration does not reveal which addresses are known.
 */
export async function registerStudent(scope: Scope, input: { email: string; name: string }): Promise<void> {
  const { db, atomic, newId } = scope.deps;
  const email = input.email.trim().toLowerCase();
  const at = scope.now.toISOString();
  await enforceSignInLimits(scope, email);
  await atomic([
    ...accountWithRoleQueries(db, { id: newId(), email, name: input.name, role: 'student', at }),
    // The entry names the account (new or existing) by a subquery, so that erasing the account
    // can find it and clear where the registration came from (src/identity/privacy.ts).
    auditOfTargetIn(
      scope,
      { action: 'student.registered', targetType: 'user', detail: { domain: email.split('@')[1] ?? '' } },
      db.selectFrom('users').select('id').where('email', '=', email),
    ),
  ]);
  await requestSignInLink(scope, email, { next: '/account', limitsChecked: true });
}
