import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqliteConnection } from './sqlite.ts';

/**
 * Applies migrations/NNNN_name.sql with wrangler's own bookkeeping table, so that one
 * migrations folder serves D1 (`wrangler d1 migrations apply`) and Node alike and a database
 * can move between them. See docs/decisions/0003-shared-migrations.md.
 */
export const MIGRATIONS_DIR = new URL('../../migrations/', import.meta.url);

export interface MigrationFile {
  name: string;
  sql: string;
}

export function listMigrations(dir: URL | string = MIGRATIONS_DIR): MigrationFile[] {
  const path = typeof dir === 'string' ? dir : dir.pathname;
  return readdirSync(path)
    .filter((name) => /^\d+_.*\.sql$/.test(name))
    .sort((a, b) => migrationNumber(a) - migrationNumber(b) || a.localeCompare(b))
    .map((name) => ({ name, sql: readFileSync(join(path, name), 'utf8') }));
}

/** wrangler orders by the number before the first underscore. */
function migrationNumber(name: string): number {
  return Number.parseInt(name.split('_')[0] ?? '', 10);
}

export function applyMigrations(sqlite: SqliteConnection, files = listMigrations()): string[] {
  const db = sqlite.raw;
  db.exec(
    'CREATE TABLE IF NOT EXISTS d1_migrations(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)',
  );
  const applied = new Set(
    (db.prepare('SELECT name FROM d1_migrations').all() as { name: string }[]).map((row) => row.name),
  );
  const record = db.prepare('INSERT INTO d1_migrations (name) VALUES (?)');
  const newlyApplied: string[] = [];
  for (const file of files) {
    if (applied.has(file.name)) continue;
    db.transaction(() => {
      db.exec(file.sql);
      record.run(file.name);
    })();
    newlyApplied.push(file.name);
  }
  return newlyApplied;
}

export function pendingMigrations(sqlite: SqliteConnection, files = listMigrations()): string[] {
  const exists = sqlite.raw
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'd1_migrations'")
    .get();
  if (!exists) return files.map((f) => f.name);
  const applied = new Set(
    (sqlite.raw.prepare('SELECT name FROM d1_migrations').all() as { name: string }[]).map((r) => r.name),
  );
  return files.filter((f) => !applied.has(f.name)).map((f) => f.name);
}
