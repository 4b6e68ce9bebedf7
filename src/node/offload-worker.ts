import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '../core/config.ts';
import { createJsonLogger } from '../core/logger.ts';
import { YIELD_TO_REQUESTS_FUNCTION } from '../db/queries.ts';
import { aggregateDemand, type DemandQuery } from '../demand/aggregate.ts';
import { advancePublication, BULK_READ_FROM_LINES } from '../publication/compute.ts';
import { openDatabase } from './database.ts';
import { loadNodeSolver } from './solver.ts';
import { yieldPointFor } from './yield-to-requests.ts';

/**
 * The worker thread of src/node/offload.ts: its own connection to the same SQLite file (WAL lets it
 * read and write beside the server's), with a larger page cache for reading a round's need lines.
 */
// The lowest scheduling priority for this thread only (on Linux a thread's nice value is its own):
// with two cores, a publication and the load on the server thread compete for CPU, and requests
// must win (issue 16: the demand page under 50 ms p99 while a round is published).
try {
  setPriority(19);
} catch {
  // A platform that refuses leaves the thread at normal priority.
}
const { databasePath, env, busy } = workerData as {
  databasePath: string;
  env: Record<string, string | undefined>;
  busy: SharedArrayBuffer;
};
const database = openDatabase(databasePath);
// Long scans and the suppression pause at yield points while the server thread is busy.
const yieldToRequests = yieldPointFor(busy);
database.sqlite.raw.function(YIELD_TO_REQUESTS_FUNCTION, { deterministic: false, varargs: false }, () => {
  yieldToRequests();
  return 1;
});
database.sqlite.raw.pragma('cache_size = -262144');
database.sqlite.raw.pragma('mmap_size = 1073741824');
const log = createJsonLogger();
const deps = {
  db: database.db,
  atomic: database.atomic,
  config: loadConfig(env),
  log,
  loadSolver: loadNodeSolver,
  newId: () => crypto.randomUUID(),
  // A worker thread has memory to spare: large rounds are read in one statement, sorted by SQLite (src/publication/queries.ts).
  bulkReadFromLines: BULK_READ_FROM_LINES,
  yieldToRequests,
};

type Task =
  | { id: number; kind: 'publish'; publicationId: string; now: string }
  | { id: number; kind: 'aggregate-demand'; query: DemandQuery };

parentPort?.on('message', async (task: Task) => {
  try {
    if (task.kind === 'aggregate-demand') {
      parentPort?.postMessage({
        id: task.id,
        result: await aggregateDemand(deps.db, task.query, { yieldToRequests: true }),
      });
      return;
    }
    const outcome = await advancePublication(deps, task.publicationId, {
      now: new Date(task.now),
      onProgress: (progress) => parentPort?.postMessage({ id: task.id, progress }),
    });
    parentPort?.postMessage({ id: task.id, result: outcome });
  } catch (err) {
    parentPort?.postMessage({ id: task.id, error: err instanceof Error ? err.message : String(err) });
  }
});
