import {
  type AliasedExpression,
  type Compilable,
  type CompiledQuery,
  type Expression,
  expressionBuilder,
  type Kysely,
  type QueryResult,
  type RawBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import type { Database, TableName } from './schema.ts';

/*
 * The data layer's generic statements: what Kysely's typed builder cannot say for any table at once
 * (a bulk upsert whose columns come from the rows, INSERT … SELECT FROM (VALUES …) under a condition,
 * a compound SELECT nested to D1's limit). Features call these by name; their own queries stay in
 * their queries.ts.
 */

type Row = Record<string, string | number | null>;

/**
 * Idempotent bulk upsert, as compiled statements for `atomic()`: existing rows are updated only
 * where a value differs, so loading the same data twice changes nothing (`changes() = 0`).
 * `onConflict: 'ignore'` keeps existing rows as they are (demo data a user may have edited).
 * `when` inserts the rows only where a condition holds when the statement runs (the demo's
 * answers go in only if their round is there, src/seed/demo-rounds.ts).
 */
export function upsertRows<T extends TableName>(
  db: Kysely<Database>,
  table: T,
  keys: readonly (keyof Database[T] & string)[],
  rows: readonly Row[],
  options: { chunkSize?: number; onConflict?: 'update' | 'ignore'; when?: Expression<SqlBool> } = {},
): CompiledQuery[] {
  const first = rows[0];
  if (!first) return [];
  const columns = Object.keys(first);
  const others = columns.filter((column) => !keys.includes(column as keyof Database[T] & string));
  const chunkSize = options.chunkSize ?? 100;
  const conflict =
    options.onConflict === 'ignore' || others.length === 0
      ? sql`on conflict do nothing`
      : sql`on conflict (${sql.join(keys.map((k) => sql.ref(k)))}) do update set ${sql.join(
          others.map((c) => sql`${sql.ref(c)} = ${sql.ref(`excluded.${c}`)}`),
        )} where ${sql.join(
          others.map((c) => sql`${sql.ref(`${table}.${c}`)} is not ${sql.ref(`excluded.${c}`)}`),
          sql` or `,
        )}`;
  const statements: CompiledQuery[] = [];
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    const tuples = sql.join(chunk.map((row) => sql`(${sql.join(columns.map((c) => row[c] ?? null))})`));
    // SQLite reads `INSERT … SELECT … ON CONFLICT` unambiguously only when the SELECT has a WHERE.
    const values = options.when ? sql`select * from (values ${tuples}) where ${options.when}` : sql`values ${tuples}`;
    statements.push(
      sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) ${values} ${conflict}`.compile(
        db,
      ),
    );
  }
  return statements;
}

/**
 * Writes a compiled statement as plain SQL with its parameters inlined, for
 * `wrangler d1 execute --file`. Our statements hold `?` only as placeholders.
 */
export function inlineParameters(query: CompiledQuery): string {
  let index = 0;
  const text = query.sql.replace(/\?/g, () => literal(query.parameters[index++]));
  if (index !== query.parameters.length) throw new Error('parameter count mismatch while inlining SQL');
  return `${text};`;
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  throw new Error(`cannot inline a ${typeof value} into SQL`);
}

/** D1 binds at most 100 parameters per statement; leave room for the condition's own. */
const MAX_PARAMETERS = 90;

/**
 * `INSERT INTO table (columns) SELECT … FROM (VALUES …) WHERE condition`, chunked so that no
 * statement binds more than D1 allows. For atomic batches whose later statements must act only if
 * an earlier one did (docs/decisions/0001-batches-not-transactions.md).
 */
export function insertRowsIf<T extends TableName>(
  db: Kysely<Database>,
  table: T,
  columns: readonly (keyof Database[T] & string)[],
  rows: readonly (string | number | null)[][],
  condition: Expression<SqlBool>,
): CompiledQuery[] {
  if (rows.length === 0) return [];
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const statements: CompiledQuery[] = [];
  const selectList = sql.join(columns.map((_c, i) => sql.raw(`column${i + 1}`)));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values = sql.join(chunk.map((row) => sql`(${sql.join(row.map((v) => v))})`));
    statements.push(
      sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
          select ${selectList} from (values ${values}) where ${condition}`.compile(db),
    );
  }
  return statements;
}

