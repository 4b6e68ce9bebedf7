import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers } from '../support/rounds.ts';
import {
  freePort,
  plantOrganisationsAndRound,
  type ServerProcess,
  secretariatCookie,
  startServer,
} from '../support/server-process.ts';
import { need } from '../support/surveys.ts';

/**
 * Durability on Node (#9, docs/decisions/0014-operations-and-durability.md): the real server
 * process gets a burst of survey submissions (PUT the response, POST submit with a submissionId),
 * is killed with SIGKILL in the middle, and is started again: every submission that was
 * acknowledged with a 2xx is there, and PRAGMA integrity_check says ok. Five times. CRASH_ORGS
 * sets the burst size (CI: the default, small). About 35 s on an idle two-core machine, most of it
 * the six server starts (tsx and the reference data upsert).
 */
const RUNS = 5;
const ORGS = Number(process.env.CRASH_ORGS ?? 24);
const CONCURRENCY = 8;
const ROUND = 'crash-round';

let dir: string;
let databasePath: string;
let port: number;
let server: ServerProcess | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kb-crash-'));
  databasePath = join(dir, 'kompetensbron.db');
  port = await freePort();
}, 60_000);

afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

function integrity(path: string): string {
  const db = new BetterSqlite3(path, { timeout: 5000 });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

function submittedOrganisations(path: string): Set<string> {
  const db = new BetterSqlite3(path, { readonly: true, timeout: 5000 });
  try {
    const rows = db
      .prepare("select organisation_id from responses where round_id = ? and status = 'submitted'")
      .all(ROUND) as { organisation_id: string }[];
    return new Set(rows.map((r) => r.organisation_id));
  } finally {
    db.close();
  }
}

async function saveAndSubmit(baseUrl: string, cookie: string, organisationId: string): Promise<boolean> {
  const path = `${baseUrl}/api/v1/rounds/${ROUND}/responses/${organisationId}`;
  const headers = { 'content-type': 'application/json', cookie };
  const current = await fetch(path, { headers });
  if (!current.ok) return false;
  const { version } = (await current.json()) as { version: number };
  const saved = await fetch(path, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ version, organisation: answers, needs: [need(), need({ headcount: 7 })] }),
  });
  if (!saved.ok) return false;
  const submitted = await fetch(`${path}/submit`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ submissionId: `crash-${organisationId}` }),
  });
  return submitted.status >= 200 && submitted.status < 300;
}

describe('kill -9 in the middle of a burst of submissions', () => {
  it(`loses no acknowledged submission over ${RUNS} runs, and integrity_check says ok`, async () => {
    server = await startServer(databasePath, port);
    const acknowledged = new Set<string>();
    for (let run = 0; run < RUNS; run++) {
      const cookie = await secretariatCookie(databasePath, server.baseUrl);
      const organisations = plantOrganisationsAndRound(databasePath, `crash${run}`, ORGS, ROUND);
      const current = server;
      const queue = [...organisations];
      let done = 0;
      let killed = false;
      const kill = () => {
        if (killed) return;
        killed = true;
        current.child.kill('SIGKILL');
      };
      const worker = async () => {
        for (let org = queue.shift(); org !== undefined; org = queue.shift()) {
          try {
            if (await saveAndSubmit(current.baseUrl, cookie, org)) acknowledged.add(org);
          } catch {
            // the connection died with the process
          }
          done++;
          // In the middle of the burst, with requests of other workers in flight.
          if (done >= ORGS / 2) kill();
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      kill();
      const exit = await current.exited;
      expect(exit.signal).toBe('SIGKILL');

      expect(integrity(databasePath)).toBe('ok');
      server = await startServer(databasePath, port);
      const present = submittedOrganisations(databasePath);
      const lost = [...acknowledged].filter((org) => !present.has(org));
      expect(lost, `run ${run + 1}: acknowledged but missing`).toEqual([]);
      const ofRun = (org: string) => org.startsWith(`crash${run}-`);
      console.log(
        `crash run ${run + 1}: ${[...acknowledged].filter(ofRun).length} of ${ORGS} acknowledged before kill -9, ${[...present].filter(ofRun).length} present after restart, 0 lost`,
      );
      // The burst did something before the kill, and the kill cut it short.
      expect([...acknowledged].some((org) => org.startsWith(`crash${run}-`))).toBe(true);
    }
    expect(acknowledged.size).toBeGreaterThan(RUNS);

    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    expect(integrity(databasePath)).toBe('ok');
  }, 180_000);
});
