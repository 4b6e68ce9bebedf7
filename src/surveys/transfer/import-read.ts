import { readCsvRecords } from '../../http/csv.ts';
import type { FieldError } from '../../http/errors.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { RESPONSE_CSV_COLUMNS, type ResponseCsvColumn, unneutralise } from './responses-csv.ts';

/** One problem in the report; `path` is `rows.ROW.FIELD`, rows numbered as in a spreadsheet (header = row 1). */
export interface ImportProblem extends FieldError {
  row: number;
  field: string;
}

export const MAX_IMPORT_LINES = 5000;

export const problemAt = (row: number, field: string, message: string): ImportProblem => ({
  path: field ? `rows.${row}.${field}` : `rows.${row}`,
  row,
  field,
  message,
});

export interface CsvRow {
  line: number;
  cell: (column: ResponseCsvColumn) => string;
}

/**
 * Reads the records of a responses CSV: a header naming known columns (any order, any subset
 * with `orgNumber`), `,` or `;` between fields (whichever the header uses), an optional UTF-8 BOM,
 * cells trimmed and the export's formula guard (a leading apostrophe) taken off.
 */
export function readResponseRecords(text: string, t: Translate): { rows: CsvRow[]; problems: ImportProblem[] } {
  const read = readCsvRecords(text, {
    // The export writes `,`; a header with both is read with `,`.
    delimiter: (line) => (line.includes(';') && !line.includes(',') ? ';' : ','),
    cell: unneutralise,
  });
  if ('unreadable' in read) {
    const { line, detail } = read.unreadable;
    return { rows: [], problems: [problemAt(line, '', t('import.error.unreadable', { detail }))] };
  }
  const [header, ...rows] = read.records;
  if (!header || rows.length === 0) return { rows: [], problems: [problemAt(1, '', t('responseImport.error.empty'))] };
  const known = new Set<string>(RESPONSE_CSV_COLUMNS);
  const problems = header.cells
    .filter((name) => !known.has(name))
    .map((column) => problemAt(header.line, column, t('responseImport.error.unknownColumn', { column })));
  if (!header.cells.includes('orgNumber')) {
    problems.push(problemAt(header.line, 'orgNumber', t('import.error.missingColumn', { column: 'orgNumber' })));
  }
  if (rows.length > MAX_IMPORT_LINES) {
    problems.push(problemAt(header.line, '', t('import.error.tooMany', { max: MAX_IMPORT_LINES })));
  }
  if (problems.length > 0) return { rows: [], problems };
  const index = new Map(header.cells.map((name, i) => [name, i]));
  return {
    problems,
    rows: rows.map(({ line, cells }) => ({ line, cell: (column) => cells[index.get(column) ?? -1] ?? '' })),
  };
}

const TRUE_WORDS = new Set(['true', 'ja', 'yes', 'sant', 'j', 'y', '1', 'x']);
const FALSE_WORDS = new Set(['false', 'nej', 'no', 'falskt', 'n', '0']);

/** A whole number, or the text as it was so that the schema names the problem; empty is "not given". */
export const integerCell = (cell: string) => (cell === '' ? undefined : /^[+-]?\d+$/.test(cell) ? Number(cell) : cell);

export const booleanCell = (cell: string) => {
  const word = cell.toLowerCase();
  return word === '' ? undefined : TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : cell;
};

/** Where a zod path points in the file: the column a person would correct. */
export function columnOf(path: readonly PropertyKey[]): string {
  if (path[0] === 'placementOffer') return path[1] === 'count' ? 'placementCount' : 'placementKinds';
  return String(path[0] ?? '');
}
