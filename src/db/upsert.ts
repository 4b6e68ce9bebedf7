import { type CompiledQuery, type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database, TableName } from './schema.ts';

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
