/**
 * The architecture check of issue 17 (docs/decisions/0021-architecture-check.md): dependency-cruiser
 * cruises every file of src/ and checks the rules of .dependency-cruiser.cjs (hono-only-at-the-edge,
 * feature-public-surface); on the same graph this script checks no-folder-cycles. The check fails on
 * a violation that .dependency-cruiser-known-violations.json does not list, and on a listed one
 * that no longer occurs (so a fixed violation cannot come back unnoticed): known violations may only
 * go down, to 0.
 *
 *   npm run check:architecture                                     check; print the known violations left
 *   npm run check:architecture -- --update-baseline                drop the listed violations that are gone
 *   npm run check:architecture -- --update-baseline --accept-new   also record new ones (moved files only)
 *
 * Without --accept-new the update never adds an entry: a new violation is fixed, not recorded. A file
 * that moves or is renamed carries its old violations under a new name, which --accept-new records;
 * the baseline's diff shows each added line for review.
 *
 * On the same files it checks table ownership (scripts/table-writes.ts): a folder of src/ writes only
 * the tables src/db/owners.ts gives it. That rule has no baseline: every write must pass.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cruise, type ICruiseOptions, type ICruiseResult, type IModule } from 'dependency-cruiser';
import { foreignTableWrites, type TableWrite } from './table-writes.ts';

export const ruleNames = ['hono-only-at-the-edge', 'feature-public-surface', 'no-folder-cycles'] as const;
export type RuleName = (typeof ruleNames)[number];

/** One violation, in dependency-cruiser's baseline format (`--output-type baseline`). */
export interface Violation {
  type: 'dependency';
  from: string;
  to: string;
  rule: { name: string; severity: 'error' };
}

export interface ArchitectureReport {
  moduleCount: number;
  /** Every violation found today, known or not. */
  violations: Violation[];
  /** Found, not in the baseline: the check fails. */
  added: Violation[];
  /** In the baseline, not found any more: the check fails until the baseline is updated. */
  gone: Violation[];
  /** Known violations left per rule (found and in the baseline). */
  knownPerRule: Record<RuleName, number>;
  /** Top-level folders that import each other directly (`http↔web`). */
  folderPairs: string[];
  /** Sets of top-level folders that reach each other (strongly connected), each a circle or more. */
  folderCycles: string[][];
  /** Import statements the parser missed or could not resolve: the graph cannot be trusted. */
  parserProblems: string[];
  /** For a new violation, why: the rule's comment or the circle it closes. */
  explain: (violation: Violation) => string;
  /** Writes to a table the writing folder does not own (src/db/owners.ts): the check fails on any. */
  tableWrites: TableWrite[];
}

export const baselineFile = '.dependency-cruiser-known-violations.json';
const configFile = '.dependency-cruiser.cjs';
const key = (v: Pick<Violation, 'from' | 'to' | 'rule'>) => `${v.rule.name}\u0000${v.from}\u0000${v.to}`;

/** Build output (templates, assets, migrations as modules) is not source: `npm run build` writes it. */
const generated = /^src\/web\/generated\//;

function sourceFiles(root: string, dir = 'src'): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (generated.test(path)) return [];
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(root, path);
    return /\.(ts|js|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** A top-level folder of src/ (`demand`), or a file at the top of src/ on its own (`src/deps.ts`). */
function topFolder(source: string): string | null {
  const match = /^src\/([^/]+)(\/)?/.exec(source);
  if (!match) return null;
  return match[2] ? (match[1] as string) : source;
}

/** Strongly connected components (Tarjan) of a small graph; a component of more than one node is a circle. */
function components(graph: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const result: string[][] = [];
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node) as number, low.get(to) as number));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node) as number, index.get(to) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      result.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return result;
}

