/**
 * `npm run bench`: starts the ceiling (bench/ceiling.ts) and the real server (src/server.ts, on a fresh
 * database) as child processes, runs each scenario of bench/scenarios.ts against them with autocannon,
 * prints a table and writes it to bench/results/latest.json. See bench/README.md.
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Measurement, measure, stopCurrentLoad } from './measure.ts';
import { type BenchOptions, readOptions, USAGE } from './options.ts';
import { appEnv, type Server, startServer, stopAllServers } from './processes.ts';
import { buildReport, formatTable, writeReport } from './report.ts';
import { CEILING, type Scenario, scenarios, type Target } from './scenarios.ts';

const root = resolve(import.meta.dirname, '..');
const resultsPath = join(import.meta.dirname, 'results', 'latest.json');
const databaseDirs: string[] = [];

async function cleanUp(): Promise<void> {
  stopCurrentLoad();
  await stopAllServers();
  await Promise.all(databaseDirs.map((dir) => rm(dir, { recursive: true, force: true })));
}

function selectScenarios(only: string[]): Scenario[] {
  const unknown = only.filter((name) => !scenarios.some((s) => s.name === name));
  if (unknown.length > 0) {
    throw new Error(`unknown scenario(s): ${unknown.join(', ')}; known: ${scenarios.map((s) => s.name).join(', ')}`);
  }
  return scenarios.filter((s) => s.name !== CEILING && (only.length === 0 || only.includes(s.name)));
}

/**
 * The server publishes the demo's closed round when it starts, in its worker thread (src/server.ts);
 * until then its demand answers 409, and the worker's work would run beside the first scenarios.
 */
async function waitForDemoPublication(baseUrl: string): Promise<void> {
  const path = '/api/v1/demand?round=demo-round-closed&table=specialisation-horizon';
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const response = await fetch(baseUrl + path);
    await response.arrayBuffer();
    if (response.status === 200) return;
    if (response.status !== 409 || Date.now() > deadline)
      throw new Error(`the demo's closed round is not published: GET ${path} answered ${response.status}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The app of the checkout at `cwd` on a fresh database (or a copy of BENCH_DATABASE) of its own. */
async function startApp(name: string, cwd: string): Promise<Server> {
  const databaseDir = await mkdtemp(join(tmpdir(), 'kompetensbron-bench-'));
  databaseDirs.push(databaseDir);
  // BENCH_DATABASE: start from a copy of a prepared database (bench/generate-demand.ts), not an empty one.
  if (process.env.BENCH_DATABASE) await copyFile(process.env.BENCH_DATABASE, join(databaseDir, 'kompetensbron.db'));
  const app = await startServer({
    name,
    script: 'src/server.ts',
    cwd,
    env: appEnv(join(databaseDir, 'kompetensbron.db')),
    readyPath: '/healthz',
  });
  await waitForDemoPublication(app.baseUrl);
  return app;
}

async function startTargets(needed: Set<Target>, before: string | undefined): Promise<Map<Target, Server>> {
  const servers = new Map<Target, Server>();
  servers.set(
    'ceiling',
    await startServer({ name: 'ceiling', script: 'bench/ceiling.ts', cwd: root, env: {}, readyPath: '/' }),
  );
  if (needed.has('app')) {
    // Started one after the other: each publishes the demo round at start, in its worker thread.
    if (before) servers.set('before', await startApp('app (before)', resolve(before)));
    servers.set('app', await startApp('app', root));
  }
  return servers;
}

async function main(options: BenchOptions): Promise<boolean> {
  const selected = selectScenarios(options.only);
  const ceilingScenario = scenarios.find((s) => s.name === CEILING);
  if (!ceilingScenario) throw new Error('bench/scenarios.ts has no ceiling scenario');
  const servers = await startTargets(new Set(selected.map((s) => s.target)), options.before);

  const runOne = async (scenario: Scenario, label: string, target: Target = scenario.target) => {
    const server = servers.get(target);
    if (!server) throw new Error(`no server for target ${target}`);
    process.stderr.write(`${label}: ${'prepare' in scenario ? scenario.path : `GET ${scenario.path}`} …\n`);
    const measurement = await measure(server.baseUrl, scenario, options, server.child.pid);
    return { label, measurement: { ...measurement, target } };
  };

  const start = await runOne(ceilingScenario, 'ceiling (start)');
  const results: { label: string; measurement: Measurement }[] = [start];
  for (const [i, scenario] of selected.entries()) {
    if (scenario.target !== 'app' || !servers.has('before')) {
      results.push(await runOne(scenario, scenario.name));
      continue;
    }
    // Before and after back to back, so that both see the same state of the machine; which goes
    // first alternates (and flips with --after-first), so that a drift does not favour one side.
    const pair = [() => runOne(scenario, `${scenario.name} (before)`, 'before'), () => runOne(scenario, scenario.name)];
    if ((i % 2 === 1) !== options.afterFirst) pair.reverse();
    for (const measureOne of pair) results.push(await measureOne());
  }
  const end = await runOne(ceilingScenario, 'ceiling (end)');
  results.push(end);

  const report = buildReport(
    results,
    { start: start.measurement, end: end.measurement },
    {
      date: new Date().toISOString(),
      command: ['npm run bench', ...process.argv.slice(2)].join(' '),
      node: process.versions.node,
      cpus: availableParallelism(),
      options,
    },
  );
  console.log(formatTable(report));
  await writeReport(resultsPath, report);
  console.log(`\nwritten to ${resultsPath}`);
  if (!report.ok) console.error('FAILED: some scenario saw non-2xx responses or connection errors');
  return report.ok;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the servers`);
    void cleanUp().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

let exitCode = 1;
try {
  const options = readOptions(process.argv.slice(2), process.env);
  if (options === 'help') {
    console.log(USAGE);
    exitCode = 0;
  } else {
    exitCode = (await main(options)) ? 0 : 1;
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
} finally {
  await cleanUp();
}
process.exit(exitCode);
