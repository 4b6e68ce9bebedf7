import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baselineFile, checkArchitecture, readBaseline, type Violation } from '../../scripts/check-architecture.ts';
import { writesIn } from '../../scripts/table-writes.ts';

// The check of issue 17 (scripts/check-architecture.ts): it cruises all of src/ (about 5 s), so each
// tree is checked once and the cases read the one report.
const root = join(import.meta.dirname, '../..');
const baseline = readBaseline(join(root, baselineFile));
type Report = Awaited<ReturnType<typeof checkArchitecture>>;
const addedBy = (report: Report, rule: string) =>
  report.added.filter((v) => v.rule.name === rule).map(({ from, to }) => ({ from, to }));

describe('the architecture check on the tree as it is', () => {
  let report: Report;
  beforeAll(async () => {
    report = await checkArchitecture(root, baseline);
  }, 60_000);

  it('sees every import statement of src/, so that a rule cannot pass on a missed import', () => {
    expect(report.parserProblems).toEqual([]);
  });

  it('passes: every violation is a known one and every known one still occurs', () => {
    expect(report.added).toEqual([]);
    expect(report.gone).toEqual([]);
  });

  it('finds no write to a table of another owner (src/db/owners.ts), with no list of exceptions', () => {
    expect(report.tableWrites).toEqual([]);
  });
});

describe('the table-write finder', () => {
  const tables = (text: string) => writesIn('src/x/y.ts', text).map((w) => `${w.statement} ${w.table}`);

  it('finds Kysely writes by name, aliased, across lines and in a list, and the generic writers', () => {
    expect(
      tables(
        [
          "db.insertInto('users').values(v); db.updateTable('sessions as s').set(v);",
          'db.deleteFrom(\n  "outbox",\n);',
          "db.deleteFrom(['a', 'b as c']); db.replaceInto('d'); db.mergeInto('e as t');",
          "upsertRows(db, 'region', ['id'], rows); insertRowsIf(scope.deps.db, 'need_lines', cols, rows, c);",
        ].join('\n'),
      ),
    ).toEqual([
      'insertInto users',
      'updateTable sessions',
      'deleteFrom outbox',
      'deleteFrom a',
      'deleteFrom b',
      'replaceInto d',
      'mergeInto e',
      'upsertRows region',
      'insertRowsIf need_lines',
    ]);
  });

  it('finds raw SQL writes in sql templates and sql.raw, an upsert once, a named interpolation by its name', () => {
    expect(
      tables(
        [
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a file to check
          'sql`INSERT OR IGNORE INTO plans (id) values (${id}) on conflict (id) do update set id = excluded.id`;',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a file to check
          "sql<{ n: number }>`update outbox as o set sent_at = ${sql`now`}`; sql.raw('delete from sessions');",
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a file to check
          "sql`replace into ${sql.table('skills')} values (1)`; sql`insert into ${table} values (1)`;",
        ].join('\n'),
      ),
    ).toEqual([
      'sql insert or ignore into plans',
      'sql update outbox',
      'sql replace into skills',
      'sql insert into ?',
      'sql delete from sessions',
    ]);
  });

  it('reports a write whose table is not a literal as unknown (?), so that it cannot pass unchecked', () => {
    expect(tables('db.deleteFrom(table).where(c); db.insertInto(names[0])')).toEqual(['deleteFrom ?', 'insertInto ?']);
  });

  it('ignores comments, strings that are not SQL templates, selects and regular expressions', () => {
    const text = [
      "// db.insertInto('users')",
      "/* sql`delete from outbox` */ const r = /['`]/g; const s = 'delete from users';",
      "const t = `update users set x`; db.selectFrom('users').where('x', '=', `insertInto('y')`);",
    ].join('\n');
    expect(tables(text)).toEqual([]);
  });
});

