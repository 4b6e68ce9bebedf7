import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, databaseInUse, integrityCheck, restoreDatabase } from '../../src/node/backup.ts';
import { type NodeDatabase, openDatabase, prepareDatabase } from '../../src/node/database.ts';
import { runScheduled } from '../../src/scheduled.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { type SignedInPerson, signIn, signInSecretariat } from '../support/auth.ts';
import { answers, send, submit } from '../support/rounds.ts';
import { freePort, plantOrganisationsAndRound, secretariatCookie, startServer } from '../support/server-process.ts';
import { createOpenRound, createOrganisation, need, orgNumber } from '../support/surveys.ts';

/** Operations (#9): backups and restores, graceful shutdown, /readyz, /metrics, the access log. */
let dir: string;
const NOW = new Date('2026-11-28T09:00:00Z');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kb-ops-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function fileApp(path: string): Promise<{ t: TestApp; database: NodeDatabase }> {
  const database = openDatabase(path);
  await prepareDatabase(database, { seedDemo: false, now: NOW });
  return { t: await createTestApp({ now: NOW, database }), database };
}

describe('a backup restored into a fresh database', () => {
  it('gives the same answers: organisations, responses, the raw export, demand', async () => {
    const livePath = join(dir, 'live.db');
    const { t, database } = await fileApp(livePath);
    await createOpenRound(t, 'round-b');
    for (let i = 0; i < 4; i++) {
      const org = `org-${i}`;
      await createOrganisation(t, org, { orgNumber: orgNumber(100 + i), municipality: i % 2 ? '1080' : '1082' });
      const member = await signIn(t, { memberships: [{ organisationId: org }] });
      await submit(t, member, 'round-b', org, { organisation: answers, needs: [need({ headcount: 2 + i })] });
    }
    t.setNow(new Date('2027-02-01T09:00:00Z'));
    await runScheduled(t.deps, new Date('2027-02-01T09:00:00Z')); // closes the round
    const admin2 = await signInSecretariat(t);
    const answersOf = async (app: TestApp, who: SignedInPerson) => ({
      organisations: await (await send(app, 'GET', '/api/v1/organisations?limit=100', who)).json(),
      response: await (await send(app, 'GET', '/api/v1/rounds/round-b/responses/org-2', who)).json(),
      csv: await (await send(app, 'GET', '/api/v1/rounds/round-b/responses.csv', who)).text(),
      demand: await (await request(app.app, '/api/v1/demand?round=round-b&by=municipality')).json(),
      rounds: await (await send(app, 'GET', '/api/v1/rounds', who)).json(),
    });
    const before = await answersOf(t, admin2);
    expect(before.csv.split('\n').length).toBeGreaterThan(4);
    expect(JSON.stringify(before.demand)).toContain('1082');

    // Online: the live database stays open (a running server) while it is copied.
    const backupPath = join(dir, 'backups', 'kompetensbron-test.db');
    const backup = await backupDatabase(livePath, backupPath);
    expect(backup).toMatchObject({ ok: true, result: 'ok', path: backupPath });
    expect(databaseInUse(livePath)).toBe(true);

    const freshPath = join(dir, 'fresh', 'kompetensbron.db');
    const restored = restoreDatabase(backupPath, freshPath);
    expect(restored).toEqual({ ok: true, result: 'ok', keptAside: null });
    const { t: t2, database: database2 } = await fileApp(freshPath);
    const after = await answersOf(t2, admin2);
    expect(after).toEqual(before);
    await database2.close();
    await database.close();
  });

  it('restore checks the backup first, refuses while the database is open elsewhere, and keeps the old file aside', async () => {
    const path = join(dir, 'target.db');
    const { database } = await fileApp(path);
    const backupPath = join(dir, 'target-backup.db');
    await backupDatabase(path, backupPath);
    expect(() => restoreDatabase(backupPath, path)).toThrow(/open in another process/);
    await database.close();
    expect(databaseInUse(path)).toBe(false);

    const report = restoreDatabase(backupPath, path, { now: NOW });
    expect(report.ok).toBe(true);
    expect(report.keptAside).toBe(`${path}.before-restore-2026-11-28T09-00-00Z`);
    expect(existsSync(report.keptAside ?? '')).toBe(true);
    expect(integrityCheck(path).ok).toBe(true);

    // A damaged backup is refused, and the database is left as it was.
    const { writeFileSync, readFileSync } = await import('node:fs');
    const bytes = readFileSync(backupPath);
    bytes.fill(0x41, 4096 * 3, 4096 * 6);
    const damaged = join(dir, 'damaged.db');
    writeFileSync(damaged, bytes);
    expect(() => restoreDatabase(damaged, path, { force: true })).toThrow(/integrity_check|malformed|not a database/);
    expect(integrityCheck(path).ok).toBe(true);
    await expect(backupDatabase(path, backupPath)).rejects.toThrow(/exists already/);
  });
});

