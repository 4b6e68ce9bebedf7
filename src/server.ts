/**
 * Node entry: settings from the environment, better-sqlite3 file database, migrations and seed
 * data at start, then the app on @hono/node-server (src/node/http-server.ts), scheduled work on a timer, and a graceful
 * shutdown on SIGTERM and SIGINT. Everything else is in createApp.
 */
import { createApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './core/config.ts';
import { createJsonLogger } from './core/logger.ts';
import { CHECKPOINT_INTERVAL_MS, checkpoint, createNodeDeps } from './node/app-deps.ts';
import { openDatabase, prepareDatabase } from './node/database.ts';
import { processEnv } from './node/env.ts';
import { createNodeServer } from './node/http-server.ts';
import { createStdoutLineWriter } from './node/log-writer.ts';
import { createOffload } from './node/offload.ts';
import { warmUpOverHttp } from './node/warm-up.ts';
import { inlineRunner, requestMissingPublications, runPublications, startPublishing } from './publication/jobs.ts';
import { runDemoJobs, runScheduled } from './scheduled.ts';

/** Requests in flight (and a running job) get this long to finish after SIGTERM. */
const SHUTDOWN_GRACE_MS = 10_000;

function readConfig(): Config {
  try {
    return loadConfig(processEnv());
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      console.error('Kompetensbron did not start. Fix the setting(s) above; see README.md, "Configuration".');
      process.exit(1);
    }
    throw err;
  }
}

const config = readConfig();
const log = createJsonLogger(createStdoutLineWriter());
if (config.appEnv !== 'production' && !/^http:\/\/(localhost|127\.0\.0\.1)(:|$)/.test(config.publicUrl)) {
  // A public server left in development mode would show every sign-in link at /dev/mail.
  log.warn('APP_ENV is not production but PUBLIC_URL is not localhost: set APP_ENV=production for a real deployment', {
    appEnv: config.appEnv,
    publicUrl: config.publicUrl,
  });
}

const database = openDatabase(config.databasePath);
const prepared = await prepareDatabase(database, { seedDemo: config.seedDemo, now: new Date() });
log.info('database ready', {
  path: config.databasePath,
  migrationsApplied: prepared.migrations,
  referenceChanges: prepared.reference.changes,
  demoChanges: prepared.demo?.changes ?? null,
});

const { deps, closeMail } = await createNodeDeps(config, database, log);
// As `npm run seed` does: what the product makes of the demo's answers, by its own jobs.
if (prepared.demo) await runDemoJobs(deps, new Date());
// Publications are computed in a worker thread, so that requests are answered meanwhile.
const offload = createOffload(config.databasePath, process.env, log);
if (offload) deps.offload = offload.offload;
// A closed round without a publication (the demo's, or one closed while the server was down) is
// published now, in the worker thread, while the server starts answering.
await requestMissingPublications(deps, new Date());
if (deps.offload) startPublishing(deps);
else await runPublications(deps, new Date(), inlineRunner(deps));
const app = createApp(deps);
// The first visitor after a restart should not wait for cold templates and database pages.
const server = createNodeServer(app.fetch);
await warmUpOverHttp(server, deps.db, log, `http://localhost:${config.port}`);
server.listen(config.port, () => {
  log.info('listening', { url: `http://localhost:${config.port}`, appEnv: config.appEnv });
  console.log(`Kompetensbron is running at http://localhost:${config.port}`);
});

// Scheduled work: every JOBS_INTERVAL_SECONDS (0: off, e.g. when `npm run jobs` runs from a
// systemd timer instead), the first run shortly after start so that what fell due while the
// server was down happens now. Runs never overlap.
let jobRun: Promise<unknown> | null = null;
function runJobs(): void {
  if (jobRun || stopping) return;
  jobRun = runScheduled(deps, new Date())
    .catch((err) => log.error('scheduled run failed', { error: err instanceof Error ? err.message : String(err) }))
    .finally(() => {
      jobRun = null;
    });
}
const jobTimers: NodeJS.Timeout[] = [];
if (config.jobsIntervalSeconds > 0) {
  jobTimers.push(setTimeout(runJobs, 5_000), setInterval(runJobs, config.jobsIntervalSeconds * 1000));
}
const checkpointTimer = setInterval(() => checkpoint(database, 'PASSIVE'), CHECKPOINT_INTERVAL_MS);

let stopping = false;
/**
 * Stop accepting connections, let requests in flight (and a running job) finish, checkpoint the
 * WAL into the database file, close it, exit 0. After SHUTDOWN_GRACE_MS the remaining connections
 * are cut, and the exit code is 1.
 */
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info('shutting down', { signal });
  for (const timer of jobTimers) clearTimeout(timer);
  // A publication being computed stops here; its claim lapses and a later run goes on from its
  // last stored stage.
  await offload?.close();
  clearInterval(checkpointTimer);
  let forced = false;
  const grace = setTimeout(() => {
    forced = true;
    log.warn('shutdown grace period over: closing the remaining connections', { graceMs: SHUTDOWN_GRACE_MS });
    server.closeAllConnections();
  }, SHUTDOWN_GRACE_MS);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await Promise.race([jobRun, new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS))]);
  clearTimeout(grace);
  checkpoint(database, 'TRUNCATE');
  closeMail();
  await database.close();
  log.info('stopped', { signal, forced });
  process.exit(forced ? 1 : 0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
