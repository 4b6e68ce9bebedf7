import type { ScheduledJob } from '../../core/job.ts';
import { refreshOutcomes } from './service.ts';

/** The outcome figures, recomputed daily and after a move-in or an answered follow-up (service.ts). */
export const outcomeJob: ScheduledJob = {
  name: 'move-outcomes',
  async run(deps, now) {
    return { changed: await refreshOutcomes(deps, now) };
  },
};
