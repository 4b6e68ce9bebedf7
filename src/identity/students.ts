import { auditOfTargetIn } from '../audit/index.ts';
import type { Scope } from '../core/scope.ts';
import { accountWithRoleQueries, findUserByEmail } from './queries.ts';
import { enforceSignInLimits, mailSignInLink } from './sign-in.ts';

/**
 * A student registers with name and address and gets a sign-in link. For an address that already
 * has an account, the student role is added and the mail says that the account existed; the
 * answer (202, the page "we have sent a link to …") is the same either way, so registration does
 * not reveal which addresses are known, and it is true in both cases. The link names no page: the
 * first sign-in of a student without a profile lands on the profile form (the placements
 * feature's sign-in landing, src/core/hooks.ts).
 */
export async function registerStudent(scope: Scope, input: { email: string; name: string }): Promise<void> {
  const { db, atomic, newId } = scope.deps;
  const email = input.email.trim().toLowerCase();
  const at = scope.now.toISOString();
  await enforceSignInLimits(scope, email);
  // Read before the batch, only to word the mail: the batch itself is the same either way.
  const existing = await findUserByEmail(db, email);
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
  const mail = existing ? 'register.mail.existing' : 'register.mail.new';
  await mailSignInLink(scope, email, {
    subject: `${mail}.subject`,
    text: `${mail}.text`,
  });
}
