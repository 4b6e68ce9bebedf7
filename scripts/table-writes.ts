/**
 * Table ownership for writes (issue 17, docs/architecture.md "Tables have owners"): every write a
 * folder of src/ makes must be to a table src/db/owners.ts gives that folder. A write is a Kysely
 * `insertInto` / `updateTable` / `deleteFrom` / `replaceInto` / `mergeInto`, a call of the data
 * layer's generic writers (`upsertRows`, `insertRowsIf`, src/db/queries.ts), or an INSERT, UPDATE,
 * DELETE or REPLACE inside a `sql` template (or `sql.raw` / `CompiledQuery.raw`). A write whose table
 * is not named by a literal cannot be checked and is reported as such.
 *
 * The seed (src/seed/) sets up data and src/db/ holds the generic writers, which name no table of
 * their own: both are not checked. Scripts and migrations are outside src/.
 */
import { TABLE_OWNERS } from '../src/db/owners.ts';

export interface TableWrite {
  file: string;
  line: number;
  /** The table written, or `?` when it is not named by a literal (`deleteFrom(table)`). */
  table: string;
  /** The folder that writes (`identity`), or the file at the top of src/. */
  writer: string;
  /** The table's owner in src/db/owners.ts, or `none` for a name it does not list. */
  owner: string;
  /** How the write is made: `insertInto`, `sql delete from`, … */
  statement: string;
}

interface Template {
  start: number;
  /** The code right before the opening backtick, to tell a `sql` tag. */
  before: string;
  parts: string[];
  expressions: string[];
}

/**
 * The file's text with comments blanked (`code`: same length, so offsets keep their lines), the
 * same with the insides of strings, templates and regular expressions blanked too (`bare`: where
 * code is, not text), and its template literals, nested ones too. A small lexer rather than a
 * parser: TypeScript 7 has no compiler API.
 */
export function lex(text: string): { code: string; bare: string; templates: Template[] } {
  let code = '';
  let bare = '';
  let i = 0;
  const templates: Template[] = [];
  const emit = (piece: string) => {
    code += piece;
    bare += piece;
  };
  // Inside a literal: as written in `code`, blanked in `bare`.
  const literal = (piece: string) => {
    code += piece;
    bare += ' '.repeat(piece.length);
  };

  const quoted = (quote: string) => {
    const start = i;
    i += 1;
    while (i < text.length && text[i] !== quote && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
    i += 1;
    emit(quote);
    literal(text.slice(start + 1, i - 1));
    emit(text.slice(i - 1, i));
  };
  // A slash starts a regular expression where a value may begin, not after a value (division).
  const regexAllowed = () => {
    const before = code.trimEnd();
    return before === '' || /[(,=:[!&|?{};+\-*%<>~^]$/.test(before) || /\b(return|typeof|case|of|in)$/.test(before);
  };
  const regex = () => {
    const start = i;
    let inClass = false;
    i += 1;
    while (i < text.length && text[i] !== '\n') {
      const c = text[i];
      if (c === '\\') i += 1;
      else if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) break;
      i += 1;
    }
    i += 1;
    emit('/');
    literal(text.slice(start + 1, i));
  };
  const template = () => {
    const found: Template = { start: i, before: code.slice(-80), parts: [], expressions: [] };
    templates.push(found);
    let part = '';
    emit('`');
    i += 1;
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '\\') {
        part += text.slice(i, i + 2);
        literal(text.slice(i, i + 2));
        i += 2;
      } else if (c === '`') {
        emit(c);
        i += 1;
        break;
      } else if (c === '$' && text[i + 1] === '{') {
        found.parts.push(part);
        part = '';
        emit('${');
        i += 2;
        const from = code.length;
        codeUntilClose();
        found.expressions.push(code.slice(from));
        emit('}');
        i += 1;
      } else {
        part += c;
        literal(c);
        i += 1;
      }
    }
    found.parts.push(part);
  };
  // Code up to the `}` that closes a template's `${` (or the end of the file).
  const codeUntilClose = () => {
    let depth = 0;
    while (i < text.length) {
      const c = text[i] as string;
      const next = text[i + 1];
      if (c === '/' && next === '/') {
        const end = text.indexOf('\n', i);
        const stop = end === -1 ? text.length : end;
        emit(' '.repeat(stop - i));
        i = stop;
      } else if (c === '/' && next === '*') {
        const end = text.indexOf('*/', i + 2);
        const stop = end === -1 ? text.length : end + 2;
        emit(text.slice(i, stop).replace(/[^\n]/g, ' '));
        i = stop;
      } else if (c === '"' || c === "'") quoted(c);
      else if (c === '`') template();
      else if (c === '/' && regexAllowed()) regex();
      else {
        if (c === '{') depth += 1;
        if (c === '}') {
          if (depth === 0) return;
          depth -= 1;
        }
        emit(c);
        i += 1;
      }
    }
  };
  while (i < text.length) {
    codeUntilClose();
    // An unmatched `}` at the top: keep it and go on.
    if (i < text.length) {
      emit(text[i] as string);
      i += 1;
    }
  }
  return { code, bare, templates };
}

