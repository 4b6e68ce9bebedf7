import { FEATURES } from '../features.ts';
import type { ScheduledJob } from './job.ts';

/**
 * Every job runScheduled runs: each feature's, in the order of the feature list (src/features.ts).
 * A function, read when a run starts: the operations feature is itself in that list.
 */
export function scheduledJobs(): readonly ScheduledJob[] {
  return FEATURES.flatMap((feature) => feature.jobs ?? []);
}
