/**
 * Times the publication of a round (issue 16: "publishing a 1,000,000-line round on Node in under
 * 60 s"): `node --import tsx bench/publish.ts [--database bench/results/demand-1m.db] [--round bench-round]`.
 * Any publication the round has is removed first, then a new one is requested and computed in this
 * process, as the server's worker thread computes it (same code, own connection with the same large
 * page cache). Prints the seconds of each stage, the CPU seconds of the whole computation and the
 * load average around it, and what was hidden; the database keeps the result,
 * so a server started on it afterwards reads a published round.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/core/config.ts';
import { createJsonLogger } from '../src/core/logger.ts';
import { YIELD_TO_REQUESTS_FUNCTION } from '../src/db/queries.ts';
import { openDatabase } from '../src/node/database.ts';
import { applyMigrations } from '../src/node/migrate.ts';
import { loadNodeSolver } from '../src/node/solver.ts';
import {
  advancePublication,
  BULK_READ_FROM_LINES,
  requestPublicationQuery,
  ruleOf,
} from '../src/publication/compute.ts';

const { values } = parseArgs({
  options: {
    database: { type: 'string', default: 'bench/results/demand-1m.db' },
    round: { type: 'string', default: 'bench-round' },
  },
});
const database = openDatabase(values.database);
/**
 * The yield points the server's worker thread pauses at while the server thread is busy
 * (src/node/yield-to-requests.ts): here they never pause, and they measure the longest stretch of
 * work between two of them, the longest the worker can hold a core against requests.
 */
const yieldPoints = {
  calls: 0,
  last: 0,
  gaps: [] as { ms: number; after: number }[],
  reached() {
    const now = performance.now();
    if (this.last > 0) {
      const ms = now - this.last;
      if (ms > 50) this.gaps.push({ ms: Math.round(ms), after: this.calls });
    }
    this.calls++;
    this.last = now;
  },
};
database.sqlite.raw.function(YIELD_TO_REQUESTS_FUNCTION, { deterministic: false }, () => {
  yieldPoints.reached();
  return 1;
});
applyMigrations(database.sqlite);
database.sqlite.raw.pragma('cache_size = -262144');
database.sqlite.raw.pragma('mmap_size = 1073741824');
const config = loadConfig({ APP_ENV: 'test' });
const deps = {
  db: database.db,
  atomic: database.atomic,
  config,
  log: createJsonLogger(() => {}),
  loadSolver: loadNodeSolver,
  newId: () => crypto.randomUUID(),
  // A worker thread has memory to spare: large rounds are read in one go (src/publication/queries.ts).
  bulkReadFromLines: BULK_READ_FROM_LINES,
  yieldToRequests: () => yieldPoints.reached(),
};
const roundId = values.round;
await database.db.deleteFrom('publications').where('round_id', '=', roundId).execute();
const id = crypto.randomUUID();
const now = new Date();
await deps.atomic([
  requestPublicationQuery(database.db, {
    id,
    roundId,
    reason: 'benchmark',
    requestedBy: null,
    rule: ruleOf(config),
    at: now.toISOString(),
  }),
]);
const lines = await database.db
  .selectFrom('need_lines')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('round_id', '=', roundId)
  .executeTakeFirst();
const loadBefore = loadavg();
const cpuBefore = process.cpuUsage();
const started = performance.now();
// With no deadline each stage runs through in one call, and the progress is reported after each:
// aggregate (0.4), suppress (0.9), store (1).
const stageEnds: number[] = [];
const outcome = await advancePublication(deps, id, { now, onProgress: () => stageEnds.push(performance.now()) });
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const stages = Object.fromEntries(
  ['aggregate', 'suppress', 'store'].map((stage, i) => {
    const end = stageEnds[i];
    const start = i === 0 ? started : stageEnds[i - 1];
    return [stage, end === undefined || start === undefined ? null : Number(((end - start) / 1000).toFixed(1))];
  }),
);
const row = await database.db.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
console.log(
  JSON.stringify(
    {
      round: roundId,
      lines: Number(lines?.n ?? 0),
      outcome,
      seconds: Number(seconds.toFixed(1)),
      // Wall-clock seconds of each stage; on a shared machine the CPU seconds say more.
      stages,
      cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
      loadAverage: { before: loadBefore.map((l) => l.toFixed(1)), after: loadavg().map((l) => l.toFixed(1)) },
      report: row.report ? JSON.parse(row.report) : null,
      error: row.error,
      // Stretches of more than 50 ms without a yield point, longest first, and where they came
      // (after how many yield points of the run).
      yieldPoints: {
        calls: yieldPoints.calls,
        longestMs: Math.max(0, ...yieldPoints.gaps.map((g) => g.ms)),
        over50Ms: [...yieldPoints.gaps].sort((a, b) => b.ms - a.ms).slice(0, 12),
      },
    },
    null,
    2,
  ),
);
await database.close();
process.exit(outcome === 'done' ? 0 : 1);
