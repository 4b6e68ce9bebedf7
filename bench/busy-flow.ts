/**
 * The "while busy" scenarios (issue 16: "While a publication of the 1,000,000-line round is computed
 * and while the secretariat builds a raw table on it, `/healthz` and the demand page stay under 50 ms
 * p99"). The load is plain GETs of `/healthz` or the public demand page of the demo's closed round;
 * beside it the server's worker thread (src/node/offload.ts) is kept busy with
 *
 * - `publishing`: a new version of a round's publication, requested through the API as the
 *   secretariat (the million-line round with BENCH_DATABASE from bench/generate-demand.ts), or
 * - `raw-table`: the secretariat's raw tables of that round, one after the other from the harness,
 *   each a breakdown not asked for before (so never a cache hit).
 *
 * The notes say whether the worker stayed busy through the measured run and how much CPU the
 * server's main thread and its other threads (the worker, mostly) used meanwhile.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Client } from 'autocannon';
import { z } from 'zod';
import type { FlowScenario, Workload } from './scenarios.ts';
import { call, signInAsSecretariat } from './survey-flow.ts';

/** The demo's closed round: seeded and published (in the worker) when the server starts. */
const PAGE_ROUND = 'demo-round-closed';

/**
 * The stage of the publication the `…-while-publishing` load runs beside: `aggregate` (the default:
 * the load starts as the publication is requested, and the million-line round's read and
 * aggregation outlast the run) or `suppress` (each run waits until the publication has reached the
 * secondary suppression, with its linear programs).
 */
const BUSY_STAGE = z.enum(['aggregate', 'suppress']).parse(process.env.BENCH_BUSY_STAGE ?? 'aggregate');

/** The round whose publication and raw tables keep the worker busy. */
const BUSY_ROUND = process.env.BENCH_BUSY_ROUND ?? (process.env.BENCH_DATABASE ? 'bench-round' : 'demo-round-closed');

const loads = {
  healthz: {
    path: '/healthz',
    headers: {},
    check: (status: number, body: string) => status === 200 && body === '{"status":"ok"}',
  },
  'demand-page': {
    path: `/demand?round=${PAGE_ROUND}&table=specialisation-horizon`,
    headers: { 'accept-language': 'sv' },
    check: (status: number, body: string) => status === 200 && body.includes('<svg'),
  },
} as const;
type Load = keyof typeof loads;

const publicationList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      version: z.number(),
      status: z.string(),
      stage: z.string(),
      progress: z.number(),
      report: z.record(z.string(), z.unknown()).nullable(),
      error: z.string().nullable(),
    }),
  ),
});
type Publication = z.infer<typeof publicationList>['items'][number];
const created = publicationList.shape.items.element;

interface Api {
  baseUrl: string;
  cookie: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function publications(api: Api, roundId: string): Promise<Publication[]> {
  return publicationList.parse(await call(api, 'GET', `/api/v1/rounds/${roundId}/publications`)).items;
}

/** Polls until no publication of these rounds is being computed and each has a published one. */
async function waitUntilPublished(api: Api, roundIds: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lists = await Promise.all(roundIds.map((id) => publications(api, id)));
    if (
      lists.every((list) => list.some((p) => p.status === 'published') && !list.some((p) => p.status === 'computing'))
    )
      return;
    if (Date.now() > deadline)
      throw new Error(`busy scenarios: ${roundIds.join(', ')} not published within ${timeoutMs / 1000} s`);
    await sleep(1000);
  }
}

/** CPU seconds of a process's main thread and of all its other threads (Linux /proc; 100 ticks a second). */
function threadCpu(pid: number | undefined): { main: number; others: number } | null {
  if (!pid) return null;
  try {
    let main = 0;
    let others = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // Fields after the command name's closing parenthesis start at field 3; utime and stime are 14 and 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / 100;
      if (tid === String(pid)) main += seconds;
      else others += seconds;
    }
    return { main, others };
  } catch {
    return null;
  }
}

/** What keeps the worker busy: started in `prepare`, checked before each run, ended in `done`. */
interface Busy {
  beforeRun(): Promise<void>;
  done(): Promise<void>;
  notes(seconds: number): string[];
}

