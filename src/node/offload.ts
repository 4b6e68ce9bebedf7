import { Worker } from 'node:worker_threads';
import type { Logger } from '../core/logger.ts';
import type { AppDeps } from '../deps.ts';
import { watchServerThread } from './yield-to-requests.ts';

/**
 * Heavy work off the request thread on Node (DESIGN: "Nothing heavy on the request path"): one
 * worker thread, started when first needed, runs a publication's computation over its own database
 * connection, one task at a time, while the server thread goes on answering requests. An in-memory
 * database cannot be shared with another thread: there the caller's thread does the work.
 */
export function createOffload(
  databasePath: string,
  env: Record<string, string | undefined>,
  log: Logger,
): { offload: NonNullable<AppDeps['offload']>; close: () => Promise<void> } | undefined {
  if (databasePath === ':memory:') return undefined;
  let worker: Worker | undefined;
  let next = 0;
  const waiting = new Map<number, { resolve: (result: unknown) => void; reject: (e: Error) => void }>();
  // The worker gives way to requests while this thread is busy (src/node/yield-to-requests.ts).
  const serverThread = watchServerThread();
  const settled = () => serverThread.setActive(waiting.size > 0);

  const start = () => {
    const w = new Worker(new URL('./offload-boot.mjs', import.meta.url), {
      workerData: {
        entry: new URL('./offload-worker.ts', import.meta.url).href,
        databasePath,
        env,
        busy: serverThread.buffer,
      },
    });
    w.on('message', (message: { id: number; result?: unknown; error?: string; progress?: number }) => {
      const task = waiting.get(message.id);
      if (!task || message.progress !== undefined) return;
      waiting.delete(message.id);
      settled();
      if (message.error !== undefined) task.reject(new Error(message.error));
      else task.resolve(message.result);
    });
    w.on('error', (err) => {
      log.error('offload worker failed', { error: err.message });
      for (const task of waiting.values()) task.reject(err);
      waiting.clear();
      settled();
      worker = undefined;
    });
    w.on('exit', () => {
      worker = undefined;
    });
    // The server may exit while the thread is idle.
    w.unref();
    return w;
  };

  const run = <T>(task: Record<string, unknown>): Promise<T> => {
    worker ??= start();
    const id = ++next;
    const done = new Promise<T>((resolve, reject) =>
      waiting.set(id, { resolve: (result) => resolve(result as T), reject }),
    );
    settled();
    worker.postMessage({ ...task, id });
    return done;
  };

  return {
    offload: {
      publish: (publicationId, now) => run({ kind: 'publish', publicationId, now: now.toISOString() }),
      aggregateDemand: (query) => run({ kind: 'aggregate-demand', query }),
    },
    async close() {
      waiting.clear();
      settled();
      await worker?.terminate();
    },
  };
}
