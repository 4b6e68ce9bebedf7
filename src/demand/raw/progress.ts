import type { Logger } from '../../core/logger.ts';

/**
 * The secretariat's ad-hoc raw tables run off the request (issue 16, "Nothing heavy on the request
 * path"): on Node the worker thread (deps.offload) aggregates while the server thread answers
 * everyone else, and the request that asked waits only this long before it answers that the table
 * is being computed (202 in the API, a notice on the page). A table that is cached, or small, is
 * done well within it and is answered as before.
 */
export const RAW_TABLE_WAIT_MS = 1500;

/** When to ask again (`Retry-After`, seconds): a table over a million lines takes a few seconds. */
export const RAW_TABLE_RETRY_AFTER_SECONDS = 5;

/** Failed keys remembered (to tell the next person the last attempt failed); older ones are dropped. */
const MAX_FAILURES = 100;

export type Progress<T> =
  | { state: 'done'; value: T }
  /** Still running: since when (ISO 8601), and when the last attempt for the same key failed. */
  | { state: 'computing'; since: string; lastFailedAt: string | null }
  /** It failed while this request waited; the failure is logged and the next request starts again. */
  | { state: 'failed'; at: string };

interface Flight<T> {
  since: string;
  work: Promise<T>;
}

export interface ProgressDeps {
  now: () => Date;
  log: Logger;
}

/**
 * Computations by key, one at a time per key: a request for a key already running joins it
 * instead of starting another. An entry is removed as soon as its computation settles, so a
 * finished value is read from wherever `compute` stored it (the demandFigures cache) and a failure is
 * started again by the next request. `scope` separates databases (each test has its own).
 */
export function pendingComputations<T>() {
  const scopes = new WeakMap<object, { running: Map<string, Flight<T>>; failedAt: Map<string, string> }>();
  const of = (scope: object) => {
    let state = scopes.get(scope);
    if (!state) {
      state = { running: new Map(), failedAt: new Map() };
      scopes.set(scope, state);
    }
    return state;
  };

  /** Starts (or joins) `key`'s computation and waits for it at most `waitMs` (Infinity: until done). */
  return async function within(
    deps: ProgressDeps,
    scope: object,
    key: string,
    compute: () => Promise<T>,
    waitMs: number = RAW_TABLE_WAIT_MS,
  ): Promise<Progress<T>> {
    const { running, failedAt } = of(scope);
    let flight = running.get(key);
    if (!flight) {
      const started: Flight<T> = { since: deps.now().toISOString(), work: compute() };
      running.set(key, started);
      started.work.then(
        () => {
          running.delete(key);
          failedAt.delete(key);
        },
        (err: unknown) => {
          running.delete(key);
          // Deleted first so that the key moves to the end: the oldest failures are dropped first.
          failedAt.delete(key);
          failedAt.set(key, deps.now().toISOString());
          while (failedAt.size > MAX_FAILURES) {
            const oldest = failedAt.keys().next().value;
            if (oldest === undefined) break;
            failedAt.delete(oldest);
          }
          deps.log.error('raw table computation failed', {
            key,
            error: err instanceof Error ? err.message : String(err),
          });
        },
      );
      flight = started;
    }
    const { since, work } = flight;
    const settled = work.then(
      (value): Progress<T> => ({ state: 'done', value }),
      (): Progress<T> => ({ state: 'failed', at: deps.now().toISOString() }),
    );
    if (!Number.isFinite(waitMs)) return settled;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<'waiting'>((resolve) => {
      timer = setTimeout(() => resolve('waiting'), waitMs);
    });
    const outcome = await Promise.race([settled, waited]);
    clearTimeout(timer);
    if (outcome !== 'waiting') return outcome;
    return { state: 'computing', since, lastFailedAt: failedAt.get(key) ?? null };
  };
}
