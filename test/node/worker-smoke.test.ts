import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sv } from '../../src/messages.ts';
import { completeOrgNumber } from '../../src/organisations/org-number.ts';

/**
 * The Worker exactly as it deploys: `wrangler dev` bundles src/worker.ts with wrangler.toml (no
 * nodejs_compat) and runs it in workerd, on a local D1 with the migrations and the reference seed.
 * The Workers test project runs with Node compatibility, so a dependency that needs a Node global
 * (csv-parse's Node build uses `Buffer`) passes there and fails here, as it would once deployed.
 * Wrangler runs as a child process in its own process group, killed as a group however the file ends.
 */
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const WRANGLER = join(REPO, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const SEED_D1 = join(REPO, 'scripts', 'seed-d1.ts');
// wrangler needs a few seconds per command here, more when the other test projects run beside it.
const SLOW = 180_000;
const WRANGLER_ENV = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
  CI: 'true',
};

const run = promisify(execFile);

function node(args: string[]) {
  return run(process.execPath, args, { cwd: REPO, env: WRANGLER_ENV, maxBuffer: 64 * 1024 * 1024, timeout: SLOW });
}

/** A port that was free a moment ago (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is gone already
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let scratch: string | undefined;
let worker: ChildProcess | undefined;
let output = '';
let origin = '';
let ports: number[] = [];
const token = `kb_smoke_${randomBytes(24).toString('hex')}`;

// Last resort if the test process ends without afterAll: no workerd outlives it.
const killOnExit = () => {
  if (worker?.pid) signalGroup(worker.pid, 'SIGKILL');
};
process.on('exit', killOnExit);

/** SIGTERM to the whole group (wrangler, workerd, esbuild), SIGKILL after five seconds. */
async function stopWorker(): Promise<void> {
  const child = worker;
  if (!child?.pid) return;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    signalGroup(child.pid, 'SIGTERM');
    await Promise.race([exited, sleep(5000)]);
  }
  signalGroup(child.pid, 'SIGKILL');
  for (let i = 0; i < 50 && groupAlive(child.pid); i++) await sleep(100);
}

async function startWorker(persistTo: string): Promise<void> {
  const [port, inspectorPort] = [await freePort(), await freePort()];
  ports = [port, inspectorPort];
  origin = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [
      WRANGLER,
      'dev',
      '--local',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(inspectorPort),
      '--persist-to',
      persistTo,
      '--show-interactive-dev-session=false',
      '--var',
      'APP_ENV:test',
      '--var',
      'SEED_DEMO:false',
      '--var',
      `SESSION_SECRET:${randomBytes(48).toString('base64url')}`,
    ],
    { cwd: REPO, env: WRANGLER_ENV, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  worker = child;
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      output = (output + chunk).slice(-8000);
    });
  }
  const deadline = Date.now() + SLOW;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
    if (response) {
      const body = await response.text();
      if (response.status === 200) return;
      // workerd answers but the Worker does not: a script that throws at start-up stays broken.
      if (response.status >= 500 && /Error/.test(output)) {
        throw new Error(`the Worker does not start: /healthz answered ${response.status}: ${body}\n${output}`);
      }
    }
    await sleep(250);
  }
  const why =
    child.exitCode !== null || child.signalCode !== null ? 'exited' : `gave no 200 from /healthz in ${SLOW} ms`;
  throw new Error(`wrangler dev ${why}\n--- wrangler output ---\n${output}`);
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'kompetensbron-worker-smoke-'));
  const persistTo = join(scratch, 'state');
  await node([WRANGLER, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo]);
  await node(['--import', 'tsx', SEED_D1, '--local', '--persist-to', persistTo, '--no-demo']);
  // The API token as the secretariat would issue it: only its SHA-256 is stored (src/identity/keys.ts).
  const hash = createHash('sha256').update(token).digest('hex');
  await node([
    WRANGLER,
    'd1',
    'execute',
    'DB',
    '--local',
    '--persist-to',
    persistTo,
    '--command',
    `INSERT INTO api_tokens (id, name, token_hash, scopes, created_at) VALUES ('smoke-token', 'Smoke test', '${hash}', '["organisations:read","organisations:write"]', '2026-11-01T00:00:00.000Z')`,
  ]);
  await startWorker(persistTo);
}, 4 * SLOW);

afterAll(async () => {
  try {
    await stopWorker();
    const pid = worker?.pid;
    const stillAlive = pid !== undefined && groupAlive(pid);
    const listening = [];
    for (const port of ports) if (await accepts(port)) listening.push(port);
    if (stillAlive || listening.length > 0) {
      throw new Error(
        `wrangler dev outlived the test (group alive: ${stillAlive}, listening: ${listening.join(', ')})`,
      );
    }
  } finally {
    process.off('exit', killOnExit);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}, 30_000);

describe('the Worker under wrangler dev, as configured in wrangler.toml', { timeout: 60_000 }, () => {
  it('answers /healthz with 200 once the local D1 answers', async () => {
    const response = await fetch(`${origin}/healthz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('renders the start page in Swedish', async () => {
    const response = await fetch(`${origin}/`, { headers: { 'accept-language': 'sv' } });
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain(sv['home.title']);
  });

  it('serves the OpenAPI document with the organisation import', async () => {
    const response = await fetch(`${origin}/api/v1/openapi.json`);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };

    expect(response.status).toBe(200);
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.paths).toHaveProperty(['/api/v1/organisations/import']);
  });

  it('finds SSYK 2512 in the seeded reference data when asked for "mjukvaru"', async () => {
    const response = await fetch(`${origin}/api/v1/taxonomy/occupations?q=mjukvaru`);
    const body = (await response.json()) as { items: { ssyk: string | null }[] };

    expect(response.status).toBe(200);
    expect(body.items.map((item) => item.ssyk)).toContain('2512');
  });

  it('imports organisations from CSV with an API token (csv-parse runs without Node globals)', async () => {
    const names = ['Röksmoke Verkstad AB', 'Röksmoke Data AB'];
    const csv = [
      'name;orgNumber;sector;sniDivision;sizeClass;municipalityCode;isEducationProvider',
      `${names[0]};${completeOrgNumber('559877001')};naringsliv;25;10-49;1080;nej`,
      `${names[1]};${completeOrgNumber('559877002')};naringsliv;62;1-9;1082;ja`,
    ].join('\r\n');
    const response = await fetch(`${origin}/api/v1/organisations/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8' },
      body: csv,
    });

    expect(response.status, await response.clone().text()).toBe(201);
    expect(await response.json()).toEqual({ imported: 2 });
    const listed = await fetch(`${origin}/api/v1/organisations?q=R%C3%B6ksmoke`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await listed.json()) as { items: { name: string; isEducationProvider: boolean }[] };
    expect(body.items.map((item) => [item.name, item.isEducationProvider]).sort()).toEqual([
      [names[1], true],
      [names[0], false],
    ]);
  });
});
