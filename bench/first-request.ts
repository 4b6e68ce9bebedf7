/**
 * `first-demand-page-after-restart` (issue 16: "after a restart the first public demand page is as
 * fast as the rest"): starts the server on a copy of a database, waits until its closed rounds are
 * published, stops it (SIGTERM: it checkpoints and closes), starts it again and times, one at a
 * time, the first request of the public demand page as soon as `/healthz` answers and the requests
 * after it. Prints the first, the median of the rest and their ratio. The first table's page was
 * viewed before the restart (its body is kept in cache_entries, the demand-pages cache); each further table's page is then
 * rendered for the first time, from the publication's cells, in a process already warm.
 *
 *   node --import tsx bench/first-request.ts [--database bench/results/demand-1m.db] [--round bench-round]
 *     [--table specialisation-horizon --table municipality-horizon] [--requests 20]
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { appEnv, type Server, startServer, stopAllServers, stopServer } from './processes.ts';

const { values } = parseArgs({
  options: {
    database: { type: 'string', default: 'bench/results/demand-1m.db' },
    round: { type: 'string', default: 'bench-round' },
    table: { type: 'string', multiple: true, default: ['specialisation-horizon', 'municipality-horizon'] },
    requests: { type: 'string', default: '20' },
  },
});
const root = resolve(import.meta.dirname, '..');
const paths = values.table.map(
  (table) => `/demand?round=${encodeURIComponent(values.round)}&table=${encodeURIComponent(table)}`,
);
const [path = '/demand'] = paths;
const following = Number(values.requests);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** One anonymous request, as a first-time visitor (no cookies), timed to its last byte. */
async function timedPage(baseUrl: string, page = path): Promise<{ ms: number; status: number; chart: boolean }> {
  const started = performance.now();
  const response = await fetch(baseUrl + page, { headers: { 'accept-language': 'sv' } });
  const body = await response.text();
  return { ms: performance.now() - started, status: response.status, chart: body.includes('<svg') };
}

const start = (databasePath: string) =>
  startServer({
    name: 'app',
    script: 'src/server.ts',
    cwd: root,
    env: appEnv(databasePath),
    readyPath: '/healthz',
    readyTimeoutMs: 120_000,
  });

const directory = await mkdtemp(join(tmpdir(), 'kompetensbron-first-'));
let exitCode = 1;
try {
  const databasePath = join(directory, 'kompetensbron.db');
  await copyFile(values.database, databasePath);

  // First start: migrations, the demo's seed and its publication (in the worker thread). The demand
  // page answers 200 with its chart once the round is published.
  let server: Server = await start(databasePath);
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    const probe = await timedPage(server.baseUrl);
    const demo = await fetch(`${server.baseUrl}/demand?round=demo-round-closed&table=specialisation-horizon`);
    const demoReady = demo.status === 200 && (await demo.text()).includes('<svg');
    if (probe.status === 200 && probe.chart && demoReady) break;
    if (Date.now() > deadline) throw new Error(`GET ${path} answered ${probe.status} for 30 minutes`);
    await sleep(1000);
  }
  await stopServer(server.child);

  // The restart: nothing is left to publish, so the worker stays idle.
  const restarted = performance.now();
  server = await start(databasePath);
  const readyMs = performance.now() - restarted;
  const results = [];
  for (const page of paths) {
    const first = await timedPage(server.baseUrl, page);
    if (first.status !== 200 || !first.chart)
      throw new Error(`GET ${page}: the first request answered ${first.status}`);
    const rest: number[] = [];
    for (let i = 0; i < following; i++) {
      const next = await timedPage(server.baseUrl, page);
      if (next.status !== 200) throw new Error(`GET ${page}: request ${i + 2} answered ${next.status}`);
      rest.push(next.ms);
    }
    rest.sort((a, b) => a - b);
    const median = rest[Math.floor(rest.length / 2)] ?? Number.NaN;
    results.push({
      path: page,
      firstMs: Number(first.ms.toFixed(1)),
      followingMedianMs: Number(median.toFixed(1)),
      followingMaxMs: Number((rest.at(-1) ?? Number.NaN).toFixed(1)),
      following: rest.length,
      ratio: Number((first.ms / median).toFixed(2)),
    });
  }
  await stopServer(server.child);
  console.log(
    JSON.stringify(
      { database: values.database, serverReadyAfterRestartMs: Math.round(readyMs), loadAverage: loadavg(), results },
      null,
      2,
    ),
  );
  exitCode = 0;
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
} finally {
  await stopAllServers();
  await rm(directory, { recursive: true, force: true });
}
process.exit(exitCode);