/** The shortest way from `to` back to `from` in the folder graph ([to, …, from]), to show a circle. */
function pathBack(graph: Map<string, Set<string>>, from: string, to: string): string[] {
  const previous = new Map<string, string | null>([[to, null]]);
  const queue = [to];
  while (queue.length > 0 && !previous.has(from)) {
    const node = queue.shift() as string;
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  const path: string[] = [];
  for (let node: string | null | undefined = from; node; node = previous.get(node)) path.unshift(node);
  return path;
}

function folderCycleViolations(modules: IModule[]) {
  const graph = new Map<string, Set<string>>();
  const imports: { from: string; to: string; fromFolder: string; toFolder: string }[] = [];
  for (const module of modules) {
    const fromFolder = topFolder(module.source);
    if (!fromFolder) continue;
    for (const dependency of module.dependencies) {
      const toFolder = topFolder(dependency.resolved);
      if (!toFolder || toFolder === fromFolder) continue;
      imports.push({ from: module.source, to: dependency.resolved, fromFolder, toFolder });
      graph.set(fromFolder, (graph.get(fromFolder) ?? new Set()).add(toFolder));
    }
  }
  const cycles = components(graph).filter((component) => component.length > 1);
  const componentOf = new Map(cycles.flatMap((component, i) => component.map((node) => [node, i] as const)));
  const violations: Violation[] = imports
    .filter((i) => componentOf.has(i.fromFolder) && componentOf.get(i.fromFolder) === componentOf.get(i.toFolder))
    .map((i) => ({
      type: 'dependency',
      from: i.from,
      to: i.to,
      rule: { name: 'no-folder-cycles', severity: 'error' },
    }));
  // Pairs that import each other directly, for a reader; a circle may also run through three or more.
  const pairs = [...graph]
    .flatMap(([a, tos]) => [...tos].filter((b) => a < b && graph.get(b)?.has(a)).map((b) => `${a}↔${b}`))
    .sort();
  const circle = (from: string, to: string) => [from, ...pathBack(graph, from, to)];
  return { violations, cycles, pairs, circle };
}

/** The import specifiers written in a file: what the parser must have found. */
function writtenImports(text: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /^(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"\n]+)['"]/gm,
    /^import\s*['"]([^'"\n]+)['"]/gm,
    /\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.add(match[1] as string);
  return [...found];
}

function parserProblems(root: string, files: string[], modules: IModule[]): string[] {
  const bySource = new Map(modules.map((m) => [m.source, m]));
  const problems: string[] = [];
  for (const file of files) {
    const module = bySource.get(file);
    if (!module) {
      problems.push(`${file}: not in the graph`);
      continue;
    }
    // dependency-cruiser names `node:fs` as `fs` (with protocol 'node:').
    const seen = new Set(module.dependencies.map((d) => d.module.replace(/^node:/, '')));
    for (const specifier of writtenImports(readFileSync(join(root, file), 'utf8'))) {
      if (!seen.has(specifier.replace(/^node:/, '')))
        problems.push(`${file}: the parser missed the import of '${specifier}'`);
    }
    for (const dependency of module.dependencies) {
      // Build output may be missing before `npm run build`; it imports nothing of src/.
      const buildOutput = dependency.module.includes('/generated/');
      if (dependency.couldNotResolve && dependency.module.startsWith('.') && !buildOutput) {
        problems.push(`${file}: '${dependency.module}' does not resolve to a file`);
      }
    }
  }
  return problems;
}

/**
 * The modules of src/, one each. dependency-cruiser cannot follow .ts files without a TypeScript < 7
 * compiler, so it lists a .ts file that another file imports once more as a leaf without dependencies:
 * keep the cruised one.
 */
function cruisedSources(modules: IModule[]): IModule[] {
  const bySource = new Map<string, IModule>();
  for (const module of modules) {
    if (!module.source.startsWith('src/')) continue;
    const seen = bySource.get(module.source);
    if (!seen || module.dependencies.length > seen.dependencies.length) bySource.set(module.source, module);
  }
  return [...bySource.values()];
}

export function readBaseline(path: string): Violation[] {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Violation[]) : [];
}

export function writeBaseline(path: string, violations: Violation[]) {
  // One violation a line, sorted by rule, file and target: a fix shows as removed lines in a diff.
  const lines = [...violations]
    .sort((a, b) => key(a).localeCompare(key(b)))
    .map((v) => JSON.stringify({ type: v.type, from: v.from, to: v.to, rule: v.rule }));
  writeFileSync(path, `[\n${lines.join(',\n')}\n]\n`);
}

/** Cruises `root`/src with the config at `configRoot` and compares with `baseline`. */
export async function checkArchitecture(root: string, baseline: Violation[], configRoot = root) {
  const require = createRequire(import.meta.url);
  const config = require(join(configRoot, configFile)) as {
    forbidden: NonNullable<ICruiseOptions['ruleSet']>['forbidden'];
    options: ICruiseOptions;
  };
  const files = sourceFiles(root);
  const result = await cruise(files, {
    ...config.options,
    baseDir: root,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
  });
  const output = result.output as ICruiseResult;
  const modules = cruisedSources(output.modules);
  // A package is named as imported (`hono/cookie`), not by the file it resolves to, which changes
  // with the package's version and layout.
  const written = new Map(
    modules.flatMap((m) =>
      m.dependencies
        .filter((d) => !d.module.startsWith('.') && !d.resolved.startsWith('src/'))
        .map((d) => [`${m.source}\u0000${d.resolved}`, d.module] as const),
    ),
  );
  const ruleViolations: Violation[] = output.summary.violations
    .filter((v) => v.rule.severity === 'error')
    .map((v) => ({
      type: 'dependency',
      from: v.from,
      to: written.get(`${v.from}\u0000${v.to}`) ?? v.to,
      rule: { name: v.rule.name, severity: 'error' },
    }));
  const folders = folderCycleViolations(modules);
  const unique = new Map([...ruleViolations, ...folders.violations].map((v) => [key(v), v]));
  const violations = [...unique.values()];
  const known = new Set(baseline.map(key));
  const now = new Set(violations.map(key));
  // A rule may have more than one entry under its name: its first comment says what it is for.
  const comments = new Map([...(config.forbidden ?? [])].reverse().map((rule) => [rule.name, rule.comment ?? '']));
  const knownPerRule = Object.fromEntries(
    ruleNames.map((name) => [name, violations.filter((v) => v.rule.name === name && known.has(key(v))).length]),
  ) as Record<RuleName, number>;
  return {
    moduleCount: modules.length,
    violations,
    added: violations.filter((v) => !known.has(key(v))),
    gone: baseline.filter((v) => !now.has(key(v))),
    knownPerRule,
    folderPairs: folders.pairs,
    folderCycles: folders.cycles,
    parserProblems: parserProblems(root, files, modules),
    tableWrites: foreignTableWrites(files.map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }))),
    explain: (v: Violation) => {
      if (v.rule.name !== 'no-folder-cycles') return comments.get(v.rule.name) ?? '';
      const from = topFolder(v.from) as string;
      const to = topFolder(v.to) as string;
      return `closes the circle ${folders.circle(from, to).join(' → ')}`;
    },
  } satisfies ArchitectureReport;
}

