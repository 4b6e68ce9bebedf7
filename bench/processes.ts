/**
 * Servers under load run as child processes, each the leader of its own process group: `node --import
 * tsx` starts an esbuild service beside it, and killing only the leader can leave that running
 * (shared/TOOLCHAIN.md). Every group started here is killed when the harness ends, however it ends.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

export interface Server {
  name: string;
  baseUrl: string;
  child: ChildProcess;
}

interface StartOptions {
  name: string;
  /** Script path relative to `cwd`, run with `node --import tsx`. */
  script: string;
  cwd: string;
  env: Record<string, string>;
  /** Answers 200 once the server is ready. */
  readyPath: string;
  /** A file descriptor for the server's stdout (its access log); discarded without one. */
  stdout?: number;
  readyTimeoutMs?: number;
}

/** The app's settings under the harness, over the database file at `databasePath`. */
export function appEnv(databasePath: string) {
  return {
    DATABASE_PATH: databasePath,
    // APP_ENV=production would also want PUBLIC_URL and the rest; test mode with a random secret
    // runs the same code path for these read-only routes.
    APP_ENV: 'test',
    SEED_DEMO: 'true',
    SESSION_SECRET: randomBytes(48).toString('base64url'),
    // No scheduled work under load: it would take the core the measured requests need. Prepare
    // a BENCH_DATABASE with `npm run jobs` first to have its standard tables computed.
    JOBS_INTERVAL_SECONDS: '0',
  };
}

const running = new Set<ChildProcess>();

function isAlive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the whole group is gone already
  }
}

// Last resort, synchronous: whatever exit path the harness takes, no server outlives it.
process.on('exit', () => {
  for (const child of running) signalGroup(child, 'SIGKILL');
});

/** A random port above 20000 and below Linux's ephemeral range, free at the moment it is checked. */
async function pickPort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port found in 20 attempts');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

async function startOnce(options: StartOptions, port: number): Promise<Server | { failed: string }> {
  // stdout is discarded: the app logs one JSON line per request, and reading it would cost the
  // load generator's CPU. stderr is kept (its tail) to explain a failed start.
  const child = spawn(process.execPath, ['--import', 'tsx', options.script], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, PORT: String(port) },
    stdio: ['ignore', options.stdout ?? 'ignore', 'pipe'],
    detached: true,
  });
  running.add(child);
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.on('error', (err) => {
    stderr += `\n${err.message}`;
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (!isAlive(child)) break;
    // The check after `answers` makes sure it was our child that answered, not another server
    // that took the port first.
    if ((await answers(baseUrl + options.readyPath)) && isAlive(child)) {
      return { name: options.name, baseUrl, child };
    }
    await sleep(100);
  }
  const reason = isAlive(child) ? `not ready within ${options.readyTimeoutMs ?? 60_000} ms` : 'exited';
  await stopServer(child);
  return { failed: `${options.name} ${reason} on port ${port}\n${stderr.trim()}` };
}

/** Starts a server on a free port and waits until `readyPath` answers; retries if the port was taken. */
export async function startServer(options: StartOptions): Promise<Server> {
  let lastFailure = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const outcome = await startOnce(options, await pickPort());
    if (!('failed' in outcome)) return outcome;
    lastFailure = outcome.failed;
    if (!lastFailure.includes('EADDRINUSE')) break;
  }
  throw new Error(`could not start ${options.name}: ${lastFailure}`);
}

/** SIGTERM to the group (the app checkpoints its database), SIGKILL after five seconds. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (isAlive(child)) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    signalGroup(child, 'SIGTERM');
    await Promise.race([exited, sleep(5000)]);
  }
  // Whatever else is in the group (esbuild) goes too.
  signalGroup(child, 'SIGKILL');
  running.delete(child);
}

export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((child) => stopServer(child)));
}
