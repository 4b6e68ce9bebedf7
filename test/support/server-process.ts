import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import BetterSqlite3 from 'better-sqlite3';
import { deriveKeys } from '../../src/identity/keys.ts';
import { SESSION_COOKIE } from '../../src/identity/session-cookie.ts';
import { AUDIENCE, signToken } from '../../src/identity/tokens.ts';

/** The real Node server as a child process (node --import tsx src/server.ts), for crash and shutdown tests. */
export const SERVER_SECRET = 'server-process-test-secret-of-enough-length';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  /** Resolves when the server's output holds `text` (a log line); rejects if it exits first. */
  untilOutput: (text: string) => Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startServer(
  databasePath: string,
  port: number,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: new URL('../../', import.meta.url).pathname,
    env: {
      ...process.env,
      DATABASE_PATH: databasePath,
      PORT: String(port),
      APP_ENV: 'test',
      SEED_DEMO: 'false',
      SESSION_SECRET: SERVER_SECRET,
      JOBS_INTERVAL_SECONDS: '0',
      PUBLIC_URL: `http://localhost:${port}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiting = new Set<() => void>();
  const append = (chunk: unknown) => {
    out += String(chunk);
    for (const check of waiting) check();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const untilOutput = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!out.includes(text)) return;
        waiting.delete(check);
        resolve();
      };
      waiting.add(check);
      check();
      void exited.then(() => {
        if (!waiting.has(check)) return;
        waiting.delete(check);
        reject(new Error(`server exited before writing ${text}:\n${out}`));
      });
    });
  const baseUrl = `http://127.0.0.1:${port}`;
  // Ready when it says so: the line is written after the socket listens (src/server.ts).
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    untilOutput('"message":"listening"'),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    }),
  ]).finally(() => clearTimeout(timer));
  return { child, baseUrl, output: () => out, untilOutput, exited };
}

/** A secretariat user with a live session written into the database file; returns its cookie. */
export async function secretariatCookie(databasePath: string, baseUrl: string): Promise<string> {
  const db = new BetterSqlite3(databasePath, { timeout: 5000 });
  const at = new Date().toISOString();
  const expires = new Date(Date.now() + 3_600_000).toISOString();
  db.prepare(
    "insert or ignore into users (id, email, name, is_demo, created_at) values ('ops-admin', 'ops-admin@example.se', 'Ops', 0, ?)",
  ).run(at);
  db.prepare("insert or ignore into user_roles (user_id, role, granted_at) values ('ops-admin', 'secretariat', ?)").run(
    at,
  );
  db.prepare(
    "insert or replace into sessions (id, user_id, created_at, last_seen_at, expires_at) values ('ops-session', 'ops-admin', ?, ?, ?)",
  ).run(at, at, expires);
  db.close();
  const keys = await deriveKeys(SERVER_SECRET);
  const token = await signToken(keys.session, {
    sub: 'ops-admin',
    jti: 'ops-session',
    issuedAt: new Date(),
    expiresAt: new Date(Date.now() + 3_600_000),
    audience: AUDIENCE.session,
    issuer: baseUrl.replace('127.0.0.1', 'localhost'),
  });
  return `${SESSION_COOKIE}=${token}`;
}

/** Organisations and an open round written straight into the file. */
export function plantOrganisationsAndRound(
  databasePath: string,
  prefix: string,
  count: number,
  roundId: string,
): string[] {
  const db = new BetterSqlite3(databasePath, { timeout: 5000 });
  const at = new Date().toISOString();
  const ids: string[] = [];
  db.transaction(() => {
    db.prepare(
      `insert or ignore into rounds (id, name, period, opens_at, closes_at, status, questionnaire_version, target, created_at, opened_at)
       values (?, 'Krasch', '2026', ?, '2099-01-01T00:00:00.000Z', 'open', 1, '{"sectors":[],"sizeClasses":[],"municipalities":[],"sniSections":[]}', ?, ?)`,
    ).run(roundId, at, at, at);
    const org = db.prepare(
      `insert into organisations (id, name, org_number, sector, sni_division, size_class, municipality_code, is_education_provider, is_demo, created_at, updated_at)
       values (?, ?, ?, 'naringsliv', '62', '10-49', '1080', 0, 0, ?, ?)`,
    );
    const target = db.prepare(
      "insert into round_targets (round_id, organisation_id, sector, size_class, municipality_code, sni_section) values (?, ?, 'naringsliv', '10-49', '1080', 'J')",
    );
    for (let i = 0; i < count; i++) {
      const id = `${prefix}-${i}`;
      org.run(id, `Organisation ${id}`, `${prefix}-${i}`, at, at);
      target.run(roundId, id);
      ids.push(id);
    }
  })();
  db.close();
  return ids;
}
