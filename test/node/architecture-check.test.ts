import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baselineFile, checkArchitecture, readBaseline, type Violation } from '../../scripts/check-architecture.ts';

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

  it('reports a known violation that no longer occurs, so that the baseline can only shrink', () => {
    expect(report.gone.map(({ from, to, rule }) => ({ from, to, rule: rule.name }))).toEqual([
      { from: fixed.from, to: fixed.to, rule: fixed.rule.name },
    ]);
  });
});
