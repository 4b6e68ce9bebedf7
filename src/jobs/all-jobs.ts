import type { ScheduledJob } from './job.ts';

/**
 * Every job runScheduled runs, in this order. A feature adds its jobs by spreading its own list
 * here (e.g. `...placementJobs` from src/placements/jobs.ts).
 */
export const scheduledJobs: ScheduledJob[] = [];