/** A new version of BUSY_ROUND's publication, computed by the server's worker thread. */
async function keepPublishing(api: Api): Promise<Busy> {
  let requested = 0;
  let current: Publication | undefined;
  let requestedAt = 0;
  let atStart: Publication | undefined;
  let atEnd: Publication | undefined;
  let waitedSeconds = 0;
  let publishedAfter = 0;

  const find = async (id: string) => (await publications(api, BUSY_ROUND)).find((p) => p.id === id);
  const ensureComputing = async () => {
    const running = current && (await find(current.id));
    if (running?.status === 'computing') return running;
    const publication = created.parse(
      await call(
        api,
        'POST',
        `/api/v1/rounds/${BUSY_ROUND}/publications`,
        { reason: 'bench: load while publishing' },
        202,
      ),
    );
    if (publication.status !== 'computing')
      throw new Error(`busy scenarios: the new publication is ${publication.status}, not computing`);
    requested++;
    requestedAt = performance.now();
    current = publication;
    return publication;
  };
  await ensureComputing();

  return {
    async beforeRun() {
      atStart = await ensureComputing();
      const deadline = Date.now() + 10 * 60_000;
      while (atStart.stage !== BUSY_STAGE) {
        if (Date.now() > deadline) throw new Error(`busy scenarios: the publication did not reach ${BUSY_STAGE}`);
        await sleep(200);
        atStart = await ensureComputing();
      }
    },
    async done() {
      atEnd = current && (await find(current.id));
      // Wait until it is published, so that what runs next (and the closing ceiling) runs beside an idle worker.
      const waitStarted = performance.now();
      await waitUntilPublished(api, [BUSY_ROUND], 30 * 60_000);
      waitedSeconds = (performance.now() - waitStarted) / 1000;
      publishedAfter = (performance.now() - requestedAt) / 1000;
      current = current && (await find(current.id));
    },
    notes() {
      const state = (p: Publication | undefined) =>
        p ? `${p.status}, stage ${p.stage} (${Math.round(p.progress * 100)} %)` : 'unknown';
      const through =
        atStart?.id === atEnd?.id && atEnd?.status === 'computing'
          ? 'computing through the whole measured run'
          : 'NOT computing through the whole measured run: the load after it finished was not beside a publication';
      const seconds = current?.report?.seconds;
      return [
        `publication of ${BUSY_ROUND} v${current?.version ?? '?'} (${requested} requested by the scenario): ${through}; at the start ${state(atStart)}, at the end ${state(atEnd)}`,
        `it was ${current?.status ?? '?'} ${publishedAfter.toFixed(0)} s after it was requested (${waitedSeconds.toFixed(0)} s waited after the run); report: ${JSON.stringify({ seconds, cells: current?.report?.cells, hidden: current?.report?.hidden })}`,
      ];
    },
  };
}

/** Each breakdown at each SSYK level is its own cache key: every request in the cycle is computed anew. */
const RAW_BREAKDOWNS = [
  'occupation,municipality',
  'occupation,horizon',
  'occupation,sector',
  'occupation,sizeClass',
  'occupation,educationLevel',
  'municipality,horizon',
  'sector,horizon',
  'sizeClass,educationLevel',
];
const RAW_TABLES = RAW_BREAKDOWNS.flatMap((by) =>
  [4, 3, 2, 1].map((level) => `/api/v1/demand?round=${BUSY_ROUND}&by=${by}&ssykLevel=${level}`),
);
const rawTable = z.object({ protected: z.boolean(), cells: z.array(z.unknown()) });
/** Shared by the scenarios of one run, so that a later one does not ask again for a cached table. */
let nextRawTable = 0;

/**
 * A raw table of a large round is computed in the worker thread: the API answers 202 with its
 * progress until it is ready (src/demand/raw/progress.ts), and the secretariat's page asks again.
 * So does this, every half second, until the table comes (200).
 */
async function rawTableWhenReady(api: Api, path: string): Promise<unknown> {
  for (;;) {
    const response = await fetch(api.baseUrl + path, { headers: { cookie: api.cookie } });
    const text = await response.text();
    if (response.status === 200) return JSON.parse(text);
    if (response.status !== 202) {
      throw new Error(`GET ${path}: status ${response.status}, expected 200 or 202: ${text.slice(0, 400)}`);
    }
    await new Promise((wait) => setTimeout(wait, 500));
  }
}

