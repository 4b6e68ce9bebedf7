import type { Context } from 'hono';
import { auditRowFor } from '../audit/audit.ts';
import type { AppEnv } from '../deps.ts';
import { enforceSignInLimits, requestSignInLink } from './sign-in.ts';

/**
 * A student registers with name and address and gets a sign-in link. For an address that already
 * has an account, the student role is added and a sign-in link is sent — the answer is the same
 * either way, so registration does not reveal which addresses are known.
 */
export async function registerStudent(c: Context<AppEnv>, input: { email: string; name: string }): Promise<void> {
  const { db, atomic, now, newId } = c.get('deps');
  const email = input.email.trim().toLowerCase();
  const at = now().toISOString();
  await enforceSignInLimits(c, email);
  await atomic([
    db
      .insertInto('users')
      .values({ id: newId(), email, name: input.name, is_demo: 0, created_at: at })
      .onConflict((oc) => oc.column('email').doNothing())
      .compile(),
    db
      .insertInto('user_roles')
      .columns(['user_id', 'role', 'granted_at'])
      .expression(
        db
          .selectFrom('users')
          .select((eb) => ['id', eb.val('student').as('role'), eb.val(at).as('granted_at')])
          .where('email', '=', email)
          .where('erased_at', 'is', null),
      )
      .onConflict((oc) => oc.columns(['user_id', 'role']).doNothing())
      .compile(),
    // The entry names the account (new or existing) by a subquery, so that erasing the account
    // can find it and clear where the registration came from (src/identity/account.ts).
    db
      .insertInto('audit_log')
      .values({
        ...auditRowFor(c, {
          action: 'student.registered',
          targetType: 'user',
          detail: { domain: email.split('@')[1] ?? '' },
        }),
        target_id: db.selectFrom('users').select('id').where('email', '=', email),
      })
      .compile(),
  ]);
  await requestSignInLink(c, email, { next: '/account', limitsChecked: true });
}
