import type { Context } from 'hono';
import { type CompiledQuery, sql } from 'kysely';
import { auditFor } from '../audit/audit.ts';
import type { AppEnv } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import { type ImportProblem, type ParsedRow, parseOrganisationCsv } from './csv-import.ts';
import { findStoredOrgNumbers } from './queries.ts';
import { loadReferenceSets } from './reference.ts';
import { insertColumns } from './writes.ts';

export const IMPORT_REFUSED = 'import.error.title';

export function importRefused(c: Context<AppEnv>, problems: ImportProblem[]): AppError {
  return new AppError(422, IMPORT_REFUSED, {
    detail: c.get('t')('import.error.detail', { count: problems.length }),
    errors: problems,
  });
}

/**
 * All or nothing: every row is checked (format, reference codes, duplicates in the file and in the
 * register) and any problem refuses the whole file with a row-by-row report. A good file is stored
 * in one atomic batch with its audit entry; should another request store one of its numbers in the
 * meantime, the UNIQUE constraint fails the batch and the report names the row.
 */
export async function importOrganisations(c: Context<AppEnv>, text: string): Promise<number> {
  const { db, atomic, now, newId } = c.get('deps');
  const parsed = parseOrganisationCsv(text, await loadReferenceSets(db), c.get('lang'), c.get('t'));
  const problems = [...parsed.problems, ...(await storedProblems(c, parsed.rows))];
  if (problems.length > 0)
    throw importRefused(
      c,
      problems.sort((a, b) => a.row - b.row),
    );

  const at = now().toISOString();
  const rows = parsed.rows.map(({ organisation }) => ({ id: newId(), ...insertColumns(organisation) }));
  const audit = auditFor(c, {
    action: 'organisation.imported',
    targetType: 'organisation',
    detail: { count: rows.length, ids: rows.map((row) => row.id) },
  });
  try {
    await atomic([insertAllQuery(c, rows, at), audit]);
  } catch (err) {
    const raced = await storedProblems(c, parsed.rows);
    if (raced.length > 0) throw importRefused(c, raced);
    throw err;
  }
  return rows.length;
}

/**
 * All rows in one statement with one parameter, a JSON array read by json_each: D1 binds at most
 * 100 parameters per statement and counts every statement of a batch against the per-request
 * query limit, so one INSERT per few rows would cap the file size.
 */
function insertAllQuery(c: Context<AppEnv>, rows: ReturnType<typeof insertColumns>[], at: string): CompiledQuery {
  const columns = Object.keys(rows[0] ?? {});
  const field = (column: string) => sql`json_extract(value, ${`$.${column}`})`;
  return sql`insert into organisations (${sql.join([...columns, 'is_demo', 'version', 'created_at', 'updated_at'].map((col) => sql.ref(col)))})
    select ${sql.join(columns.map(field))}, 0, 1, ${at}, ${at} from json_each(${JSON.stringify(rows)})`.compile(
    c.get('deps').db,
  );
}
async function storedProblems(c: Context<AppEnv>, rows: ParsedRow[]): Promise<ImportProblem[]> {
  const stored = await findStoredOrgNumbers(
    c.get('deps').db,
    rows.map((r) => r.organisation.orgNumber),
  );
  return rows
    .filter((r) => stored.has(r.organisation.orgNumber))
    .map((r) => ({
      path: `rows.${r.row}.orgNumber`,
      row: r.row,
      field: 'orgNumber',
      message: c.get('t')('import.error.duplicateStored', {
        orgNumber: r.organisation.orgNumber,
        name: stored.get(r.organisation.orgNumber) ?? '',
      }),
    }));
}
