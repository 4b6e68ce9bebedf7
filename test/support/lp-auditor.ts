import type { Highs } from 'highs';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';

/**
 * An independent auditor of a round's publication (issue 16; research/disclosure-control.md §3,
 * §6.1). It knows nothing of src/publication's inner model, cell accumulator, problem or
 * suppressor: it reads the need lines itself, computes every figure and every protection level
 * from the per-organisation contributions, matches need lines to cells from the cell id's side, and
 * asks HiGHS for the attacker's interval of each hidden primary cell over a model it builds itself.
 * Where the two implementations disagree, one of them is wrong.
 *
 * The attacker knows every published figure and that headcounts are not negative. Two models of
 * what the attacker may assume about which combinations occur:
 *
 * - `blocks` (the default, and the referee): the dimensions that some table shows together form
 *   blocks (the maximal cliques of the graph joining two dimensions that share a table, with
 *   specialisation–focus area joined because a focus area lies under its specialisation). Each
 *   block is the cross-classification of its dimensions over the combinations that occur, and
 *   blocks agree on every dimension they share. When the blocks form an acyclic hypergraph
 *   (checked here by GYO reduction; Beeri, Fagin, Maier & Yannakakis 1983), pairwise agreement is
 *   enough for a joint non-negative table to exist (Vorob'ev 1962): the bounds are those of every
 *   full table whose projection on each block occurs. That is what an attacker can rule out from
 *   the published cells (an absent cell is an empty one), narrowed only where a set-valued
 *   combination has not occurred (conservative).
 * - `atoms`: one variable per distinct combination of *all* of a line's attributes that occurs.
 *   This assumes the attacker knows which full combinations are empty: far stronger than anything
 *   published. With one or two lines per combination it pins figures that no published equation
 *   reveals (the golden test shows one), so it is not equivalent to the block model as
 *   research/disclosure-control.md §6.1 supposes; it is kept to show the difference.
 *
 * `hiddenPositive` adds what a table that marks hidden cells (rather than leaving them blank like
 * empty ones) also tells: each hidden cell holds at least one person.
 */

/** A need line with everything a published cell can be cut by. */
export interface AuditLine {
  organisation: string;
  /** The SSYK-4 code, or the JobTech id of an occupation without one. */
  occupation: string;
  horizon: string;
  educationLevel: string;
  municipality: string;
  sector: string;
  sizeClass: string;
  difficulty: string;
  specialisations: readonly string[];
  focusAreas: readonly string[];
  strategies: readonly string[];
  headcount: number;
}

export interface AuditRule {
  minOrganisations: number;
  dominanceN: number;
  dominanceK: number;
  /** Per cent of a hidden cell's value the attacker's interval must reach either way (at least 1). */
  protectionPercent: number;
}

/** The rule as issue 16 states it: decision 0008's primary rule and a 25 % interval. */
export const ISSUE_16_RULE: AuditRule = { minOrganisations: 3, dominanceN: 2, dominanceK: 85, protectionPercent: 25 };

export interface PublishedFigure {
  cellId: string;
  value: number;
  /** The number of organisations shown beside it, if any. */
  organisations?: number;
}

export interface HiddenFigure {
  cellId: string;
  /** The publication's reason for hiding it, if known: compared with the auditor's own. */
  status?: string;
}

export interface Requirement {
  reason: 'few' | 'dominance';
  lower: number;
  upper: number;
}

export interface CellAudit {
  cellId: string;
  value: number;
  organisations: number;
  reason: 'few' | 'dominance';
  /** How far below and above `value` the attacker's interval must reach. */
  lower: number;
  upper: number;
  /** The attacker's minimum and maximum (Infinity when nothing bounds it from above). */
  min: number;
  max: number;
  pass: boolean;
}

export interface AuditReport {
  /** One entry per hidden primary cell. */
  cells: CellAudit[];
  failures: CellAudit[];
  /** Anything else wrong: a published figure that is not the truth, a primary cell published, … */
  problems: string[];
  size: { lines: number; blocks: number; columns: number; rows: number; nonzeros: number; solves: number };
  seconds: number;
}

const EPSILON = 1e-6;

const STRATEGY_COLUMNS = [
  ['recruit_local', 'recruit-local'],
  ['recruit_outside', 'recruit-outside'],
  ['relocation_family', 'relocation-family'],
  ['train_staff', 'train-staff'],
  ['remote', 'remote'],
  ['consultants', 'consultants'],
] as const;