describe('GET /readyz', () => {
  it('is 200 with every migration of the build applied, and 503 with problem details when one is missing', async () => {
    const t = await createTestApp({ now: NOW });
    const ready = await request(t.app, '/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
    await t.deps.db.deleteFrom('d1_migrations').where('name', '=', '0008_operations.sql').execute();
    const notReady = await request(t.app, '/readyz');
    expect(notReady.status).toBe(503);
    expect(notReady.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(((await notReady.json()) as { detail: string }).detail).toContain('0008_operations.sql');
  });
});

describe('GET /metrics', () => {
  it('is 404 without METRICS_TOKEN, 401 with a wrong bearer, and Prometheus text with the right one', async () => {
    const off = await createTestApp({ now: NOW });
    expect((await request(off.app, '/metrics')).status).toBe(404);

    const token = 'metrics-token-0123456789';
    const t = await createTestApp({ now: NOW, config: { METRICS_TOKEN: token } });
    const admin = await signInSecretariat(t);
    await createOpenRound(t, 'round-m');
    expect((await send(t, 'GET', '/api/v1/rounds/round-m', admin)).status).toBe(200);
    expect((await request(t.app, '/no/such/page')).status).toBe(404);
    await runScheduled(t.deps, NOW);

    expect((await request(t.app, '/metrics')).status).toBe(401);
    const wrong = await request(t.app, '/metrics', { headers: { authorization: 'Bearer wrong-token-0123456789' } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('Bearer');

    const ok = await request(t.app, '/metrics', { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await ok.text();
    expect(text).toMatch(
      /kompetensbron_http_requests_total\{method="GET",route="\/api\/v1\/rounds\/:id",status="2xx"\} \d+/,
    );
    expect(text).toMatch(/kompetensbron_http_requests_total\{method="GET",route="unmatched",status="4xx"\} \d+/);
    expect(text).toContain(
      'kompetensbron_http_request_duration_seconds_bucket{method="GET",route="/api/v1/rounds/:id",status="2xx",le="+Inf"}',
    );
    expect(text).toMatch(/kompetensbron_job_runs_total\{job="rounds-close",outcome="ok"\} [1-9]/);
    expect(text).not.toContain('round-m'); // patterns, never ids
  });

  it('the access log names the route pattern', async () => {
    const t = await createTestApp({ now: NOW });
    const admin = await signInSecretariat(t);
    await createOpenRound(t, 'round-l');
    await send(t, 'GET', '/api/v1/rounds/round-l', admin);
    const line = t.log.lines.find((l) => l.message === 'request' && l.path === '/api/v1/rounds/round-l');
    expect(line).toMatchObject({ route: '/api/v1/rounds/:id', status: 200, method: 'GET' });
    expect(typeof line?.requestId).toBe('string');
    expect(typeof line?.durationMs).toBe('number');
  });
});

describe('graceful shutdown of the server process', () => {
  it('on SIGTERM stops accepting, finishes the requests in flight, checkpoints, and exits 0', async () => {
    const path = join(dir, 'shutdown.db');
    const port = await freePort();
    const server = await startServer(path, port);
    const cookie = await secretariatCookie(path, server.baseUrl);
    const organisations = plantOrganisationsAndRound(path, 'shut', 6, 'shut-round');

    // Six saves whose bodies arrive in two halves: SIGTERM comes between the halves. Each asks
    // `Expect: 100-continue`, and Node's server answers 100 when it has read the headers and handed
    // the request to the app: on that answer the request is in flight on the server's side.
    const body = JSON.stringify({ version: 0, organisation: answers, needs: [need()] });
    const inFlight = organisations.map((org) => {
      const req = http.request(`${server.baseUrl}/api/v1/rounds/shut-round/responses/${org}`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          expect: '100-continue',
          cookie,
        },
      });
      const done = new Promise<{ status: number; text: string }>((resolve, reject) => {
        req.on('response', (res) => {
          let text = '';
          res.on('data', (c) => {
            text += String(c);
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', reject);
      });
      // Awaited below; a failure before then is reported there, not as an unhandled rejection.
      done.catch(() => undefined);
      const accepted = new Promise<void>((resolve, reject) => {
        req.once('continue', () => {
          req.write(body.slice(0, 40));
          resolve();
        });
        req.once('error', reject);
      });
      req.flushHeaders();
      return { req, done, accepted };
    });
    await Promise.all(inFlight.map((r) => r.accepted));
    server.child.kill('SIGTERM');
    // The line is written out (on setImmediate, src/node/log-writer.ts) after shutdown() has closed
    // the listening socket, and before it awaits the connections.
    await server.untilOutput('"message":"shutting down"');
    expect(server.child.exitCode).toBeNull(); // still finishing: the six bodies are not complete
    await expect(fetch(`${server.baseUrl}/healthz`)).rejects.toThrow(); // no longer accepting
    for (const { req } of inFlight) req.end(body.slice(40));
    const results = await Promise.all(inFlight.map((r) => r.done));
    expect(results.map((r) => r.status)).toEqual(organisations.map(() => 200));
    const exit = await server.exited;
    expect(exit.code).toBe(0);
    expect(server.output()).toContain('"message":"stopped"');

    // Checkpointed and closed: no WAL left behind, and the saves are in the file.
    expect(!existsSync(`${path}-wal`) || statSync(`${path}-wal`).size === 0).toBe(true);
    const db = new BetterSqlite3(path, { readonly: true });
    const saved = db.prepare("select count(*) as n from responses where round_id = 'shut-round'").get() as {
      n: number;
    };
    db.close();
    expect(saved.n).toBe(organisations.length);
  }, 60_000);
});
