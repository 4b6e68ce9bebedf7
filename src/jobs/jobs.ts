import { deleteAuditBefore } from '../audit/index.ts';
import type { ScheduledJob } from '../core/job.ts';
import type { UserPrincipal } from '../core/principal.ts';
import { systemScope } from '../core/scope.ts';
import { claimAccountsToErase } from '../identity/index.ts';
import { deleteMailBefore } from '../mail/index.ts';
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
    // Claimed first, so that two runs at once erase each person once; eraseAccount then does the
    // rest in its one batch. A claim whose erasure never finished is finished an hour later.
    const rows = await claimAccountsToErase(deps.db, {
      at: now.toISOString(),
      cutoff,
      adminEmails: deps.config.adminEmails,
      limit: ERASE_BATCH,
      unfinishedBefore: new Date(now.getTime() - 3_600_000).toISOString(),
    });
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
    return { changed: await deleteMailBefore(deps.db, cutoff) };
  },
};

/** Audit entries older than RETENTION_AUDIT_MONTHS are deleted. */
export const oldAudit: ScheduledJob = {
  name: 'retention-audit',
  async run(deps, now) {
    const cutoff = monthsBefore(now, deps.config.retention.auditMonths);
    return { changed: await deleteAuditBefore(deps.db, cutoff) };
  },
};

export const retentionJobs: ScheduledJob[] = [inactivePeople, oldMail, oldAudit];
