import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, listMigrations } from '../../src/node/migrate.ts';
import { SqliteConnection } from '../../src/node/sqlite.ts';

/**
 * One migrations folder serves both runtimes (docs/decisions/0003-shared-migrations.md): wrangler's
 * local D1 and the Node runner must end with the same schema, and `npm run seed:d1` must load the
 * reference data into that D1 idempotently. Each block works in its own `--persist-to` directory.
 */
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const WRANGLER = join(REPO, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const SEED_D1 = join(REPO, 'scripts', 'seed-d1.ts');
// wrangler needs a few seconds per command here; the seed writes 1.5 MB of SQL.
const SLOW = 120_000;

const run = promisify(execFile);

async function node(args: string[]): Promise<void> {
  await run(process.execPath, args, {
    cwd: REPO,
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', CI: 'true' },
    maxBuffer: 64 * 1024 * 1024,
    timeout: SLOW,
  });
}

function applyWithWrangler(persistTo: string): Promise<void> {
  return node([WRANGLER, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo]);
}

/** `npm run seed:d1 -- --local --persist-to DIR`, without npm in between. */
function seedWithWrangler(persistTo: string): Promise<void> {
  return node(['--import', 'tsx', SEED_D1, '--local', '--persist-to', persistTo]);
}

/** The SQLite file behind the `DB` binding that miniflare keeps under `--persist-to`. */
function openLocalD1(persistTo: string): BetterSqlite3.Database {
  const dir = join(persistTo, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const files = readdirSync(dir).filter((name) => /^[0-9a-f]{64}\.sqlite$/.test(name));
  expect(files).toHaveLength(1);
  return new BetterSqlite3(join(dir, files[0]!), { readonly: true, fileMustExist: true });
}

interface SchemaEntry {
  type: string;
  name: string;
  table: string;
  sql: string;
}

/**
 * SQL text without comments and with whitespace settled: wrangler strips the comments from migration
 * files before running them and lays out its own d1_migrations DDL differently from the Node runner.
 */
function normaliseSql(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),])\s*/g, '$1')
    .trim();
}

/** Tables and indexes, leaving out SQLite's own (sqlite_*) and workerd's (_cf_*) objects. */
function schemaOf(db: BetterSqlite3.Database): SchemaEntry[] {
  const rows = db
    .prepare(
      `SELECT type, name, tbl_name AS "table", sql FROM sqlite_master
       WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'
       ORDER BY type, name`,
    )
    .all() as { type: string; name: string; table: string; sql: string | null }[];
  return rows.map((row) => ({ ...row, sql: normaliseSql(row.sql ?? '') }));
}

function migrationNames(db: BetterSqlite3.Database): string[] {
  return (db.prepare('SELECT name FROM d1_migrations ORDER BY id').all() as { name: string }[]).map((r) => r.name);
}

function count(db: BetterSqlite3.Database, sql: string): number {
  return (db.prepare(sql).get() as { n: number }).n;
}

/** A hash over every row of every table we own, in a fixed order. */
function contentHash(db: BetterSqlite3.Database): string {
  const hash = createHash('sha256');
  for (const { name } of schemaOf(db).filter((entry) => entry.type === 'table')) {
    const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[]).map(
      (column) => `"${column.name}"`,
    );
    const rows = db
      .prepare(`SELECT ${columns.join(', ')} FROM "${name}" ORDER BY ${columns.join(', ')}`)
      .raw()
      .all();
    hash.update(`${name}\n${JSON.stringify(rows)}\n`);
  }
  return hash.digest('hex');
}

describe('wrangler d1 migrations apply and the Node runner', () => {
  let scratch: string;
  let d1Schema: SchemaEntry[];
  let d1Migrations: string[];
  let nodeSchema: SchemaEntry[];
  let nodeMigrations: string[];

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'kompetensbron-d1-schema-'));
    await applyWithWrangler(join(scratch, 'd1'));
    const d1 = openLocalD1(join(scratch, 'd1'));
    d1Schema = schemaOf(d1);
    d1Migrations = migrationNames(d1);
    d1.close();

    const sqlite = new SqliteConnection(join(scratch, 'node.db'));
    applyMigrations(sqlite);
    nodeSchema = schemaOf(sqlite.raw);
    nodeMigrations = migrationNames(sqlite.raw);
    sqlite.close();
  }, SLOW);

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('end with the same tables and indexes', () => {
    expect(d1Schema.map((entry) => entry.name)).toContain('organisations');
    expect(nodeSchema).toEqual(d1Schema);
  });

  it('record the same migration names, every file in ./migrations, in the same order', () => {
    const files = listMigrations().map((file) => file.name);
    expect(d1Migrations).toEqual(files);
    expect(nodeMigrations).toEqual(files);
  });
});

describe('npm run seed:d1 on a local D1', () => {
  let scratch: string;
  let persistTo: string;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'kompetensbron-d1-seed-'));
    persistTo = join(scratch, 'd1');
    await applyWithWrangler(persistTo);
    await seedWithWrangler(persistTo);
  }, SLOW);

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('loads the national classifications and the municipalities', () => {
    const d1 = openLocalD1(persistTo);
    try {
      expect(count(d1, 'SELECT count(*) AS n FROM ssyk WHERE level = 4')).toBe(429);
      expect(count(d1, 'SELECT count(*) AS n FROM municipalities')).toBe(290);
      expect(count(d1, 'SELECT count(*) AS n FROM skills')).toBe(6640);
      expect(count(d1, 'SELECT count(*) AS n FROM occupation_skills')).toBe(17517);
      expect(count(d1, 'SELECT count(*) AS n FROM sun_levels')).toBe(71);
      expect(count(d1, 'SELECT count(*) AS n FROM sun_fields')).toBe(531);
    } finally {
      d1.close();
    }
  });

  it('loads the demo with its closed round and an open round that accepts answers, dated from the seeding day', () => {
    const d1 = openLocalD1(persistTo);
    try {
      const rounds = d1.prepare('SELECT id, status, closes_at FROM rounds ORDER BY id').all() as {
        id: string;
        status: string;
        closes_at: string;
      }[];
      expect(rounds.map((r) => [r.id, r.status])).toEqual([
        // The version 3 round of the demo's shared post (src/seed/demo-flexible.ts).
        ['demo-flex-round', 'open'],
        ['demo-round-closed', 'closed'],
        ['demo-round-open', 'open'],
      ]);
      const now = new Date().toISOString();
      const closes = (id: string) => rounds.find((r) => r.id === id)?.closes_at ?? '';
      expect(closes('demo-round-closed').localeCompare(now)).toBe(-1);
      expect(closes('demo-round-open').localeCompare(now)).toBe(1);
      expect(closes('demo-flex-round').localeCompare(now)).toBe(1);
      expect(count(d1, "SELECT count(*) AS n FROM submitted_responses WHERE round_id = 'demo-round-closed'")).toBe(10);
      expect(count(d1, "SELECT count(*) AS n FROM round_targets WHERE round_id = 'demo-round-open'")).toBe(12);
    } finally {
      d1.close();
    }
  });

  it('changes nothing when it runs a second time', { timeout: SLOW }, async () => {
    const before = openLocalD1(persistTo);
    const hashBefore = contentHash(before);
    const rowsBefore = count(before, 'SELECT count(*) AS n FROM occupation_skills');
    before.close();

    await seedWithWrangler(persistTo);

    const after = openLocalD1(persistTo);
    try {
      expect(rowsBefore).toBeGreaterThan(0);
      expect(contentHash(after)).toBe(hashBefore);
    } finally {
      after.close();
    }
  });
});
