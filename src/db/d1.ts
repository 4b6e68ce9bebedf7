import type { D1Database } from '@cloudflare/workers-types';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { type Atomic, toSqliteParameter } from './atomic.ts';
import type { Database } from './schema.ts';

/**
 * A Kysely dialect over the D1 binding. Small enough to own (kysely-d1 logs an "outdated driver"
 * warning with kysely 0.28). D1 has no interactive transactions, so the driver refuses them:
 * atomic writes go through `createD1Atomic`.
 */
class D1Connection implements DatabaseConnection {
  constructor(private readonly d1: D1Database) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.d1
      .prepare(compiled.sql)
      .bind(...compiled.parameters.map(toSqliteParameter))
      .all<R>();
    const changes = result.meta.changes;
    return {
      rows: result.results ?? [],
      numAffectedRows: BigInt(changes),
      insertId: result.meta.last_row_id ? BigInt(result.meta.last_row_id) : undefined,
    };
  }

  // biome-ignore lint/correctness/useYield: D1 has no cursors; streaming is refused.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('D1 does not support streaming queries');
  }
}

class D1Driver implements Driver {
  constructor(private readonly d1: D1Database) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new D1Connection(this.d1);
  }
  async beginTransaction(): Promise<void> {
    throw new Error('D1 has no interactive transactions: use atomic([...])');
  }
  async commitTransaction(): Promise<void> {
    throw new Error('D1 has no interactive transactions: use atomic([...])');
  }
  async rollbackTransaction(): Promise<void> {
    throw new Error('D1 has no interactive transactions: use atomic([...])');
  }
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

class D1Dialect implements Dialect {
  constructor(private readonly d1: D1Database) {}
  createAdapter() {
    return new SqliteAdapter();
  }
  createDriver() {
    return new D1Driver(this.d1);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}

export function createD1Kysely(d1: D1Database): Kysely<Database> {
  return new Kysely<Database>({ dialect: new D1Dialect(d1) });
}

export function createD1Atomic(d1: D1Database): Atomic {
  return async (queries) => {
    if (queries.length === 0) return [];
    const results = await d1.batch<Record<string, unknown>>(
      queries.map((q) => d1.prepare(q.sql).bind(...q.parameters.map(toSqliteParameter))),
    );
    return results.map((result) => ({
      rows: result.results ?? [],
      numAffectedRows: BigInt(result.meta.changes ?? 0),
    }));
  };
}
