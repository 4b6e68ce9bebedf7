import { type CompiledQuery, type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database, TableName } from './schema.ts';

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
