import type { Context } from 'hono';
import type { CompiledQuery } from 'kysely';
import { auditFor } from '../audit/audit.ts';
import type { AppEnv } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import { type ImportProblem, type ParsedRow, parseOrganisationCsv } from './csv-import.ts';
import { findStoredOrgNumbers } from './queries.ts';
import { loadReferenceSets } from './reference.ts';
import { insertColumns } from './writes.ts';

/** D1 binds at most 100 parameters per statement; an organisation row takes 12. */
const ROWS_PER_INSERT = 8;

export const IMPORT_REFUSED = 'import.error.title';

export function importRefused(c: Context<AppEnv>, problems: ImportProblem[]): AppError {
  return new AppError(422, IMPORT_REFUSED, {
    detail: c.var.t('import.error.detail', { count: problems.length }),
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
  const { db, atomic, now, newId } = c.var.deps;
  const parsed = parseOrganisationCsv(text, await loadReferenceSets(db), c.var.lang, c.var.t);
  const problems = [...parsed.problems, ...(await storedProblems(c, parsed.rows))];
  if (problems.length > 0)
    throw importRefused(
      c,
      problems.sort((a, b) => a.row - b.row),
    );

  const at = now().toISOString();
  const values = parsed.rows.map(({ organisation }) => ({
    id: newId(),
    ...insertColumns(organisation),
    is_demo: 0,
    version: 1,
    created_at: at,
    updated_at: at,
  }));
  const inserts: CompiledQuery[] = [];
  for (let i = 0; i < values.length; i += ROWS_PER_INSERT) {
    inserts.push(
      db
        .insertInto('organisations')
        .values(values.slice(i, i + ROWS_PER_INSERT))
        .compile(),
    );
  }
  const audit = auditFor(c, {
    action: 'organisation.imported',
    targetType: 'organisation',
    detail: { count: values.length, ids: values.map((v) => v.id) },
  });
  try {
    await atomic([...inserts, audit]);
  } catch (err) {
    const raced = await storedProblems(c, parsed.rows);
    if (raced.length > 0) throw importRefused(c, raced);
    throw err;
  }
  return values.length;
}

async function storedProblems(c: Context<AppEnv>, rows: ParsedRow[]): Promise<ImportProblem[]> {
  const stored = await findStoredOrgNumbers(
    c.var.deps.db,
    rows.map((r) => r.organisation.orgNumber),
  );
  return rows
    .filter((r) => stored.has(r.organisation.orgNumber))
    .map((r) => ({
      path: `rows.${r.row}.orgNumber`,
      row: r.row,
      field: 'orgNumber',
      message: c.var.t('import.error.duplicateStored', {
        orgNumber: r.organisation.orgNumber,
        name: stored.get(r.organisation.orgNumber) ?? '',
      }),
    }));
}
