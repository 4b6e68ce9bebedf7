import type { CompiledQuery, QueryResult } from 'kysely';

/**
 * Runs compiled statements all-or-nothing: one D1 batch on Workers, one better-sqlite3
 * transaction on Node. There is no JavaScript between the statements, so conditions belong
 * in SQL (`WHERE`, `ON CONFLICT`, `RETURNING`). See docs/decisions/0001-batches-not-transactions.md.
 */
export type Atomic = (queries: readonly CompiledQuery[]) => Promise<QueryResult<Record<string, unknown>>[]>;

/** SQLite binds numbers, strings, bigints, blobs and null; make booleans and dates fit. */
export function toSqliteParameter(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  return value;
}
