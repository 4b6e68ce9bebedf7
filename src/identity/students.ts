import type { Context } from 'hono';
import { sql } from 'kysely';
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
    sql`insert into users (id, email, name, is_demo, created_at) values (${newId()}, ${email}, ${input.name}, 0, ${at})
        on conflict (email) do nothing`.compile(db),
    sql`insert into user_roles (user_id, role, granted_at)
        select id, 'student', ${at} from users where email = ${email} and erased_at is null
        on conflict (user_id, role) do nothing`.compile(db),
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
