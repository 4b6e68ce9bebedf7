import { readCsvRecords } from '../../http/csv.ts';
import type { FieldError } from '../../http/errors.ts';
import { describeIssues } from '../../http/validation.ts';
import type { Language, Translate } from '../../i18n/i18n.ts';
import {
  type ImportContact,
  importContactSchema,
  type OrganisationCreate,
  organisationCreateSchema,
  type ReferenceSets,
} from '../schemas.ts';

/**
 * Reads the organisations CSV (docs/api.md, "Importing organisations"): a header row naming the
 * columns below in any order, `,` or `;` between fields (whichever the header uses), an optional
 * UTF-8 BOM, and true/false as true|false, ja|nej, yes|no, sant|falskt, 1|0 (empty is false).
 * Rows are numbered as in a spreadsheet: the header is row 1. Returns the good rows and a problem
 * for every bad one, so that one pass reports them all. The contact columns are optional: a row
 * that fills one of them in names a contact person, who becomes a member of the organisation
 * (import/service.ts) and so is mailed when a round is opened to it.
 */
export const CSV_COLUMNS = [
  'name',
  'orgNumber',
  'sector',
  'sniDivision',
  'sizeClass',
  'municipalityCode',
  'isEducationProvider',
] as const;
export const CONTACT_COLUMNS = ['contactName', 'contactEmail', 'contactRole'] as const;
export const MAX_IMPORT_ROWS = 5000;

/** One problem in the report: FieldError's `path` is `rows.ROW.FIELD`, for clients that read only paths. */
export interface ImportProblem extends FieldError {
  row: number;
  field: string;
}

export interface ParsedRow {
  row: number;
  organisation: OrganisationCreate;
  contact: ImportContact | null;
}

const TRUE_WORDS = new Set(['true', 'ja', 'yes', 'sant', 'j', 'y', '1', 'x']);
const FALSE_WORDS = new Set(['false', 'nej', 'no', 'falskt', 'n', '0', '']);

export function parseOrganisationCsv(
  text: string,
  ref: ReferenceSets,
  lang: Language,
  t: Translate,
): { rows: ParsedRow[]; problems: ImportProblem[] } {
  const problem = (row: number, field: string, message: string): ImportProblem => ({
    path: field ? `rows.${row}.${field}` : `rows.${row}`,
    row,
    field,
    message,
  });
  const read = readCsvRecords(text);
  if ('unreadable' in read) {
    const { line, detail } = read.unreadable;
    return { rows: [], problems: [problem(line, '', t('import.error.unreadable', { detail }))] };
  }

  const [header, ...records] = read.records;
  if (!header) return { rows: [], problems: [problem(1, '', t('import.error.empty'))] };
  const byName = new Map(header.cells.map((name, index) => [name.trim().toLowerCase(), index]));
  const missing = CSV_COLUMNS.filter((column) => !byName.has(column.toLowerCase()));
  if (missing.length > 0) {
    return {
      rows: [],
      problems: missing.map((column) => problem(header.line, column, t('import.error.missingColumn', { column }))),
    };
  }
  if (records.length === 0) return { rows: [], problems: [problem(header.line, '', t('import.error.empty'))] };
  if (records.length > MAX_IMPORT_ROWS) {
    return { rows: [], problems: [problem(header.line, '', t('import.error.tooMany', { max: MAX_IMPORT_ROWS }))] };
  }

  const schema = organisationCreateSchema(ref);
  const problems: ImportProblem[] = [];
  const rows: ParsedRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { line, cells } of records) {
    const cell = (column: (typeof CSV_COLUMNS)[number] | (typeof CONTACT_COLUMNS)[number]) =>
      cells[byName.get(column.toLowerCase()) ?? -1] ?? '';
    const word = cell('isEducationProvider').toLowerCase();
    const result = schema.safeParse({
      ...Object.fromEntries(CSV_COLUMNS.map((column) => [column, cell(column)])),
      isEducationProvider: TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : word,
    });
    const contactCells = Object.fromEntries(CONTACT_COLUMNS.map((column) => [column, cell(column)]));
    const contact = Object.values(contactCells).some((value) => value !== '')
      ? importContactSchema.safeParse(contactCells)
      : null;
    const issues = [
      ...(result.success ? [] : result.error.issues),
      ...(contact?.success === false ? contact.error.issues : []),
    ];
    if (!result.success || contact?.success === false) {
      for (const error of describeIssues(issues, lang, t)) {
        problems.push(problem(line, error.path, error.message));
      }
      continue;
    }
    const orgNumber = result.data.orgNumber;
    const first = firstRowOf.get(orgNumber);
    if (first !== undefined) {
      problems.push(problem(line, 'orgNumber', t('import.error.duplicateInFile', { orgNumber, row: first })));
      continue;
    }
    firstRowOf.set(orgNumber, line);
    rows.push({ row: line, organisation: result.data, contact: contact?.data ?? null });
  }
  return { rows, problems };
}
