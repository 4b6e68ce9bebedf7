import { type App, createApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/core/config.ts';
import { createMemoryLogger } from '../../src/core/logger.ts';
import type { AppDeps } from '../../src/deps.ts';
import { HOOKS } from '../../src/features.ts';
import { deriveKeys } from '../../src/identity/keys.ts';
import type { MailTransport } from '../../src/mail/mailer.ts';
import { type NodeDatabase, seedReference } from '../../src/node/database.ts';
import { applyMigrations } from '../../src/node/migrate.ts';
import { loadNodeSolver } from '../../src/node/solver.ts';
import { createSqliteKysely, SqliteConnection } from '../../src/node/sqlite.ts';
import { inlineRunner } from '../../src/publication/jobs.ts';
import { observeContract } from './contract.ts';

let template: Buffer | undefined;

/**
 * A fresh in-memory database with every migration and the reference data, copied from one
 * template built once per test file (loading 27,000 reference rows per test would be slow).
 */
export async function createTestDatabase(options: { reference?: boolean } = {}): Promise<NodeDatabase> {
  if (options.reference === false) return wrap(migrated());
  if (!template) {
    const build = wrap(migrated());
    await seedReference(build);
    template = build.sqlite.raw.serialize();
    await build.close();
  }
  return wrap(new SqliteConnection(template));
}

function migrated(): SqliteConnection {
  const sqlite = new SqliteConnection(':memory:');
  applyMigrations(sqlite);
  return sqlite;
}

function wrap(sqlite: SqliteConnection): NodeDatabase {
  const db = createSqliteKysely(sqlite);
  return {
    sqlite,
    db,
    atomic: sqlite.atomic,
    async close() {
      await db.destroy();
      sqlite.close();
    },
  };
}

export interface TestApp {
  app: App;
  deps: AppDeps;
  database: NodeDatabase;
  log: ReturnType<typeof createMemoryLogger>;
  /** Moves the injected clock. */
  setNow(date: Date): void;
}

export const TEST_ORIGIN = 'http://localhost:8787';

/** The peer address every request through `app.request` comes from (TEST-NET-1, RFC 5737). */
export const TEST_PEER_ADDRESS = '192.0.2.10';

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    APP_ENV: 'test',
    SESSION_SECRET: 'test-secret-that-is-at-least-32-characters-long',
    PUBLIC_URL: TEST_ORIGIN,
    ...overrides,
  });
}

export async function createTestApp(
  options: {
    config?: Record<string, string>;
    now?: Date;
    database?: NodeDatabase;
    mailTransport?: MailTransport;
    /** The socket address every request seems to come from, unless it sends an `x-test-peer` header. */
    peerAddress?: string;
    /**
     * Work "off the request" as Node's worker thread does it (deps.offload), made from the app's
     * deps: a test can hold a raw table's computation open. Publications default to this thread.
     */
    offload?: (
      deps: AppDeps,
    ) => Pick<NonNullable<AppDeps['offload']>, 'aggregateDemand'> & Partial<NonNullable<AppDeps['offload']>>;
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const log = createMemoryLogger();
  let now = options.now ?? new Date('2026-11-28T09:00:00Z');
  let counter = 0;
  const config = testConfig(options.config);
  const deps: AppDeps = {
    db: database.db,
    atomic: database.atomic,
    now: () => now,
    newId: () => `test-${(++counter).toString().padStart(6, '0')}`,
    config,
    keys: await deriveKeys(config.sessionSecret ?? 'unused'),
    log,
    mailTransport: options.mailTransport ?? null,
    runtime: 'node',
    loadSolver: loadNodeSolver,
    hooks: HOOKS,
    dataGeneration: () => database.sqlite.generation(),
    peerAddress: (c) => c.req.header('x-test-peer') ?? options.peerAddress ?? TEST_PEER_ADDRESS,
  };
  if (options.offload) deps.offload = { publish: inlineRunner(deps), ...options.offload(deps) };
  const app = createApp(deps);
  observeContract(app);
  return {
    app,
    deps,
    database,
    log,
    setNow(date) {
      now = date;
    },
  };
}

/** A request through the app's real HTTP surface, with the test origin. */
export function request(app: App, path: string, init: RequestInit = {}): Promise<Response> {
  return Promise.resolve(app.request(new URL(path, TEST_ORIGIN).toString(), init));
}

/** The CSRF cookie and token a page hands out, for form posts. */
export async function csrfPair(app: App): Promise<{ cookie: string; token: string }> {
  const response = await request(app, '/');
  const setCookie = response.headers.get('set-cookie') ?? '';
  const match = /__Host-csrf=([^;]+)/.exec(setCookie);
  if (!match?.[1]) throw new Error('no CSRF cookie on the start page');
  return { cookie: `__Host-csrf=${match[1]}`, token: match[1] };
}
