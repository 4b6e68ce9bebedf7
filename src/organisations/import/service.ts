import { type CompiledQuery, expressionBuilder, type Kysely } from 'kysely';
import { auditIn } from '../../audit/index.ts';
import { ImportRefused } from '../../core/errors.ts';
import type { Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { type Translate, translator } from '../../i18n/i18n.ts';
import { importedMemberQueries } from '../../identity/index.ts';
import { findStoredOrgNumbers, loadReferenceSets } from '../queries.ts';
import { insertColumns } from '../service.ts';
import { type ImportProblem, type ParsedRow, parseOrganisationCsv } from './csv-import.ts';

export const IMPORT_REFUSED = 'import.error.title';

export function importRefused(problems: ImportProblem[]): ImportRefused {
  return new ImportRefused(IMPORT_REFUSED, 'import.error.detail', problems);
}

/**
 * All or nothing: every row is checked (format, reference codes, contact person, duplicates in the
 * file and in the register) and any problem refuses the whole file with a row-by-row report. A good
 * file is stored in one atomic batch with its audit entry; should another request store one of its
 * numbers in the meantime, the UNIQUE constraint fails the batch and the report names the row.
 *
 * A row's contact person becomes a member of the new organisation in the same batch (an account
 * for the address unless one exists; the role the row gives). No mail goes out at import: opening
 * a round mails every target's members their personal link (src/surveys/rounds/invitations.ts), so the
 * contacts are invited with the first round opened to their organisations, and may sign in with
 * their address at any time. docs/decisions/0007-organisation-writes-and-import.md.
 */
export async function importOrganisations(scope: Scope, text: string): Promise<number> {
  const { db, atomic, newId } = scope.deps;
  // The row report is text for the importer: in the language they read.
  const t = translator(scope.lang);
  const parsed = parseOrganisationCsv(text, await loadReferenceSets(db), scope.lang, t);
  const problems = [...parsed.problems, ...(await storedProblems(db, t, parsed.rows))];
  if (problems.length > 0) throw importRefused(problems.sort((a, b) => a.row - b.row));

  const at = scope.now.toISOString();
  const rows = parsed.rows.map(({ organisation }) => ({ id: newId(), ...insertColumns(organisation) }));
  const contacts = parsed.rows.flatMap(({ contact }, i) =>
    contact ? [{ user_id: newId(), organisation_id: rows[i]?.id ?? '', ...contact }] : [],
  );
  const audit = auditIn(scope, {
    action: 'organisation.imported',
    targetType: 'organisation',
    detail: {
      count: rows.length,
      ids: rows.map((row) => row.id),
      contacts: contacts.map((m) => ({ organisationId: m.organisation_id, email: m.email, role: m.role })),
    },
  });
  try {
    await atomic([insertAllQuery(db, rows, at), ...importedMemberQueries(db, contacts, at), audit]);
  } catch (err) {
    const raced = await storedProblems(db, t, parsed.rows);
    if (raced.length > 0) throw importRefused(raced);
    throw err;
  }
  return rows.length;
}

type ImportedRow = { id: string } & ReturnType<typeof insertColumns>;

/** The columns an imported row gives, each read from the row's JSON object by name. */
const IMPORTED_COLUMNS = [
  'id',
  'name',
  'org_number',
  'sector',
  'sni_division',
  'size_class',
  'municipality_code',
  'is_education_provider',
] as const satisfies readonly (keyof ImportedRow)[];

const eb = expressionBuilder<Database>();

/** The elements of a JSON array as rows of `j.value`: any number in one parameter. */
const jsonEach = (values: readonly object[]) =>
  eb.fn<{ value: string }>('json_each', [eb.val(JSON.stringify(values))]).as('j');

/** A field of the JSON object `j.value` (a row of jsonEach). */
const onElement = expressionBuilder<{ j: { value: string } }, 'j'>();
const field = (name: string) => onElement.fn<string>('json_extract', ['j.value', onElement.val(`$.${name}`)]);

/**
 * All rows in one statement with one parameter, a JSON array read by json_each: D1 binds at most
 * 100 parameters per statement and counts every statement of a batch against the per-request
 * query limit, so one INSERT per few rows would cap the file size.
 */
function insertAllQuery(db: Kysely<Database>, rows: ImportedRow[], at: string): CompiledQuery {
  return db
    .insertInto('organisations')
    .columns([...IMPORTED_COLUMNS, 'is_demo', 'version', 'created_at', 'updated_at'])
    .expression(
      db
        .selectFrom(jsonEach(rows))
        .select((j) => [
          ...IMPORTED_COLUMNS.map((column) => field(column).as(column)),
          j.lit(0).as('is_demo'),
          j.lit(1).as('version'),
          j.val(at).as('created_at'),
          j.val(at).as('updated_at'),
        ]),
    )
    .compile();
}
async function storedProblems(db: Kysely<Database>, t: Translate, rows: ParsedRow[]): Promise<ImportProblem[]> {
  const stored = await findStoredOrgNumbers(
    db,
    rows.map((r) => r.organisation.orgNumber),
  );
  return rows
    .filter((r) => stored.has(r.organisation.orgNumber))
    .map((r) => ({
      path: `rows.${r.row}.orgNumber`,
      row: r.row,
      field: 'orgNumber',
      message: t('import.error.duplicateStored', {
        orgNumber: r.organisation.orgNumber,
        name: stored.get(r.organisation.orgNumber) ?? '',
      }),
    }));
}
