import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** An account claimed for erasure: who it was, for the erasure batch. */
export interface ClaimedAccount {
  id: string;
  email: string;
  name: string;
}

/**
 * Claims the accounts the retention policy erases (src/jobs/jobs.ts), by setting erased_at with
 * one conditional UPDATE … RETURNING, so that two runs at once erase each person once: up to
 * `limit` people who have not signed in since `cutoff` (never signed in: since their row was
 * created) and hold no role — no organisation membership, no global role, not one of
 * `adminEmails` — and are not demo people. Then the claims older than `unfinishedBefore` whose
 * erasure never finished (the process stopped in between), claimed anew.
 */
export async function claimAccountsToErase(
  db: Kysely<Database>,
  input: { at: string; cutoff: string; adminEmails: readonly string[]; limit: number; unfinishedBefore: string },
): Promise<ClaimedAccount[]> {
  const { at, cutoff } = input;
  const admins = JSON.stringify(input.adminEmails);
  const rows = await db
    .updateTable('users')
    .set({ erased_at: at })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('users as u')
        .select('u.id')
        .where('u.erased_at', 'is', null)
        .where('u.is_demo', '=', 0)
        .where((eb) => eb(eb.fn.coalesce('u.last_sign_in_at', 'u.created_at'), '<', cutoff))
        .where((eb) =>
          eb.not(
            eb.exists(eb.selectFrom('memberships as m').select(eb.lit(1).as('one')).whereRef('m.user_id', '=', 'u.id')),
          ),
        )
        .where((eb) =>
          eb.not(
            eb.exists(eb.selectFrom('user_roles as r').select(eb.lit(1).as('one')).whereRef('r.user_id', '=', 'u.id')),
          ),
        )
        .where((eb) =>
          eb(
            eb.fn<string>('lower', ['u.email']),
            'not in',
            // One parameter for the whole list (json_each), whatever its length.
            eb.selectFrom(eb.fn<{ value: string }>('json_each', [eb.val(admins)]).as('admin')).select('admin.value'),
          ),
        )
        .orderBy('u.id')
        .limit(input.limit),
    )
    .where('erased_at', 'is', null)
    .returning(['id', 'email', 'name'])
    .execute();
  const unfinished = await db
    .updateTable('users')
    .set({ erased_at: at })
    .where('erased_at', '<', input.unfinishedBefore)
    .where('email', 'not like', 'erased-%@invalid')
    .returning(['id', 'email', 'name'])
    .execute();
  return [...rows, ...unfinished];
}
