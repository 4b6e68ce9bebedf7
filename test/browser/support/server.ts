import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface RunningServer {
  /** e.g. http://localhost:41234, without a trailing slash. */
  url: string;
  /** What the server printed so far, for failure messages. */
  output(): string;
  /** The server's environment (its database, secret and address): for running a scheduled job beside it. */
  env: Record<string, string | undefined>;
  stop(): Promise<void>;
}

/** Asks the kernel for a free port. Another process could take it before the server binds; rare enough here. */
async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolvePort(port) : reject(new Error('no free port'))));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once('exit', () => done()));
}

/** Signals the whole process group: the server was started detached, so it leads its own group. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

async function published(url: string): Promise<boolean> {
  const response = await fetch(`${url}/api/v1/demand?round=demo-round-closed&table=horizon`);
  await response.arrayBuffer();
  return response.ok;
}

/**
 * Starts the real Node entry (`node --import tsx src/server.ts`, not the tsx binary: killing tsx can
 * orphan the node process it spawns) on a free port over a fresh database with the demo seed, and
 * resolves once /healthz answers and the demo's closed round is published.
 */
export async function startServer(): Promise<RunningServer> {
  if (!existsSync(join(ROOT, 'src/web/generated/templates.js'))) {
    throw new Error('src/web/generated/ is missing: run `npm run build` (or `npm test`) before the browser tests.');
  }
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'kompetensbron-browser-'));
  const env = {
    ...process.env,
    PORT: String(port),
    DATABASE_PATH: join(dataDir, 'kompetensbron.db'),
    APP_ENV: 'test',
    SEED_DEMO: 'true',
    SESSION_SECRET: 'browser-test-session-secret-of-at-least-32-characters',
    PUBLIC_URL: url,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });

  const stop = async () => {
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
    await exited(child);
    clearTimeout(timer);
    // The server may have left helpers behind in its group; the group id is the server's pid.
    killGroup(child, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  };

  // Publishing the demo takes a worker thread some 40 s on a loaded two-core machine.
  const deadline = Date.now() + 110_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await rm(dataDir, { recursive: true, force: true });
      throw new Error(`The server exited before it answered /healthz (code ${child.exitCode}):\n${log}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      // Pages show the demo's closed round from its publication, which the server computes at
      // start (a worker thread): until then they say the figures are being published.
      if (response.ok && (await published(url))) return { url, output: () => log, env, stop };
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  await stop();
  throw new Error(`The server did not answer /healthz with the demo published within 110 s:\n${log}`);
}
