import { recordAuditIn } from '../../audit/index.ts';
import type { ScheduledJob } from '../../core/job.ts';
import { systemScope } from '../../core/scope.ts';
import { sendDigests } from './notices.ts';
import {
  daysAfter,
  daysBefore,
  eraseReturnerQueries,
  LAPSED_GRACE_DAYS,
  mailRenewal,
  newRenewToken,
  RENEWAL_NOTICE_DAYS,
  UNCONFIRMED_DAYS,
} from './service.ts';

/** The returner pool's scheduled work (decision 0033). */

/** New matching items, at most one mail a week per person (notices.ts). */
export const returnerDigests: ScheduledJob = {
  name: 'returner-digest',
  async run(deps, now) {
    return { changed: await sendDigests(deps, now) };
  },
};

/**
 * RENEWAL_NOTICE_DAYS before a consent lapses, one mail with a one-click renewal link. Each entry
 * is claimed by one conditional UPDATE (renewal_mailed_at, and a new token whose hash replaces the
 * old one), so it is mailed once; a lapsed entry is never mailed.
 */
export const returnerRenewals: ScheduledJob = {
  name: 'returner-renewal',
  async run(deps, now) {
    const { db } = deps;
    const at = now.toISOString();
    const due = await db
      .selectFrom('returners')
      .select(['id', 'email', 'expires_at'])
      .where('status', 'in', ['active', 'paused'])
      .where('renewal_mailed_at', 'is', null)
      .where('expires_at', '>', at)
      .where('expires_at', '<=', daysAfter(now, RENEWAL_NOTICE_DAYS))
      .execute();
    let mailed = 0;
    for (const row of due) {
      const { token, hash } = await newRenewToken(deps.newId);
      const claimed = await db
        .updateTable('returners')
        .set({ renewal_mailed_at: at, renew_token_hash: hash })
        .where('id', '=', row.id)
        .where('renewal_mailed_at', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) continue;
      await mailRenewal(systemScope(deps, now, 'returner-renewal'), row, token);
      mailed++;
    }
    return { changed: mailed };
  },
};

/**
 * Erases sign-ups never confirmed within UNCONFIRMED_DAYS, and lapsed entries LAPSED_GRACE_DAYS after
 * their consent ran out. The selection is the statements' own condition, read once to name the rows.
 */
export const returnerRetention: ScheduledJob = {
  name: 'returner-retention',
  async run(deps, now) {
    const { db } = deps;
    const rows = await db
      .selectFrom('returners')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('created_at', '<', daysBefore(now, UNCONFIRMED_DAYS))]),
          eb.and([eb('status', '!=', 'pending'), eb('expires_at', '<', daysBefore(now, LAPSED_GRACE_DAYS))]),
        ]),
      )
      .execute();
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return { changed: 0 };
    await deps.atomic(eraseReturnerQueries(db, ids));
    await recordAuditIn(systemScope(deps, now, 'returner-retention'), {
      action: 'returner.erased',
      targetType: 'returner',
      detail: { entries: ids.length },
    });
    return { changed: ids.length };
  },
};

export const returnerJobs: ScheduledJob[] = [returnerRenewals, returnerDigests, returnerRetention];
