import type { ScheduledJob } from '../../core/job.ts';
import { refreshAllNotices } from './run.ts';

/**
 * Once a day every profile shared for "consider" is matched again: new need lines (a round
 * closes), new placements, organisations that join the network, consents that lapse.
 */
export const refreshPartnerNotices: ScheduledJob = {
  name: 'partner-matching',
  async run(deps, now) {
    const { sent } = await refreshAllNotices(deps, now);
    return { changed: sent };
  },
};

export const matchingJobs: ScheduledJob[] = [refreshPartnerNotices];
