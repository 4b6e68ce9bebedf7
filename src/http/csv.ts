// The browser ESM build: the Node build of csv-parse/sync needs Node's global Buffer, which Workers
// lack without nodejs_compat; this one carries its own (docs/decisions/0007-organisation-writes-and-import.md).
import { CsvError, parse } from 'csv-parse/browser/esm/sync';
import type { Context } from 'hono';

/**
 * CSV as spreadsheets read it: RFC 4180 quoting, CRLF line ends, a UTF-8 byte-order mark so that
 * Excel reads å, ä and ö, and every text cell that a spreadsheet would run as a formula (starting
 * with =, +, -, @, a tab or a carriage return) prefixed with an apostrophe (OWASP, "CSV Injection").
 * Numbers are written as they are, negative ones included.
 */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A CSV file to download: the content type and an attachment name, on the context's other headers. */
export function csvDownload(c: Context, body: string | ReadableStream<Uint8Array>, filename: string): Response {
  c.header('content-type', 'text/csv; charset=utf-8');
  c.header('content-disposition', `attachment; filename="${filename}"`);
  return c.body(body);
}

/** One record of an uploaded CSV file, with the line it starts on (the header is line 1). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * Reads an uploaded CSV file (the imports of organisations, offerings and responses): an optional
 * UTF-8 BOM, `,` or `;` between fields as the header shows (`delimiter` decides from the header
 * line), empty lines skipped, rows of any length. Each cell is trimmed, then passed to `cell` (the
 * responses import takes off the export's formula guard). A file the parser cannot read comes back
 * as the line it stopped at and the parser's words.
 */
export function readCsvRecords(
  text: string,
  options: { delimiter?: (headerLine: string) => ',' | ';'; cell?: (trimmed: string) => string } = {},
): { records: CsvRecord[] } | { unreadable: { line: number; detail: string } } {
  const headerLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (options.delimiter ?? ((line) => (line.includes(';') ? ';' : ',')))(headerLine);
  const cell = options.cell ?? ((trimmed) => trimmed);
  const records: CsvRecord[] = [];
  try {
    parse(text, {
      bom: true,
      delimiter,
      // Spaces around a delimiter (`a; "b"`) are not part of a cell, and do not break quoting.
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      on_record: (cells: string[], context) => {
        records.push({ line: context.lines, cells: cells.map((c) => cell(c.trim())) });
        return null;
      },
    });
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    return { unreadable: { line: typeof err.lines === 'number' ? err.lines : 1, detail: err.message } };
  }
  return { records };
}
