import type { CoreDeps } from './deps.ts';

/**
 * One piece of scheduled work (docs: "Scheduled work" in docs/architecture.md). `run` must be
 * idempotent: running it twice in a row, or twice at the same moment on two processes, has the
 * effect of running it once. It does its writes as single conditional statements or one `atomic`
 * batch, never read-then-write across awaits, and says how many rows it changed.
 */
export interface ScheduledJob {
  /** Stable, kebab-case; used in logs and metrics. */
  name: string;
  run(deps: CoreDeps, now: Date): Promise<{ changed: number }>;
}
