import { performance } from 'node:perf_hooks';

/**
 * Background work gives way to requests (issue 16: `/healthz` and the demand page stay under 50 ms
 * p99 while a publication of a million need lines is computed or a raw table built on it).
 *
 * The worker thread runs at the lowest priority (src/node/offload-worker.ts), but on two cores that
 * is not enough: the worker's scans and its garbage collection share the caches, the memory bus and
 * V8's helper threads with the server thread, whose requests then take nearly twice as long. So the
 * server thread says when it is busy, and the worker, at its yield points (every 1024th row of a
 * long scan, between units of the suppression), pauses: while the server thread is busy, the
 * worker works SLICE_MS and then waits PAUSE_MS. It keeps a fifth of its speed under a load that
 * saturates the server, and all of it otherwise (decision 0038).
 */

/** The server thread counts as busy while its event loop was busy more than this share of the last interval. */
const BUSY_UTILISATION = 0.5;
/** How often the server thread looks at its event loop while background work is in flight. */
const WATCH_MS = 25;
/** While the server thread is busy: the worker's work between pauses, and each pause. */
const SLICE_MS = 5;
const PAUSE_MS = 20;

/** Index of the flag in the shared buffer: 1 while the server thread is busy. */
const BUSY = 0;

/**
 * The server thread's side: a shared flag, kept up to date every WATCH_MS while `active` says
 * background work is in flight (no timer otherwise).
 */
export function watchServerThread(): { buffer: SharedArrayBuffer; setActive(active: boolean): void } {
  const buffer = new SharedArrayBuffer(4);
  const flag = new Int32Array(buffer);
  let timer: NodeJS.Timeout | undefined;
  let last = performance.eventLoopUtilization();
  const look = () => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, last).utilization > BUSY_UTILISATION ? 1 : 0;
    last = now;
    if (Atomics.exchange(flag, BUSY, busy) === 1 && busy === 0) Atomics.notify(flag, BUSY);
  };
  return {
    buffer,
    setActive(active) {
      if (active && !timer) {
        last = performance.eventLoopUtilization();
        timer = setInterval(look, WATCH_MS);
        timer.unref();
      } else if (!active && timer) {
        clearInterval(timer);
        timer = undefined;
        Atomics.store(flag, BUSY, 0);
        Atomics.notify(flag, BUSY);
      }
    },
  };
}

/**
 * The worker's side: a yield point to call often (it costs a clock read). After SLICE_MS of work,
 * if the server thread is busy, the worker thread blocks for up to PAUSE_MS (less if the server
 * thread stops being busy). Blocking is allowed in a worker thread, never on the server thread.
 */
export function yieldPointFor(buffer: SharedArrayBuffer): () => void {
  const flag = new Int32Array(buffer);
  let sliceStarted = performance.now();
  return () => {
    if (performance.now() - sliceStarted < SLICE_MS) return;
    if (Atomics.load(flag, BUSY) === 1) Atomics.wait(flag, BUSY, 1, PAUSE_MS);
    sliceStarted = performance.now();
  };
}
