import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, listMigrations, pendingMigrations } from '../../src/node/migrate.ts';
import { SqliteConnection } from '../../src/node/sqlite.ts';

describe('the Node migration runner', () => {
  it("applies every migration file in wrangler's order and records it in d1_migrations", () => {
    const sqlite = new SqliteConnection(':memory:');
    const files = listMigrations();
    expect(files.length).toBeGreaterThan(0);
    expect(files.map((f) => f.name)).toEqual([...files.map((f) => f.name)].sort());
    expect(applyMigrations(sqlite)).toEqual(files.map((f) => f.name));
    const recorded = sqlite.raw.prepare('SELECT name FROM d1_migrations ORDER BY id').all();
    expect(recorded).toEqual(files.map((f) => ({ name: f.name })));
    sqlite.close();
  });

  it('applies nothing the second time', () => {
    const sqlite = new SqliteConnection(':memory:');
    applyMigrations(sqlite);
    expect(applyMigrations(sqlite)).toEqual([]);
    expect(pendingMigrations(sqlite)).toEqual([]);
    sqlite.close();
  });

  it('applies only the migrations that are new', () => {
    const sqlite = new SqliteConnection(':memory:');
    const files = listMigrations();
    applyMigrations(sqlite, files.slice(0, 1));
    expect(pendingMigrations(sqlite, files)).toEqual(files.slice(1).map((f) => f.name));
    expect(applyMigrations(sqlite, files)).toEqual(files.slice(1).map((f) => f.name));
    sqlite.close();
  });

  it('leaves no trace of a migration that fails half-way', () => {
    const sqlite = new SqliteConnection(':memory:');
    const broken = { name: '9999_broken.sql', sql: 'CREATE TABLE half (id TEXT); CREATE TABLE half (id TEXT);' };
    expect(() => applyMigrations(sqlite, [broken])).toThrow(/already exists/);
    expect(sqlite.raw.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(sqlite.raw.prepare('SELECT count(*) AS n FROM d1_migrations').get()).toEqual({ n: 0 });
    sqlite.close();
  });

  it('opens files with WAL, normal sync, a busy timeout and foreign keys on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-pragmas-'));
    const sqlite = new SqliteConnection(join(dir, 'test.db'));
    expect(sqlite.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.raw.pragma('synchronous', { simple: true })).toBe(1);
    expect(sqlite.raw.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(sqlite.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
