import { demandJobs } from '../demand/jobs.ts';
import { placementJobs } from '../placements/jobs.ts';
import { publicationJobs } from '../publication/jobs.ts';
import { cleanupJobs } from './cleanup.ts';
import type { ScheduledJob } from './job.ts';
import { retryOutbox } from './outbox.ts';
import { retentionJobs } from './retention.ts';
import { roundJobs } from './rounds.ts';

/**
 * Every job runScheduled runs, in this order. A feature adds its jobs by spreading its own list
 * here (e.g. `...placementJobs` from src/placements/jobs.ts).
 */
export const scheduledJobs: ScheduledJob[] = [
  ...roundJobs,
  ...publicationJobs,
  retryOutbox,
  ...cleanupJobs,
  ...retentionJobs,
  ...demandJobs,
  ...placementJobs,
];
