import type { ScheduledJob } from '../core/job.ts';
import type { UserPrincipal } from '../core/principal.ts';
import { systemScope } from '../core/scope.ts';
import { eraseAccount } from '../privacy/index.ts';

const DAY = 86_400_000;
/** People erased per run (each is one batch of a dozen statements). */
const ERASE_BATCH = 50;

function monthsBefore(now: Date, months: number): string {
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString();
}

/**
 * People who have not signed in for RETENTION_INACTIVE_MONTHS (never signed in: since their row
 * was created) and hold no role — no organisation membership, no global role, not an ADMIN_EMAILS
 * address — are erased with the same eraseAccount as "erase my account". Demo people are left.
 * Erasing is idempotent: an erased person is never selected again.
 */
export const inactivePeople: ScheduledJob = {
  name: 'retention-inactive-people',
  async run(deps, now) {
    const months = deps.config.retention.inactiveMonths;
    if (months === 0) return { changed: 0 };
    const cutoff = monthsBefore(now, months);
    const admins = JSON.stringify(deps.config.adminEmails);
    const at = now.toISOString();
    // Claimed first (erased_at set by one conditional UPDATE … RETURNING), so that two runs at
    // once erase each person once; eraseAccount then does the rest in its one batch. A claim whose
    // erasure never finished (the process stopped in between) is finished an hour later.
    const rows = await deps.db
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
              eb.exists(
                eb.selectFrom('memberships as m').select(eb.lit(1).as('one')).whereRef('m.user_id', '=', 'u.id'),
              ),
            ),
          )
          .where((eb) =>
            eb.not(
              eb.exists(
                eb.selectFrom('user_roles as r').select(eb.lit(1).as('one')).whereRef('r.user_id', '=', 'u.id'),
              ),
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
          .limit(ERASE_BATCH),
      )
      .where('erased_at', 'is', null)
      .returning(['id', 'email', 'name'])
      .execute();
    const unfinished = await deps.db
      .updateTable('users')
      .set({ erased_at: at })
      .where('erased_at', '<', new Date(now.getTime() - 3_600_000).toISOString())
      .where('email', 'not like', 'erased-%@invalid')
      .returning(['id', 'email', 'name'])
      .execute();
    rows.push(...unfinished);
    for (const row of rows) {
      const principal: UserPrincipal = {
        kind: 'user',
        userId: row.id,
        email: row.email,
        name: row.name,
        sessionId: '',
        roles: [],
        memberships: [],
      };
      await eraseAccount(systemScope(deps, now, 'retention-inactive-people'), principal);
    }
    return { changed: rows.length };
  },
};

/**
 * Mail older than RETENTION_MAIL_DAYS leaves the outbox (its body holds names and sign-in links):
 * delivered messages, and undelivered ones too (they are long past any use).
 */
export const oldMail: ScheduledJob = {
  name: 'retention-outbox',
  async run(deps, now) {
    const cutoff = new Date(now.getTime() - deps.config.retention.mailDays * DAY).toISOString();
    const [result] = await deps.db.deleteFrom('outbox').where('created_at', '<', cutoff).execute();
    return { changed: Number(result?.numDeletedRows ?? 0n) };
  },
};

/** Audit entries older than RETENTION_AUDIT_MONTHS are deleted. */
export const oldAudit: ScheduledJob = {
  name: 'retention-audit',
  async run(deps, now) {
    const cutoff = monthsBefore(now, deps.config.retention.auditMonths);
    const [result] = await deps.db.deleteFrom('audit_log').where('at', '<', cutoff).execute();
    return { changed: Number(result?.numDeletedRows ?? 0n) };
  },
};

export const retentionJobs: ScheduledJob[] = [inactivePeople, oldMail, oldAudit];
