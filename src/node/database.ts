import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import type { Atomic } from '../db/atomic.ts';
import type { Database } from '../db/schema.ts';
import { demoSeedQueries } from '../seed/demo.ts';
import { type ReferenceData, referenceSeedQueries } from '../seed/reference.ts';
import { applyMigrations } from './migrate.ts';
import { readReferenceData } from './reference-files.ts';
import { createSqliteKysely, SqliteConnection } from './sqlite.ts';

export interface NodeDatabase {
  sqlite: SqliteConnection;
  db: Kysely<Database>;
  atomic: Atomic;
  close(): Promise<void>;
}

/** Opens (creating its folder if needed) the SQLite file, or `:memory:`. */
export function openDatabase(path: string): NodeDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteConnection(path);
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

export interface SeedReport {
  statements: number;
  changes: number;
}

/** Loads the reference data; running it again changes nothing. */
export async function seedReference(
  database: NodeDatabase,
  data: ReferenceData = readReferenceData(),
): Promise<SeedReport> {
  return runCounted(database, referenceSeedQueries(database.db, data));
}

/** Loads the fictional demo organisations, people and placements; existing rows are kept as they are. */
export async function seedDemo(
  database: NodeDatabase,
  now: Date,
  data: ReferenceData = readReferenceData(),
): Promise<SeedReport> {
  return runCounted(database, demoSeedQueries(database.db, now, data));
}

async function runCounted(database: NodeDatabase, queries: Parameters<Atomic>[0]): Promise<SeedReport> {
  const results = await database.atomic(queries);
  const changes = results.reduce((sum, r) => sum + Number(r.numAffectedRows ?? 0n), 0);
  return { statements: queries.length, changes };
}

/** Migrations, reference data and (optionally) demo data: what `npm start` does before serving. */
export async function prepareDatabase(
  database: NodeDatabase,
  options: { seedDemo: boolean; now: Date },
): Promise<{ migrations: string[]; reference: SeedReport; demo: SeedReport | null }> {
  const migrations = applyMigrations(database.sqlite);
  const data = readReferenceData();
  const reference = await seedReference(database, data);
  const demo = options.seedDemo ? await seedDemo(database, options.now, data) : null;
  return { migrations, reference, demo };
}
