import type { ScheduledJob } from '../../core/job.ts';
import { runFollowUps } from './service.ts';

/** Follow-ups 3, 12 and 24 months after the move-in: rows, mails, one reminder, lapsing (service.ts). */
export const followUpJob: ScheduledJob = {
  name: 'move-follow-ups',
  async run(deps, now) {
    return { changed: await runFollowUps(deps, now) };
  },
};
