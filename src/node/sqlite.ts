import BetterSqlite3 from 'better-sqlite3';
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
import { type Atomic, toSqliteParameter } from '../db/atomic.ts';
import type { Database } from '../db/schema.ts';

type Statement = BetterSqlite3.Statement<unknown[], unknown>;

/**
 * One better-sqlite3 connection with a bounded cache of prepared statements.
 * Kysely's stock SqliteDialect prepares every statement anew; caching them roughly doubled
 * the throughput of a primary-key page here (shared/TOOLCHAIN.md).
 */
export class SqliteConnection {
  readonly raw: BetterSqlite3.Database;
  readonly #cache = new Map<string, Statement>();
  readonly #cacheLimit: number;

  /** `source` is a file path, `:memory:`, or a serialized database (an in-memory copy). */
  constructor(source: string | Buffer, options: { cacheLimit?: number; readonly?: boolean } = {}) {
    this.raw = new BetterSqlite3(source, { readonly: options.readonly ?? false });
    this.#cacheLimit = options.cacheLimit ?? 500;
    if (typeof source === 'string' && source !== ':memory:' && !options.readonly) this.raw.pragma('journal_mode = WAL');
    // In WAL mode NORMAL keeps every acknowledged commit through a crash of the process; a power
    // cut may lose the last commits before a checkpoint. FULL would fsync every commit, which
    // measured here about 3 ms of blocked event loop per write. See docs/decisions/0005-sqlite-settings.md.
    this.raw.pragma('synchronous = NORMAL');
    this.raw.pragma('busy_timeout = 5000');
    this.raw.pragma('foreign_keys = ON');
  }

  statement(sql: string): Statement {
    const cached = this.#cache.get(sql);
    if (cached) {
      // Re-insert to keep the map in least-recently-used order.
      this.#cache.delete(sql);
      this.#cache.set(sql, cached);
      return cached;
    }
    const prepared = this.raw.prepare(sql);
    this.#cache.set(sql, prepared);
    if (this.#cache.size > this.#cacheLimit) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    return prepared;
  }

  /**
   * A text that changes whenever the database may have changed: the rows this connection has
   * written (`total_changes()`) and the commits of other connections, the worker thread's or
   * another process's (`PRAGMA data_version`). One cheap statement that reads no table; while it
   * is unchanged, every query gives the answer it gave before (src/cache/snapshots.ts).
   */
  generation(): string {
    const row = this.statement(
      'select total_changes() as own, data_version as others from pragma_data_version',
    ).get() as {
      own: number;
      others: number;
    };
    return `${row.own}.${row.others}`;
  }

  run<R>(compiled: CompiledQuery): QueryResult<R> {
    const statement = this.statement(compiled.sql);
    const parameters = compiled.parameters.map(toSqliteParameter);
    if (statement.reader) {
      return { rows: statement.all(...parameters) as R[] };
    }
    const { changes, lastInsertRowid } = statement.run(...parameters);
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
  }

  /** All statements or none: one better-sqlite3 transaction, nothing awaited in between. */
  readonly atomic: Atomic = async (queries) => {
    const runAll = this.raw.transaction((list: readonly CompiledQuery[]) =>
      list.map((q) => this.run<Record<string, unknown>>(q)),
    );
    return runAll(queries);
  };

  close(): void {
    this.#cache.clear();
    if (this.raw.open) this.raw.close();
  }
}

/** Hands out the single connection in request order (a FIFO lock, waking one waiter at a time). */
class OrderedLock {
  #locked = false;
  readonly #waiters: (() => void)[] = [];

  async acquire(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  release(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#locked = false;
  }
}

class CachedSqliteConnection implements DatabaseConnection {
  constructor(private readonly sqlite: SqliteConnection) {}
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    return this.sqlite.run<R>(compiled);
  }
  /** Rows `chunkSize` at a time (Kysely documents the size for its Postgres driver; honoured here too). */
  async *streamQuery<R>(compiled: CompiledQuery, chunkSize = 1): AsyncIterableIterator<QueryResult<R>> {
    const statement = this.sqlite.statement(compiled.sql);
    let rows: R[] = [];
    for (const row of statement.iterate(...compiled.parameters.map(toSqliteParameter))) {
      rows.push(row as R);
      if (rows.length >= chunkSize) {
        yield { rows };
        rows = [];
      }
    }
    if (rows.length > 0) yield { rows };
  }
}

class CachedSqliteDriver implements Driver {
  readonly #lock = new OrderedLock();
  readonly #connection: CachedSqliteConnection;
  constructor(sqlite: SqliteConnection) {
    this.#connection = new CachedSqliteConnection(sqlite);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#lock.acquire();
    return this.#connection;
  }
  async beginTransaction(): Promise<void> {
    throw new Error('Interactive transactions are not used (D1 has none): use atomic([...])');
  }
  async commitTransaction(): Promise<void> {
    throw new Error('Interactive transactions are not used (D1 has none): use atomic([...])');
  }
  async rollbackTransaction(): Promise<void> {
    throw new Error('Interactive transactions are not used (D1 has none): use atomic([...])');
  }
  async releaseConnection(): Promise<void> {
    this.#lock.release();
  }
  async destroy(): Promise<void> {}
}

class CachedSqliteDialect implements Dialect {
  constructor(private readonly sqlite: SqliteConnection) {}
  createAdapter() {
    return new SqliteAdapter();
  }
  createDriver() {
    return new CachedSqliteDriver(this.sqlite);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}

export function createSqliteKysely(sqlite: SqliteConnection): Kysely<Database> {
  return new Kysely<Database>({ dialect: new CachedSqliteDialect(sqlite) });
}