/**
 * `a union all b union all …` for any number of SELECTs. D1 allows at most five terms in one
 * compound SELECT (SQLITE_MAX_COMPOUND_SELECT), so longer lists are nested in subqueries of at most
 * four terms each; the rows are the same. Every part must have the same columns.
 */
export function unionAll(parts: readonly RawBuilder<unknown>[]): RawBuilder<unknown> {
  if (parts.length <= MAX_TERMS) return sql.join(parts, sql` union all `);
  const groups: RawBuilder<unknown>[] = [];
  for (let i = 0; i < parts.length; i += MAX_TERMS - 1) {
    groups.push(sql`select * from (${unionAll(parts.slice(i, i + MAX_TERMS - 1))})`);
  }
  return unionAll(groups);
}

const MAX_TERMS = 5;

/** What json_each yields per element of a JSON array: its index and the element (JSON text for an object). */
export interface JsonElement {
  key: number;
  value: string;
}

// Subqueries built apart from any one query.
const eb = expressionBuilder<Database, never>();

/**
 * `json_each(?) as alias` over a JSON text: one row per element, usable in `selectFrom` and joins.
 * Lists travel as one JSON parameter because D1 binds at most 100 parameters per statement.
 */
export function jsonEach<A extends string>(json: string, alias: A): AliasedExpression<JsonElement, A> {
  return eb.fn<JsonElement>('json_each', [eb.val(json)]).as(alias);
}

/**
 * The values of a list as a one-column subquery over json_each, one bound parameter however long
 * the list: `column in (jsonValues(list))`. Repeats are dropped (they change no `in`).
 */
export function jsonValues(values: Iterable<unknown>) {
  return eb.selectFrom(jsonEach(JSON.stringify([...new Set(values)]), 'list')).select('list.value');
}

const compiledQueries = new WeakMap<Kysely<Database>, Map<string, CompiledQuery>>();

/**
 * A query every request runs, compiled once per database handle and run with this request's
 * parameters (decision 0017: building and compiling a Kysely query costs more than SQLite's lookup
 * of a prepared statement). `build` must give the same SQL for every call under `key`; `parameters`
 * are the values in the order the compiled query binds them.
 */
export function runCompiled<R>(
  db: Kysely<Database>,
  key: string,
  build: () => Compilable<R>,
  parameters: readonly unknown[],
): Promise<QueryResult<R>> {
  let byKey = compiledQueries.get(db);
  if (!byKey) {
    byKey = new Map();
    compiledQueries.set(db, byKey);
  }
  let query = byKey.get(key) as CompiledQuery<R> | undefined;
  if (!query) {
    query = build().compile();
    if (query.parameters.length !== parameters.length)
      throw new TypeError(`compiled query ${key} binds ${query.parameters.length} values, given ${parameters.length}`);
    byKey.set(key, query);
  }
  return db.executeQuery<R>({ ...query, parameters });
}

/**
 * The SQL function a connection that does background work registers (src/node/yield-to-requests.ts
 * on Node's worker thread): it returns 1, after a short pause while the server thread is busy.
 */
export const YIELD_TO_REQUESTS_FUNCTION = 'yield_to_requests';

/**
 * A condition that is always true and, every 1024th row of `rowid`, lets the connection's
 * background work pause for requests (YIELD_TO_REQUESTS_FUNCTION) in the middle of a long scan:
 * one statement over a million need lines runs for seconds. Only for a connection that has the
 * function.
 */
export function yieldToRequestsEvery1024(rowid: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(rowid)} & 1023 <> 0 or ${sql.raw(YIELD_TO_REQUESTS_FUNCTION)}())`;
}