/** A round's need lines, read with the organisation's attributes as submitted. */
export async function readAuditLines(db: Kysely<Database>, roundId: string): Promise<AuditLine[]> {
  const rows = await db
    .selectFrom('need_lines as nl')
    .innerJoin('submitted_responses as sr', (join) =>
      join.onRef('sr.round_id', '=', 'nl.round_id').onRef('sr.organisation_id', '=', 'nl.organisation_id'),
    )
    .select([
      'nl.id',
      'nl.organisation_id',
      'nl.occupation_id',
      'nl.ssyk_code',
      'nl.horizon',
      'nl.education_level',
      'nl.difficulty',
      'nl.headcount',
      'nl.recruit_local',
      'nl.recruit_outside',
      'nl.relocation_family',
      'nl.train_staff',
      'nl.remote',
      'nl.consultants',
      'sr.municipality_code',
      'sr.sector',
      'sr.size_class',
    ])
    .where('nl.round_id', '=', roundId)
    .execute();
  const focus = await db
    .selectFrom('need_line_focus as f')
    .innerJoin('need_lines as nl', 'nl.id', 'f.need_line_id')
    .select(['f.need_line_id', 'f.specialisation_code', 'f.focus_area_code'])
    .where('nl.round_id', '=', roundId)
    .execute();
  const specialisations = new Map<string, Set<string>>();
  const focusAreas = new Map<string, Set<string>>();
  for (const f of focus) {
    const s = specialisations.get(f.need_line_id) ?? new Set<string>();
    s.add(f.specialisation_code);
    specialisations.set(f.need_line_id, s);
    if (f.focus_area_code === '') continue;
    const a = focusAreas.get(f.need_line_id) ?? new Set<string>();
    a.add(f.focus_area_code);
    focusAreas.set(f.need_line_id, a);
  }
  return rows.map((r) => ({
    organisation: r.organisation_id,
    occupation: r.ssyk_code ?? r.occupation_id,
    horizon: r.horizon,
    educationLevel: r.education_level,
    municipality: r.municipality_code,
    sector: r.sector,
    sizeClass: r.size_class,
    difficulty: String(r.difficulty),
    specialisations: [...(specialisations.get(r.id) ?? [])].sort(),
    focusAreas: [...(focusAreas.get(r.id) ?? [])].sort(),
    strategies: STRATEGY_COLUMNS.filter(([column]) => Number(r[column]) === 1).map(([, code]) => code),
    headcount: Number(r.headcount),
  }));
}

// ---- dimensions and cells ----------------------------------------------------------------------

/** What a line has, per dimension: one code, or a set of codes. */
const INNER = [
  'occupation',
  'horizon',
  'educationLevel',
  'municipality',
  'sector',
  'sizeClass',
  'difficulty',
  'specialisations',
  'focusAreas',
  'strategies',
] as const;
type Inner = (typeof INNER)[number];
type Attributes = Pick<AuditLine, Inner>;

const SET_TOKENS: Record<string, Inner> = {
  specialisation: 'specialisations',
  focusArea: 'focusAreas',
  strategy: 'strategies',
};
const SCALAR_TOKENS: ReadonlySet<string> = new Set([
  'horizon',
  'educationLevel',
  'municipality',
  'sector',
  'sizeClass',
  'difficulty',
]);

/** The line attribute a cell token reads (every SSYK level reads the SSYK-4 code). */
function innerOf(token: string): Inner {
  const set = SET_TOKENS[token];
  if (set) return set;
  if (SCALAR_TOKENS.has(token)) return token as Inner;
  if (/^occupation@[1-4]$/.test(token)) return 'occupation';
  throw new Error(`The auditor does not know the cell token '${token}'`);
}

/**
 * The codes a combination has for a token: a line counts in `token=code` when `code` is one of
 * them. Multi-valued dimensions give the whole set; an occupation rolls up to the token's SSYK
 * level (a JobTech id without an SSYK code stays itself at every level).
 */
function codesOf(a: Partial<Attributes>, token: string): readonly string[] {
  const inner = innerOf(token);
  const value = a[inner];
  if (value === undefined) throw new Error(`No '${inner}' in this combination for the token '${token}'`);
  if (typeof value !== 'string') return value;
  const level = /^occupation@([1-4])$/.exec(token)?.[1];
  if (level !== undefined && /^\d{4}$/.test(value)) return [value.slice(0, Number(level))];
  return [value];
}