/** The secretariat's raw tables of BUSY_ROUND, one at a time, from `prepare` until `done`. */
async function keepBuildingRawTables(api: Api): Promise<Busy> {
  let built = 0;
  let stopping = false;
  let failure: Error | undefined;
  let timings: number[] = [];
  const build = async () => {
    const path = RAW_TABLES[nextRawTable++ % RAW_TABLES.length] ?? '';
    built++;
    const started = performance.now();
    const table = rawTable.parse(await rawTableWhenReady(api, path));
    if (table.protected || table.cells.length === 0) throw new Error(`busy scenarios: ${path} is not a raw table`);
    return performance.now() - started;
  };
  // The first table is the check that the secretariat's raw view answers at all.
  const first = await build();
  const loop = (async () => {
    while (!stopping && !failure) {
      try {
        // Awaited before `timings` is read: beforeRun gives it a new array meanwhile.
        const ms = await build();
        timings.push(ms);
      } catch (err) {
        failure = err instanceof Error ? err : new Error(String(err));
      }
    }
  })();

  return {
    async beforeRun() {
      if (failure) throw failure;
      timings = [];
    },
    async done() {
      stopping = true;
      await loop;
      if (failure) throw failure;
    },
    notes(seconds) {
      const mean = timings.length ? timings.reduce((a, b) => a + b, 0) / timings.length : 0;
      return [
        `raw tables of ${BUSY_ROUND} built one after the other, always one in flight, each a breakdown not asked for before: the first (the check) ${(first / 1000).toFixed(1)} s; ${timings.length} finished from the start of the measured run of ${seconds} s to the end of the one in flight at its end, mean ${(mean / 1000).toFixed(1)} s (${built} by this scenario; ${RAW_TABLES.length} in the cycle)`,
      ];
    },
  };
}

function busyScenario(load: Load, busy: 'publishing' | 'raw-table'): FlowScenario {
  const { path, headers, check } = loads[load];
  return {
    name: `${load}-while-${busy}`,
    target: 'app',
    path: `GET ${path}`,
    measures:
      busy === 'publishing'
        ? `\`${path}\` while the server's worker thread computes a new version of a round's publication (the million-line round with BENCH_DATABASE)`
        : `\`${path}\` while the secretariat's raw tables of a round are built one after the other in the worker thread`,
    async prepare(baseUrl, _connections, serverPid) {
      const api = { baseUrl, cookie: await signInAsSecretariat(baseUrl) };
      // The server publishes the demo's closed round at start; the page needs it, and the worker
      // should work on BUSY_ROUND alone.
      await waitUntilPublished(api, [...new Set([PAGE_ROUND, BUSY_ROUND])], 30 * 60_000);
      const response = await fetch(baseUrl + path, { headers });
      if (!check(response.status, await response.text()))
        throw new Error(
          `${load}-while-${busy}: GET ${path} answered ${response.status} without what it should measure`,
        );
      const background = busy === 'publishing' ? await keepPublishing(api) : await keepBuildingRawTables(api);
      let cpuBefore: ReturnType<typeof threadCpu> = null;
      let cpuAfter: ReturnType<typeof threadCpu> = null;
      const workload: Workload = {
        async beforeRun() {
          await background.beforeRun();
          cpuBefore = threadCpu(serverPid);
        },
        setupClient(client: Client) {
          client.setRequests([{ method: 'GET', path, headers }]);
        },
        async done() {
          cpuAfter = threadCpu(serverPid);
          await background.done();
        },
        notes(seconds) {
          const cpu =
            cpuBefore && cpuAfter
              ? `server CPU in the measured run of ${seconds} s: main thread ${(cpuAfter.main - cpuBefore.main).toFixed(1)} s, other threads (the worker, GC) ${(cpuAfter.others - cpuBefore.others).toFixed(1)} s`
              : 'server CPU: n/a';
          return [...background.notes(seconds), cpu];
        },
      };
      return workload;
    },
  };
}

export const busyScenarios: FlowScenario[] = [
  busyScenario('healthz', 'publishing'),
  busyScenario('demand-page', 'publishing'),
  busyScenario('healthz', 'raw-table'),
  busyScenario('demand-page', 'raw-table'),
];
