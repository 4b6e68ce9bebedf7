import { expressionBuilder } from 'kysely';
import { recordAuditIn } from '../../audit/index.ts';
import type { ScheduledJob } from '../../core/job.ts';
import { systemScope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { stockholmDate } from '../move-cases/queries.ts';
import { eraseApplicationsQueries } from './privacy.ts';

/**
 * How long candidates' applications are kept after their campaign closed: 24 months, the time
 * Swedish employers commonly keep applications for a claim under the Discrimination Act
 * (research/recruitment.md §6; decision 0032).
 */
export const CAMPAIGN_RETENTION_MONTHS = 24;

const eb = expressionBuilder<Database>();
const apps = expressionBuilder<Database, 'campaign_applications'>();

/**
 * Erases the personal data of campaigns closed more than CAMPAIGN_RETENTION_MONTHS ago: the
 * applications' personal columns and the visit-day sign-ups; the campaign is marked so that it is
 * never selected again. One batch of conditional statements, so running it twice erases once.
 */
export const eraseClosedCampaigns: ScheduledJob = {
  name: 'campaign-retention',
  async run(deps, now) {
    const cutoff = new Date(now.getTime());
    cutoff.setUTCMonth(cutoff.getUTCMonth() - CAMPAIGN_RETENTION_MONTHS);
    const before = stockholmDate(cutoff);
    const due = eb.selectFrom('campaigns').select('id').where('closes_on', '<', before).where('erased_at', 'is', null);
    const at = now.toISOString();
    const { db } = deps;
    const [, , marked] = await deps.atomic([
      ...eraseApplicationsQueries(db, apps('campaign_id', 'in', due), at),
      db
        .deleteFrom('campaign_visit_signups')
        .where('visit_day_id', 'in', db.selectFrom('campaign_visit_days').select('id').where('campaign_id', 'in', due))
        .compile(),
      db
        .updateTable('campaigns')
        .set({ erased_at: at })
        .where('closes_on', '<', before)
        .where('erased_at', 'is', null)
        .compile(),
    ]);
    const changed = Number(marked?.numAffectedRows ?? 0);
    if (changed > 0) {
      await recordAuditIn(systemScope(deps, now, 'campaign-retention'), {
        action: 'campaign.erased',
        targetType: 'campaign',
        detail: { campaigns: changed, closedBefore: before },
      });
    }
    return { changed };
  },
};

export const campaignJobs: ScheduledJob[] = [eraseClosedCampaigns];