function tokensOf(cellId: string): [string, string][] {
  if (cellId === '') return [];
  return cellId.split('|').map((part) => {
    const at = part.indexOf('=');
    if (at < 0) throw new Error(`Malformed cell id '${cellId}'`);
    return [part.slice(0, at), part.slice(at + 1)];
  });
}

/** A combination of some dimensions' values, with its headcount in total and per organisation. */
interface Atom {
  attributes: Partial<Attributes>;
  value: number;
  byOrganisation: Map<string, number>;
}

/** The distinct projections of the lines on `dims`. */
function atomsOver(lines: readonly AuditLine[], dims: readonly Inner[]): Atom[] {
  const atoms = new Map<string, Atom>();
  for (const line of lines) {
    const attributes: Partial<Record<Inner, string | readonly string[]>> = {};
    for (const dim of dims) {
      const value = line[dim];
      attributes[dim] = typeof value === 'string' ? value : [...new Set(value)].sort();
    }
    const key = JSON.stringify(dims.map((d) => attributes[d]));
    let atom = atoms.get(key);
    if (!atom) {
      atom = { attributes: attributes as Partial<Attributes>, value: 0, byOrganisation: new Map() };
      atoms.set(key, atom);
    }
    atom.value += line.headcount;
    atom.byOrganisation.set(line.organisation, (atom.byOrganisation.get(line.organisation) ?? 0) + line.headcount);
  }
  return [...atoms.values()];
}

/** The common members of two increasing lists. */
function intersect(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (const x of a) {
    while (j < b.length && (b[j] ?? 0) < x) j++;
    if (j === b.length) break;
    if (b[j] === x) out.push(x);
  }
  return out;
}

/** The atoms of a cell, found from the cell's side: those that match every one of its tokens. */
class CellIndex {
  private readonly byTokenCode = new Map<string, number[]>();
  private readonly indexed = new Set<string>();
  private readonly all: number[];

  constructor(readonly atoms: readonly Atom[]) {
    this.all = atoms.map((_a, i) => i);
  }

  private list(token: string, code: string): number[] {
    if (!this.indexed.has(token)) {
      this.indexed.add(token);
      this.atoms.forEach((atom, i) => {
        for (const c of codesOf(atom.attributes, token)) {
          const key = `${token}=${c}`;
          const list = this.byTokenCode.get(key) ?? [];
          list.push(i);
          this.byTokenCode.set(key, list);
        }
      });
    }
    return this.byTokenCode.get(`${token}=${code}`) ?? [];
  }

  /** The atoms in a cell, in increasing order. */
  members(cellId: string): number[] {
    const lists = tokensOf(cellId).map(([token, code]) => this.list(token, code));
    if (lists.length === 0) return this.all;
    lists.sort((a, b) => a.length - b.length);
    let out = lists[0] ?? [];
    for (const other of lists.slice(1)) out = intersect(out, other);
    return out;
  }
}

export interface CellTruth {
  value: number;
  organisations: number;
  /** Per-organisation contributions, largest first. */
  contributions: number[];
}

function truthOf(atoms: readonly Atom[], members: readonly number[]): CellTruth {
  const byOrganisation = new Map<string, number>();
  let value = 0;
  for (const m of members) {
    const atom = atoms[m];
    if (!atom) continue;
    value += atom.value;
    for (const [org, n] of atom.byOrganisation) byOrganisation.set(org, (byOrganisation.get(org) ?? 0) + n);
  }
  const contributions = [...byOrganisation.values()].sort((a, b) => b - a);
  return { value, organisations: contributions.length, contributions };
}

/**
 * Whether a cell must be hidden for its own sake and how wide the attacker's interval must stay:
 * fewer than `minOrganisations` organisations, or the `dominanceN` largest holding more than
 * `dominanceK` % (decision 0008); ±`protectionPercent` % of the value, at least 1; for a dominated
 * cell upward also the p %-rule's and the (n, k) rule's levels (research/disclosure-control.md §2).
 */
