import type { ScheduledJob } from '../../core/job.ts';
import { sendInformDigests } from './inform-digest.ts';
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

/**
 * Partners who share their profile "to tell me about openings" are mailed the new openings that fit
 * them, at most once a week (decision 0031).
 */
export const informPartners: ScheduledJob = {
  name: 'partner-inform-digest',
  async run(deps, now) {
    return { changed: await sendInformDigests(deps, now) };
  },
};

export const matchingJobs: ScheduledJob[] = [refreshPartnerNotices, informPartners];