describe('the architecture check on a copy of src/ with new offending files', () => {
  let copy: string;
  let report: Report;
  let fixed: Violation;
  const write = (file: string, text: string) => {
    mkdirSync(join(copy, file, '..'), { recursive: true });
    writeFileSync(join(copy, file), text);
  };
  beforeAll(async () => {
    copy = mkdtempSync(join(tmpdir(), 'architecture-check-'));
    cpSync(join(root, 'src'), join(copy, 'src'), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
    // As before `npm run build`: the check must not depend on build output.
    rmSync(join(copy, 'src/web/generated'), { recursive: true, force: true });
    // Logic that knows the request, by a type-only import.
    write(
      'src/plans/request-logic.ts',
      "import type { Context } from 'hono';\nexport const path = (c: Context) => c.req.path;\n",
    );
    // One feature reaching into another's file, and one going through its index.ts.
    write(
      'src/health/peek.ts',
      "import { registerHomeRoutes } from '../home/routes.ts';\nexport { registerHomeRoutes };\n",
    );
    write('src/home/index.ts', "export { registerHomeRoutes } from './routes.ts';\n");
    write(
      'src/health/via-index.ts',
      "import { registerHomeRoutes } from '../home/index.ts';\nexport { registerHomeRoutes };\n",
    );
    // Two new folders that import each other.
    write('src/alpha/a.ts', "import { b } from '../beta/b.ts';\nexport const a = () => b;\n");
    write('src/beta/b.ts', "import { a } from '../alpha/a.ts';\nexport const b = () => a;\n");
    // Writes to tables of other owners: identity's users by Kysely under an alias, mail's outbox
    // by raw SQL, a table not named by a literal; audit's table through audit's own function; the
    // seed, which sets up data.
    write(
      'src/plans/reach-in.ts',
      [
        "import type { Kysely } from 'kysely';",
        "import type { Database } from '../db/schema.ts';",
        'export const rename = (db: Kysely<Database>) =>',
        "  db.updateTable('users as u').set({ name: 'x' }).compile();",
        '',
      ].join('\n'),
    );
    write(
      'src/home/raw-write.ts',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a file to check
      "import { sql } from 'kysely';\nexport const forget = (a: string) => sql`delete from outbox where to_address = ${a}`;\n",
    );
    write(
      'src/health/any-table.ts',
      [
        "import type { Kysely } from 'kysely';",
        "import type { Database, TableName } from '../db/schema.ts';",
        'export const empty = (db: Kysely<Database>, table: TableName) => db.deleteFrom(table).compile();',
        '',
      ].join('\n'),
    );
    write(
      'src/plans/through-owner.ts',
      [
        "import { auditIn } from '../audit/index.ts';",
        "import type { Scope } from '../core/scope.ts';",
        "export const note = (scope: Scope) => auditIn(scope, { action: 'plan.adopted' });",
        '',
      ].join('\n'),
    );
    write(
      'src/seed/extra.ts',
      "import type { Kysely } from 'kysely';\nimport type { Database } from '../db/schema.ts';\nexport const x = (db: Kysely<Database>) => db.deleteFrom('users').compile();\n",
    );
    // A known violation fixed: the copy's list of known violations names one more, an import of
    // another feature's file that the copy no longer has (the real list is empty since issue 17).
    fixed = {
      type: 'dependency',
      from: 'src/health/fixed-peek.ts',
      to: 'src/home/routes.ts',
      rule: { name: 'feature-public-surface', severity: 'error' },
    };
    report = await checkArchitecture(copy, [...baseline, fixed], root);
  }, 60_000);
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('sees every import statement of the copy, without the build output', () => {
    expect(report.parserProblems).toEqual([]);
  });

  it('reports a logic file that imports a type from hono (hono-only-at-the-edge)', () => {
    expect(addedBy(report, 'hono-only-at-the-edge')).toEqual([{ from: 'src/plans/request-logic.ts', to: 'hono' }]);
  });

  it("reports a feature importing another feature's file, but not its index.ts (feature-public-surface)", () => {
    expect(addedBy(report, 'feature-public-surface')).toEqual([
      { from: 'src/health/peek.ts', to: 'src/home/routes.ts' },
    ]);
  });

  it('reports both imports of two folders that import each other, naming the circle (no-folder-cycles)', () => {
    const added = report.added.filter((v) => v.rule.name === 'no-folder-cycles');
    expect(added.map(({ from, to }) => ({ from, to }))).toEqual([
      { from: 'src/alpha/a.ts', to: 'src/beta/b.ts' },
      { from: 'src/beta/b.ts', to: 'src/alpha/a.ts' },
    ]);
    expect(report.explain(added[0] as Violation)).toBe('closes the circle alpha → beta → alpha');
  });

  it("reports writes to another owner's tables (Kysely, raw SQL, unnamed), not through the owner's function or in the seed", () => {
    expect(report.tableWrites.map(({ file, table, owner, writer }) => ({ file, table, owner, writer }))).toEqual([
      { file: 'src/health/any-table.ts', table: '?', owner: 'none', writer: 'health' },
      { file: 'src/home/raw-write.ts', table: 'outbox', owner: 'mail', writer: 'home' },
      { file: 'src/plans/reach-in.ts', table: 'users', owner: 'identity', writer: 'plans' },
    ]);
  });

  it('reports a known violation that no longer occurs, so that the baseline can only shrink', () => {
    expect(report.gone.map(({ from, to, rule }) => ({ from, to, rule: rule.name }))).toEqual([
      { from: fixed.from, to: fixed.to, rule: fixed.rule.name },
    ]);
  });
});