export function requirementOf(cell: CellTruth, rule: AuditRule): Requirement | null {
  if (cell.organisations === 0) return null;
  const base = Math.max(1, (rule.protectionPercent / 100) * cell.value);
  if (cell.organisations < rule.minOrganisations) return { reason: 'few', lower: base, upper: base };
  const top = cell.contributions.slice(0, rule.dominanceN).reduce((a, b) => a + b, 0);
  if (top * 100 <= rule.dominanceK * cell.value) return null;
  const x1 = cell.contributions[0] ?? 0;
  const x2 = cell.contributions[1] ?? 0;
  const pRule = (rule.protectionPercent / 100) * x1 - (cell.value - x1 - x2);
  const nkRule = (100 / rule.dominanceK) * top - cell.value;
  return { reason: 'dominance', lower: base, upper: Math.max(base, pRule, nkRule) };
}

/** A table's cell kinds: every subset of its tokens (its cells and all its margins), sorted and joined. */
export function kindsOfTables(tables: readonly (readonly string[])[]): string[] {
  const kinds = new Set<string>();
  for (const tokens of tables) {
    for (let mask = 0; mask < 1 << tokens.length; mask++) {
      kinds.add(
        tokens
          .filter((_t, i) => (mask >> i) & 1)
          .sort()
          .join('|'),
      );
    }
  }
  return [...kinds];
}

/** Every cell id of the given kinds that at least one line lies in. */
export function cellsOfKinds(lines: readonly AuditLine[], kinds: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const atom of atomsOver(lines, INNER)) {
    for (const kind of kinds) {
      let ids = [''];
      for (const token of kind === '' ? [] : kind.split('|')) {
        const codes = codesOf(atom.attributes, token);
        ids = ids.flatMap((id) => codes.map((code) => (id === '' ? `${token}=${code}` : `${id}|${token}=${code}`)));
      }
      for (const id of ids) out.add(id);
    }
  }
  return out;
}

// ---- blocks ------------------------------------------------------------------------------------

/**
 * The blocks of the attacker's model for tables given as token lists: the maximal cliques (found
 * by trying every subset: there are ten dimensions) of the graph joining two dimensions that share a
 * table, with specialisation–focus area joined. Throws unless they form an acyclic hypergraph, the
 * condition under which agreeing blocks always extend to one full table.
 */
export function deriveBlocks(tables: readonly (readonly string[])[]): Inner[][] {
  const joined = new Set<string>();
  const nodes = new Set<Inner>();
  const join = (a: Inner, b: Inner) => {
    joined.add(`${a} ${b}`);
    joined.add(`${b} ${a}`);
  };
  for (const tokens of tables) {
    const dims = [...new Set(tokens.map(innerOf))];
    for (const a of dims) {
      nodes.add(a);
      for (const b of dims) join(a, b);
    }
  }
  if (nodes.has('specialisations') && nodes.has('focusAreas')) join('specialisations', 'focusAreas');
  const list = INNER.filter((d) => nodes.has(d));
  const cliques: Inner[][] = [];
  for (let mask = 1; mask < 1 << list.length; mask++) {
    const subset = list.filter((_d, i) => (mask >> i) & 1);
    if (subset.every((a) => subset.every((b) => a === b || joined.has(`${a} ${b}`)))) cliques.push(subset);
  }
  const maximal = cliques.filter(
    (c) => !cliques.some((other) => other.length > c.length && c.every((d) => other.includes(d))),
  );
  if (!isAcyclic(maximal)) {
    throw new Error(
      `The tables' dimensions do not decompose into an acyclic set of blocks: ${JSON.stringify(maximal)}`,
    );
  }
  return maximal;
}

/** GYO reduction: drop dimensions in one edge only and edges inside another, until nothing or stuck. */
export function isAcyclic(edges: readonly (readonly string[])[]): boolean {
  let sets = edges.map((e) => new Set(e));
  for (let changed = true; changed; ) {
    changed = false;
    for (const set of sets) {
      for (const d of [...set]) {
        if (sets.filter((other) => other.has(d)).length === 1) {
          set.delete(d);
          changed = true;
        }
      }
    }
    const kept = sets.filter(
      (set, i) =>
        !sets.some((other, j) => j !== i && [...set].every((d) => other.has(d)) && (other.size > set.size || j < i)),
    );
    if (kept.length < sets.length) changed = true;
    sets = kept;
  }
  return sets.every((set) => set.size === 0);
}

// ---- the audit ---------------------------------------------------------------------------------

