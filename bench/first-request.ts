/**
 * `first-demand-page-after-restart` (issue 16: "after a restart the first public demand page is as
 * fast as the rest"): starts the server on a copy of a database, waits until its closed rounds are
 * published, stops it (SIGTERM: it checkpoints and closes), starts it again and times, one at a
 * time, the first request of the public demand page as soon as `/healthz` answers and the requests
 * after it, each on a new connection as a first-time visitor's. Prints, as the visitor sees it and
 * as the server's access log times it, the first, the median and the longest of the rest, and the
 * first against the median. The server answers every table's page of the newest published rounds
 * before it listens (src/node/warm-up.ts), so the first visitor should meet pages already made.
 *
 *   node --import tsx bench/first-request.ts [--database bench/results/demand-1m.db] [--round bench-round]
 *     [--table specialisation-horizon --table municipality-horizon] [--requests 20]
 */
import { closeSync, openSync, readFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
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

/**
 * One anonymous request, as a first-time visitor (no cookies, a new connection), timed to its last
 * byte. Every request opens its own connection, the first and the rest alike, so that the figures
 * compare the server's answers, not a connection set up once against connections reused.
 */
let requestCount = 0;
function timedPage(
  baseUrl: string,
  page = path,
): Promise<{ ms: number; status: number; chart: boolean; requestId: string }> {
  const url = new URL(page, baseUrl);
  // The server takes a well-formed X-Request-Id as its own and logs it with the request's duration.
  const requestId = `first-request-${++requestCount}`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const outgoing = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        agent: false,
        headers: { 'accept-language': 'sv', 'x-request-id': requestId },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            ms: performance.now() - started,
            status: incoming.statusCode ?? 0,
            chart: Buffer.concat(chunks).toString('utf8').includes('<svg'),
            requestId,
          }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const start = (databasePath: string, stdout?: number) =>
  startServer({
    name: 'app',
    script: 'src/server.ts',
    cwd: root,
    env: appEnv(databasePath),
    readyPath: '/healthz',
    readyTimeoutMs: 120_000,
    stdout,
  });

/** The server's own duration of each request, from its access log (one JSON line per request). */
function serverDurations(logFile: string): Map<string, number> {
  const durations = new Map<string, number>();
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { message?: string; requestId?: string; durationMs?: number };
    if (entry.message === 'request' && entry.requestId && entry.durationMs !== undefined)
      durations.set(entry.requestId, entry.durationMs);
  }
  return durations;
}

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
  const logFile = join(directory, 'restart.log');
  const log = openSync(logFile, 'w');
  server = await start(databasePath, log);
  const readyMs = performance.now() - restarted;
  // This process's own first request through node:http (its code loaded and compiled) goes to the
  // health check, which the server answered already when it became ready: the first page's time is
  // then the server's first page, not the client's first request.
  await timedPage(server.baseUrl, '/healthz');
  const timed: {
    page: string;
    first: Awaited<ReturnType<typeof timedPage>>;
    rest: Awaited<ReturnType<typeof timedPage>>[];
  }[] = [];
  for (const page of paths) {
    const first = await timedPage(server.baseUrl, page);
    if (first.status !== 200 || !first.chart)
      throw new Error(`GET ${page}: the first request answered ${first.status}`);
    const rest = [];
    for (let i = 0; i < following; i++) {
      const next = await timedPage(server.baseUrl, page);
      if (next.status !== 200) throw new Error(`GET ${page}: request ${i + 2} answered ${next.status}`);
      rest.push(next);
    }
    timed.push({ page, first, rest });
  }
  await stopServer(server.child);
  closeSync(log);
  const onServer = serverDurations(logFile);
  const summary = (first: number, rest: number[]) => {
    const sorted = [...rest].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    return {
      firstMs: Number(first.toFixed(1)),
      followingMedianMs: Number(median.toFixed(1)),
      followingMaxMs: Number((sorted.at(-1) ?? Number.NaN).toFixed(1)),
      ratio: Number((first / median).toFixed(2)),
    };
  };
  const results = timed.map(({ page, first, rest }) => ({
    path: page,
    following: rest.length,
    // Seen by a visitor: a new connection, the request and the whole page read.
    client: summary(
      first.ms,
      rest.map((r) => r.ms),
    ),
    // The server's own time (its access log, to a tenth of a millisecond).
    server: summary(
      onServer.get(first.requestId) ?? Number.NaN,
      rest.map((r) => onServer.get(r.requestId) ?? Number.NaN),
    ),
  }));
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