async function main() {
  const root = join(import.meta.dirname, '..');
  const baselinePath = join(root, baselineFile);
  const update = process.argv.includes('--update-baseline');
  const started = performance.now();
  const baseline = readBaseline(baselinePath);
  const report = await checkArchitecture(root, baseline);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  if (report.parserProblems.length > 0) {
    console.error('Architecture check: the import graph is incomplete, so the rules cannot be trusted:');
    for (const problem of report.parserProblems) console.error(`  ${problem}`);
    process.exit(1);
  }
  if (update) {
    // Known violations only go down; --accept-new is for files that moved or were renamed (an old
    // violation under a new name), and the baseline's diff shows every line it adds.
    const acceptNew = process.argv.includes('--accept-new') || !existsSync(baselinePath);
    const kept = acceptNew ? report.violations : baseline.filter((v) => !report.gone.includes(v));
    writeBaseline(baselinePath, kept);
    const added = acceptNew ? report.added.length : 0;
    console.log(
      `${relative(process.cwd(), baselinePath)}: ${kept.length} known violations (${report.gone.length} gone, ${added} added)`,
    );
    if (!acceptNew && report.added.length > 0) {
      console.log(`${report.added.length} new violations are not recorded: fix them (or --accept-new for a move).`);
    }
    return;
  }

  console.log(
    `Architecture check: ${report.moduleCount} modules of src/ in ${seconds} s. Known violations left (goal: 0):`,
  );
  for (const name of ruleNames) console.log(`  ${name.padEnd(24)} ${report.knownPerRule[name]}`);
  console.log(`  folders that import each other (${report.folderPairs.length}): ${report.folderPairs.join(', ')}`);
  for (const folders of report.folderCycles)
    console.log(`  folders in one circle (${folders.length}): ${folders.join(', ')}`);
  console.log(`  writes to another owner's table  ${report.tableWrites.length} (no baseline: must be 0)`);
  let failed = false;
  if (report.added.length > 0) {
    failed = true;
    console.error(`\n${report.added.length} new violation(s):`);
    for (const v of report.added) console.error(`  ${v.rule.name}: ${v.from} → ${v.to}\n    ${report.explain(v)}`);
    // One new import can pull folders into a circle and so turn many old imports into violations:
    // counted by folder edge, the thinnest edge is usually the new one and the one to cut.
    const edges = new Map<string, number>();
    for (const v of report.added.filter((v) => v.rule.name === 'no-folder-cycles')) {
      const edge = `${topFolder(v.from)} → ${topFolder(v.to)}`;
      edges.set(edge, (edges.get(edge) ?? 0) + 1);
    }
    if (edges.size > 0) {
      const byCount = [...edges].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
      console.error(`\nNew imports on a circle, by folder edge: ${byCount.map(([e, n]) => `${e} (${n})`).join(', ')}`);
    }
  }
  if (report.tableWrites.length > 0) {
    failed = true;
    console.error(`\n${report.tableWrites.length} write(s) to a table of another owner (src/db/owners.ts):`);
    for (const w of report.tableWrites) {
      console.error(
        w.table === '?'
          ? `  ${w.file}:${w.line}: ${w.statement} of a table not named by a literal: name it, so that its owner can be checked`
          : `  ${w.file}:${w.line}: ${w.statement} ${w.table}, owned by ${w.owner}, not ${w.writer}`,
      );
    }
    console.error("  Call a function the owner exports from its index.ts; the statement may join the caller's batch.");
  }
  if (report.gone.length > 0) {
    failed = true;
    console.error(
      `\n${report.gone.length} known violation(s) no longer occur: good. Record it so they cannot come back:`,
    );
    console.error('  npm run check:architecture -- --update-baseline');
    for (const v of report.gone) console.error(`  ${v.rule.name}: ${v.from} → ${v.to}`);
  }
  if (failed) process.exit(1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