export interface AuditInput {
  lines: readonly AuditLine[];
  published: readonly PublishedFigure[];
  hidden: readonly HiddenFigure[];
  /** The declared tables, each as its tokens (`occupation@4`, `horizon`): they shape the block model. */
  tables: readonly (readonly string[])[];
  rule?: AuditRule;
  model?: 'blocks' | 'atoms';
  /** The attacker knows that every hidden cell holds at least one person. */
  hiddenPositive?: boolean;
  /** Check that every cell of the tables that a line lies in is published or hidden. */
  complete?: boolean;
}

/**
 * Audits a publication: every published figure must be the truth and not a primary cell's, and
 * every hidden primary cell must keep an attacker's interval reaching its protection levels:
 * it fails when max < value + upper − 1e-6 or min > value − lower + 1e-6 (with `hiddenPositive`,
 * unless that minimum is what the structure alone discloses: the minimum with every cell hidden).
 */
export function auditPublication(highs: Highs, input: AuditInput): AuditReport {
  const started = performance.now();
  const rule = input.rule ?? ISSUE_16_RULE;
  const truthIndex = new CellIndex(atomsOver(input.lines, INNER));
  const truth = (cellId: string) => truthOf(truthIndex.atoms, truthIndex.members(cellId));
  const problems: string[] = [];

  const seen = new Map<string, string>();
  const first = (cellId: string, what: string): boolean => {
    const before = seen.get(cellId);
    if (before !== undefined) problems.push(`cell '${cellId}' appears twice (${before}, ${what})`);
    else seen.set(cellId, what);
    return before === undefined;
  };

  const published: PublishedFigure[] = [];
  for (const figure of input.published) {
    if (!first(figure.cellId, `published ${figure.value}`)) continue;
    const t = truth(figure.cellId);
    if (t.organisations === 0) problems.push(`published cell '${figure.cellId}' has no need lines`);
    if (t.value !== figure.value) {
      problems.push(`published cell '${figure.cellId}' shows ${figure.value}, the need lines give ${t.value}`);
    }
    if (figure.organisations !== undefined && figure.organisations !== t.organisations) {
      problems.push(
        `published cell '${figure.cellId}' shows ${figure.organisations} organisations, the need lines give ${t.organisations}`,
      );
    }
    const requirement = requirementOf(t, rule);
    if (requirement) problems.push(`primary cell '${figure.cellId}' (${requirement.reason}) is published`);
    published.push(figure);
  }

  const hidden: string[] = [];
  const targets: { cellId: string; truth: CellTruth; requirement: Requirement }[] = [];
  for (const figure of input.hidden) {
    if (!first(figure.cellId, 'hidden')) continue;
    hidden.push(figure.cellId);
    const t = truth(figure.cellId);
    if (t.organisations === 0) problems.push(`hidden cell '${figure.cellId}' has no need lines`);
    const requirement = requirementOf(t, rule);
    const expected = requirement?.reason ?? 'secondary';
    if (figure.status !== undefined && figure.status !== expected) {
      problems.push(`hidden cell '${figure.cellId}' is marked ${figure.status}, the need lines make it ${expected}`);
    }
    if (requirement) targets.push({ cellId: figure.cellId, truth: t, requirement });
  }

  if (input.complete ?? true) {
    for (const id of cellsOfKinds(input.lines, kindsOfTables(input.tables))) {
      if (!seen.has(id)) problems.push(`cell '${id}' has need lines but is neither published nor hidden`);
    }
  }

  const { bounds, size } = attackerBounds(
    highs,
    { ...input, published, hidden },
    targets.map((t) => t.cellId),
  );
  // Against an attacker who knows hidden cells are not empty, a minimum can be fixed by the structure
  // alone (a cell of 2 whose two sub-cells are both shown hidden holds at least 2 whatever is
  // published): such a side passes when it is no narrower than with every cell hidden.
  const lowFails = targets.flatMap((target, i) => {
    const min = bounds[i]?.min ?? Number.NaN;
    return min > target.truth.value - target.requirement.lower + EPSILON ? [i] : [];
  });
  const floors = new Map<number, number>();
  if (input.hiddenPositive && lowFails.length > 0) {
    const structural = attackerBounds(
      highs,
      { ...input, published: [], hidden: [...seen.keys()] },
      lowFails.map((i) => targets[i]?.cellId ?? ''),
    );
    lowFails.forEach((i, k) => {
      floors.set(i, structural.bounds[k]?.min ?? 0);
    });
  }
  const cells = targets.map((target, i): CellAudit => {
    const { min, max } = bounds[i] ?? { min: Number.NaN, max: Number.NaN };
    const { value, organisations } = target.truth;
    const { lower, upper, reason } = target.requirement;
    const floor = floors.get(i) ?? 0;
    const pass = max >= value + upper - EPSILON && (min <= value - lower + EPSILON || min <= floor + EPSILON);
    return { cellId: target.cellId, value, organisations, reason, lower, upper, min, max, pass };
  });
  return {
    cells,
    failures: cells.filter((c) => !c.pass),
    problems,
    size,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * The attacker's minimum and maximum of each of `cellIds`, given the published figures (and, with
 * `hiddenPositive`, that each hidden cell holds at least one person).
 */
export function attackerBounds(
  highs: Highs,
  input: Pick<AuditInput, 'lines' | 'tables' | 'model' | 'hiddenPositive'> & {
    published: readonly PublishedFigure[];
    hidden?: readonly string[];
  },
  cellIds: readonly string[],
): { bounds: { cellId: string; min: number; max: number }[]; size: AuditReport['size'] } {
  const model = new AttackerModel(
    highs,
    input.lines,
    input.model === 'atoms' ? [[...INNER]] : deriveBlocks(input.tables),
  );
  try {
    for (const figure of input.published) model.fix(figure.cellId, figure.value);
    if (input.hiddenPositive) for (const cellId of input.hidden ?? []) model.atLeast(cellId, 1);
    const found = { max: [] as number[], min: [] as number[] };
    // One sense at a time: each solve starts from the previous optimal basis.
    for (const sense of ['max', 'min'] as const) {
      for (const cellId of cellIds) found[sense].push(model.bound(cellId, sense));
    }
    return {
      bounds: cellIds.map((cellId, i) => ({
        cellId,
        min: found.min[i] ?? Number.NaN,
        max: found.max[i] ?? Number.NaN,
      })),
      size: model.size(input.lines.length),
    };
  } finally {
    model.dispose();
  }
}

interface Row {
  cols: number[];
  coefs: number[];
  lower: number;
  upper: number;
}

/**
 * The attacker's linear program: z ≥ 0, one column per atom of each block; rows that make blocks
 * agree on the dimensions they share (every pair of blocks, every shared combination; with none
 * shared, their totals), one row per published figure, and the objective a hidden cell's sum over
 * the smallest block that holds its dimensions. The HiGHS model is built at the first bound and
 * kept: only the costs change between solves.
 */
class AttackerModel {
  private readonly blocks: { dims: Inner[]; index: CellIndex; offset: number }[] = [];
  private readonly rows: Row[] = [];
  private readonly columns: number;
  private model: ReturnType<Highs['createModel']> | null = null;
  private objective: number[] = [];
  private solves = 0;

  constructor(
    private readonly highs: Highs,
    lines: readonly AuditLine[],
    blocks: readonly Inner[][],
  ) {
    let offset = 0;
    for (const dims of blocks) {
      const index = new CellIndex(atomsOver(lines, dims));
      this.blocks.push({ dims, index, offset });
      offset += index.atoms.length;
    }
    this.columns = offset;
    for (let i = 0; i < this.blocks.length; i++) {
      for (let j = i + 1; j < this.blocks.length; j++) this.link(i, j);
    }
  }

  private link(i: number, j: number): void {
    const a = this.blocks[i];
    const b = this.blocks[j];
    if (!a || !b) return;
    const shared = a.dims.filter((d) => b.dims.includes(d));
    const groups = new Map<string, Row>();
    for (const [block, coef] of [
      [a, 1],
      [b, -1],
    ] as const) {
      block.index.atoms.forEach((atom, k) => {
        const key = JSON.stringify(shared.map((d) => atom.attributes[d]));
        const row = groups.get(key) ?? { cols: [], coefs: [], lower: 0, upper: 0 };
        row.cols.push(block.offset + k);
        row.coefs.push(coef);
        groups.set(key, row);
      });
    }
    this.rows.push(...groups.values());
  }

  /** The columns of a cell: its atoms in the smallest block that has all its dimensions. */
  private columnsOf(cellId: string): number[] {
    const dims = tokensOf(cellId).map(([token]) => innerOf(token));
    const block = this.blocks
      .filter((b) => dims.every((d) => b.dims.includes(d)))
      .sort((x, y) => x.dims.length - y.dims.length)[0];
    if (!block) throw new Error(`No block of the attacker's model holds the cell '${cellId}'`);
    return block.index.members(cellId).map((k) => block.offset + k);
  }

  fix(cellId: string, value: number): void {
    const cols = this.columnsOf(cellId);
    this.rows.push({ cols, coefs: cols.map(() => 1), lower: value, upper: value });
  }

  atLeast(cellId: string, value: number): void {
    const cols = this.columnsOf(cellId);
    this.rows.push({ cols, coefs: cols.map(() => 1), lower: value, upper: this.highs.infinity });
  }

  private build(): ReturnType<Highs['createModel']> {
    const { highs, rows, columns } = this;
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (const row of rows) {
      const order = row.cols.map((_c, k) => k).sort((x, y) => (row.cols[x] ?? 0) - (row.cols[y] ?? 0));
      for (const k of order) {
        indices.push(row.cols[k] ?? 0);
        values.push(row.coefs[k] ?? 0);
      }
      starts.push(indices.length);
    }
    const model = highs.createModel({
      numCols: columns,
      numRows: rows.length,
      colCost: new Float64Array(columns),
      colLower: new Float64Array(columns),
      colUpper: new Float64Array(columns).fill(highs.infinity),
      rowLower: rows.map((r) => r.lower),
      rowUpper: rows.map((r) => r.upper),
      matrix: { format: 'csr', numRows: rows.length, numCols: columns, starts, indices, values },
    });
    // Primal simplex without presolve: after a change of costs the last basis is still feasible,
    // so each bound takes a few pivots from it.
    model.options.set({ output_flag: false, random_seed: 0, presolve: 'off', solver: 'simplex', simplex_strategy: 4 });
    return model;
  }

  /** The attacker's maximum or minimum of a cell. */
  bound(cellId: string, sense: 'max' | 'min'): number {
    this.model ??= this.build();
    const { model, highs } = this;
    if (this.objective.length > 0) {
      model.changeColsCost({ kind: 'set', indices: this.objective }, new Float64Array(this.objective.length));
    }
    this.objective = this.columnsOf(cellId);
    if (this.objective.length > 0) {
      model.changeColsCost({ kind: 'set', indices: this.objective }, new Float64Array(this.objective.length).fill(1));
    }
    const { maximize, minimize } = highs.constants.objectiveSense;
    model.changeObjectiveSense(sense === 'max' ? maximize : minimize);
    model.run();
    this.solves++;
    const status = model.getModelStatus();
    const codes = highs.constants.modelStatus;
    if (sense === 'max' && status === codes.unbounded) return Number.POSITIVE_INFINITY;
    if (status !== codes.optimal) throw new Error(`The auditor's LP ended with HiGHS model status ${status}`);
    return model.getObjectiveValue();
  }

  size(lines: number): AuditReport['size'] {
    return {
      lines,
      blocks: this.blocks.length,
      columns: this.columns,
      rows: this.rows.length,
      nonzeros: this.rows.reduce((n, r) => n + r.cols.length, 0),
      solves: this.solves,
    };
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
  }
}

// ---- consistency across outputs ----------------------------------------------------------------

export interface OutputFigure {
  /** Where the figure was read: a table, a page, an API response, a CSV file. */
  source: string;
  cellId: string;
  /** The figure shown, or null where the cell is shown as hidden. */
  value: number | null;
}

export interface Inconsistency {
  cellId: string;
  figures: { source: string; value: number | null }[];
}

/** Cells shown with two different figures, or hidden in one output and shown in another. */
export function checkConsistency(outputs: readonly OutputFigure[]): Inconsistency[] {
  const byCell = new Map<string, { source: string; value: number | null }[]>();
  for (const figure of outputs) {
    const list = byCell.get(figure.cellId) ?? [];
    list.push({ source: figure.source, value: figure.value });
    byCell.set(figure.cellId, list);
  }
  const out: Inconsistency[] = [];
  for (const [cellId, figures] of byCell) {
    if (new Set(figures.map((f) => f.value)).size > 1) out.push({ cellId, figures });
  }
  return out;
}