const BUILDER = /\b(insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\s*\(\s*/g;
/** The data layer's generic writers take the table second: `upsertRows(db, 'region', …)`. */
const GENERIC = /\b(upsertRows|insertRowsIf)\s*\(\s*[\w.]+\s*,\s*/g;
const LITERAL = /^(['"`])([^'"`]*)\1/;
/** Table names in an argument: a literal (`'users as u'`) or an array of literals. */
function tablesIn(argument: string): string[] | null {
  const literal = LITERAL.exec(argument);
  if (literal) return [(literal[2] as string).trim().split(/\s+/)[0] as string];
  if (argument.startsWith('[')) {
    const list = argument.slice(0, argument.indexOf(']') + 1);
    const names = [...list.matchAll(/(['"`])([^'"`]*)\1/g)].map(
      (m) => (m[2] as string).trim().split(/\s+/)[0] as string,
    );
    if (names.length > 0 && /^\[\s*(['"`][^'"`]*['"`]\s*,?\s*)+\]$/.test(list)) return names;
  }
  return null;
}

const SQL_WRITE =
  /\b(insert(?:\s+or\s+\w+)?\s+into|replace\s+into|delete\s+from|update(?:\s+or\s+\w+)?)\s+(?:"(\w+)"|([a-z_]\w*)|⟪(\d+)⟫)/gi;
/** What follows an UPDATE's table: `set`, perhaps after an alias. */
const SET_AFTER_TABLE = /^\s+(?:(?:as\s+)?\w+\s+)?set\b/i;
/** An interpolated table name: `${sql.table('users')}`. */
const NAMED_TABLE = /^\s*sql\.(?:table|id|ref)\(\s*(['"])(\w+)\1\s*\)\s*$/;

/** The tables a piece of SQL writes (`?` where an interpolation names none); `⟪n⟫` stands for interpolation n. */
function sqlWrites(parts: string[], expressions: string[]): { statement: string; table: string }[] {
  const text = parts.map((part, n) => (n < expressions.length ? `${part}⟪${n}⟫` : part)).join('');
  const found: { statement: string; table: string }[] = [];
  for (const match of text.matchAll(SQL_WRITE)) {
    const verb = (match[1] as string).toLowerCase().replace(/\s+/g, ' ');
    const interpolated = match[4] === undefined ? undefined : (expressions[Number(match[4])] ?? '');
    const table =
      interpolated === undefined ? (match[2] ?? match[3] ?? '?') : (NAMED_TABLE.exec(interpolated)?.[2] ?? '?');
    // `update t set …` writes t; `on conflict do update set …` updates the row being inserted.
    const end = (match.index ?? 0) + match[0].length;
    if (verb.startsWith('update') && !SET_AFTER_TABLE.test(text.slice(end, end + 80))) continue;
    found.push({ statement: `sql ${verb}`, table });
  }
  return found;
}

/** Where the `sql` template or raw SQL string starts: a tag `sql` (`sql<T>`) or `sql.raw(`. */
const SQL_TAG = /(?:\bsql\s*(?:<[^`;]*>)?\s*|\b(?:sql|CompiledQuery)\.raw\(\s*)$/;
const RAW_STRING = /\b(?:sql|CompiledQuery)\.raw\(\s*(['"])((?:\\.|(?!\1).)*)\1/g;

/** Every write in one file, owned or not. */
export function writesIn(file: string, text: string): Omit<TableWrite, 'owner' | 'writer'>[] {
  const { code, bare, templates } = lex(text);
  const lineOf = (offset: number) => code.slice(0, offset).split('\n').length;
  const writes: Omit<TableWrite, 'owner' | 'writer'>[] = [];
  for (const pattern of [BUILDER, GENERIC]) {
    // Matched where code is (`bare`), the table read from the literal as written (`code`).
    for (const match of bare.matchAll(pattern)) {
      const at = (match.index ?? 0) + match[0].length;
      const tables = tablesIn(code.slice(at, at + 400)) ?? ['?'];
      for (const table of tables) writes.push({ file, line: lineOf(at), table, statement: match[1] as string });
    }
  }
  for (const template of templates) {
    if (!SQL_TAG.test(template.before)) continue;
    for (const write of sqlWrites(template.parts, template.expressions)) {
      writes.push({ file, line: lineOf(template.start), table: write.table, statement: write.statement });
    }
  }
  for (const match of code.matchAll(RAW_STRING)) {
    if (bare.slice(match.index, match.index + 7) !== code.slice(match.index, match.index + 7)) continue;
    for (const write of sqlWrites([match[2] as string], [])) {
      writes.push({ file, line: lineOf(match.index ?? 0), table: write.table, statement: write.statement });
    }
  }
  return writes;
}

/** Not checked: the seed sets up data, src/db/ holds the generic writers (they name no table). */
const exempt = /^src\/(seed|db)\//;

/** The folder of src/ a file belongs to (`identity`), or the file itself at the top of src/. */
const writerOf = (file: string) => /^src\/([^/]+)\//.exec(file)?.[1] ?? file;

/** Writes to a table the writing folder does not own, over the files of src/ given with their text. */
export function foreignTableWrites(files: readonly { file: string; text: string }[]): TableWrite[] {
  const owners: Record<string, string> = TABLE_OWNERS;
  return files
    .filter(({ file }) => !exempt.test(file))
    .flatMap(({ file, text }) =>
      writesIn(file, text).map((write) => ({
        ...write,
        writer: writerOf(file),
        owner: Object.hasOwn(owners, write.table) ? (owners[write.table] as string) : 'none',
      })),
    )
    .filter((write) => write.owner !== write.writer);
}
