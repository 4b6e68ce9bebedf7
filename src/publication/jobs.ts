import type { CoreDeps } from '../core/deps.ts';
import type { ScheduledJob } from '../core/job.ts';
import {
  advancePublication,
  type PublicationDeps,
  requestPublicationQuery,
  ruleOf,
  type StepOutcome,
} from './compute.ts';

/**
 * Asks for a publication of every closed round that has none (a round closed by the scheduler, by
 * the secretariat, or one loaded closed, like the demo's), in one statement per round.
 */
export async function requestMissingPublications(
  deps: Pick<CoreDeps, 'db' | 'atomic' | 'newId' | 'config'>,
  now: Date,
): Promise<number> {
  const rounds = await deps.db
    .selectFrom('rounds')
    .select('id')
    .where('status', '=', 'closed')
    .where(({ not, exists, selectFrom, lit }) =>
      not(
        exists(selectFrom('publications').select(lit(1).as('one')).whereRef('publications.round_id', '=', 'rounds.id')),
      ),
    )
    .orderBy('closes_at', 'desc')
    .execute();
  if (rounds.length === 0) return 0;
  await deps.atomic(
    rounds.map((r) =>
      requestPublicationQuery(deps.db, {
        id: deps.newId(),
        roundId: r.id,
        reason: 'round-closed',
        requestedBy: null,
        rule: ruleOf(deps.config),
        at: now.toISOString(),
      }),
    ),
  );
  return rounds.length;
}

export async function computingPublications(deps: Pick<CoreDeps, 'db'>): Promise<string[]> {
  const rows = await deps.db
    .selectFrom('publications')
    .select('id')
    .where('status', '=', 'computing')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * How a runtime computes a publication: on Node a worker thread runs it through (src/node/offload.ts)
 * so that requests are served meanwhile; on Workers each Cron Trigger runs steps within its budget.
 * Without one, the caller's thread computes within `budgetMs` (tests, `npm run jobs`).
 */
export type PublicationRunner = (publicationId: string, now: Date) => Promise<'done' | 'more' | 'failed' | 'busy'>;

export function inlineRunner(deps: PublicationDeps, budgetMs = Number.POSITIVE_INFINITY): PublicationRunner {
  // One budget for everything this runner computes: a Cron Trigger that finds two publications
  // computing gives them one step's time together, not one each.
  const deadline = performance.now() + budgetMs;
  return (publicationId, now) => advancePublication(deps, publicationId, { now, deadline });
}

/** Requests what is missing, then advances every publication being computed. */
export async function runPublications(deps: CoreDeps, now: Date, runner: PublicationRunner): Promise<number> {
  let changed = await requestMissingPublications(deps, now);
  for (const id of await computingPublications(deps)) {
    const outcome = await runner(id, now);
    if (outcome === 'done' || outcome === 'failed') changed++;
  }
  return changed;
}

/**
 * Starts computing what is requested right away where a runtime can do it off the request (Node's
 * worker thread), instead of at the next scheduled run: the secretariat who closes a round or asks
 * for a new version sees the figures within seconds. Elsewhere the scheduled job does it.
 */
export function startPublishing(deps: CoreDeps): void {
  const offload = deps.offload;
  if (!offload) return;
  void runPublications(deps, deps.now(), offload.publish).catch((err: unknown) =>
    deps.log.error('publishing failed', { error: err instanceof Error ? err.message : String(err) }),
  );
}

/** A Cron Trigger's step: well inside the 30 s of CPU a paid Worker's scheduled event may use. */
export const WORKER_STEP_MS = 20_000;

/** The runtime's runner if it has one, else this thread: in steps on Workers, through on Node. */
export function runnerFor(deps: CoreDeps): PublicationRunner {
  if (deps.offload) return deps.offload.publish;
  return inlineRunner(deps, deps.runtime === 'workers' ? WORKER_STEP_MS : Number.POSITIVE_INFINITY);
}

export const publicationJobs: ScheduledJob[] = [
  {
    name: 'publish-rounds',
    async run(deps, now) {
      return { changed: await runPublications(deps, now, runnerFor(deps)) };
    },
  },
];

declare module '../core/deps.ts' {
  interface Offload {
    /** Computes a publication to its end off the request thread (Node: src/node/offload.ts). */
    publish: (publicationId: string, now: Date) => Promise<StepOutcome>;
  }
}
