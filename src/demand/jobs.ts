import type { ScheduledJob } from '../jobs/job.ts';
import { precomputeDemand } from './precompute.ts';

/**
 * Keeps the standard demand tables of every open and closed round computed, so that visitors read
 * stored figures. A Cron Trigger may run for minutes, but one run stops starting new tables after
 * two minutes and leaves the rest to the next.
 */
export const demandJobs: ScheduledJob[] = [
  {
    name: 'precompute-demand',
    async run(deps, now) {
      const changed = await precomputeDemand(deps.db, {
        now,
        dominanceN: deps.config.disclosure.dominanceN,
        budgetMs: 120_000,
      });
      return { changed };
    },
  },
];
