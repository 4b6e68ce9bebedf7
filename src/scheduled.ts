import type { ScheduledJob } from './core/job.ts';
import { emitJobRun, type JobRunResult } from './core/job-events.ts';
import type { AppDeps } from './deps.ts';
import { FEATURES } from './features.ts';

export type { JobRunResult } from './core/job-events.ts';
export { onJobRun } from './core/job-events.ts';

export interface ScheduledRunSummary {
  startedAt: string;
  durationMs: number;
  jobs: JobRunResult[];
  failed: number;
}

/**
 * Every job runScheduled runs: each feature's, in the order of the feature list (src/features.ts).
 * This module is part of the app shell, beside the list: no feature imports it.
 */
export function scheduledJobs(): readonly ScheduledJob[] {
  return FEATURES.flatMap((feature) => feature.jobs ?? []);
}

/**
 * Runs every scheduled job once, one after the other, at the moment `now`. A failing job is logged
 * and counted and does not stop the others. One JSON log line per job (name, changed, duration).
 * Safe to call twice at the same moment: each job is idempotent (see ScheduledJob).
 */
export async function runScheduled(
  deps: AppDeps,
  now: Date,
  jobs: readonly ScheduledJob[] = scheduledJobs(),
): Promise<ScheduledRunSummary> {
  const started = Date.now();
  const results: JobRunResult[] = [];
  for (const job of jobs) {
    const jobStarted = Date.now();
    let result: JobRunResult;
    try {
      const { changed } = await job.run(deps, now);
      result = { name: job.name, ok: true, changed, durationMs: Date.now() - jobStarted };
      deps.log.info('job', { job: job.name, changed, durationMs: result.durationMs });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      result = { name: job.name, ok: false, changed: 0, durationMs: Date.now() - jobStarted, error: message };
      deps.log.error('job failed', { job: job.name, error: message, durationMs: result.durationMs });
    }
    results.push(result);
    emitJobRun(result);
  }
  return {
    startedAt: now.toISOString(),
    durationMs: Date.now() - started,
    jobs: results,
    failed: results.filter((r) => !r.ok).length,
  };
}

/**
 * The jobs that turn the demo's answers into what the product makes of them, run by `npm run seed`
 * right after the demo rows go in, so that the demo shows them at once rather than after the first
 * scheduled run: the shared-post proposal of the demo's version 3 round (src/seed/demo-flexible.ts).
 */
export const DEMO_JOBS = ['shared-post-proposals'] as const;

export function runDemoJobs(deps: AppDeps, now: Date): Promise<ScheduledRunSummary> {
  const names: readonly string[] = DEMO_JOBS;
  return runScheduled(
    deps,
    now,
    scheduledJobs().filter((job) => names.includes(job.name)),
  );
}
