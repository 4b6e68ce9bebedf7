import {
  CATALOGUE,
  type CatalogueTable,
  catalogueKinds,
  type PublicDimension,
  parseToken,
  type SsykLevel,
} from './catalogue.ts';

/**
 * The attacker's model of a round (research/disclosure-control.md §3): every published cell is a sum
 * of non-negative inner quantities, so that hierarchies (SSYK 4→3→2→1, focus area → specialisation,
 * kommun → region) and margins need no equations of their own.
 *
 * Inner dimensions are what a need line has: its occupation (SSYK-4), horizon, …, and for the
 * dimensions a need can hold several codes of, the *set* of codes (`areaSet`): a need in Tech and
 * Missions is one quantity that counts in both specialisation cells and once in their distinct
 * total. Writing every cell over the full cross-classification would grow with the data; instead the
 * inner model is one table per maximal clique of the graph whose edges join inner dimensions that
 * appear together in a catalogue table, linked by equal sums over their separators. For a chordal
 * graph this is exact: any non-negative clique tables that agree on separators extend to a
 * non-negative joint table (Dobra & Fienberg 2000), so the attacker's bounds are those of the full
 * cross-classification restricted to combinations that occur (which tells the attacker which
 * combinations are empty: conservative).
 */
export const INNER_DIMENSIONS = [
  'areaSet',
  'focusSet',
  'occupation',
  'horizon',
  'educationLevel',
  'municipality',
  'sector',
  'sizeClass',
  'difficulty',
  'strategySet',
] as const;
export type InnerDimension = (typeof INNER_DIMENSIONS)[number];

const INNER_OF: Record<PublicDimension, InnerDimension> = {
  specialisation: 'areaSet',
  focusArea: 'focusSet',
  occupation: 'occupation',
  horizon: 'horizon',
  educationLevel: 'educationLevel',
  municipality: 'municipality',
  sector: 'sector',
  sizeClass: 'sizeClass',
  difficulty: 'difficulty',
  strategy: 'strategySet',
};

export function innerOf(dimension: PublicDimension): InnerDimension {
  return INNER_OF[dimension];
}

/** Inner dimensions whose value is a set of codes, written sorted and comma-separated. */
export const SET_DIMENSIONS: ReadonlySet<InnerDimension> = new Set(['areaSet', 'focusSet', 'strategySet']);

/**
 * Public links that are not tables: a focus area lies under its specialisation, so a need with a
 * focus area always has its specialisation. Putting both sets in one clique lets the combinations
 * that occur carry that knowledge.
 */
const STRUCTURAL_EDGES: readonly [InnerDimension, InnerDimension][] = [['areaSet', 'focusSet']];

/** An occupation code rolled up to an SSYK level; a JobTech group without an SSYK code keeps its id. */
export function rollUpOccupation(code: string, level: SsykLevel): string {
  return /^\d{4}$/.test(code) ? code.slice(0, level) : code;
}

export interface Clique {
  index: number;
  dimensions: InnerDimension[];
  /** The clique-tree parent and the dimensions shared with it; the root has none. */
  parent: number | null;
  separator: InnerDimension[];
}

export interface InnerStructure {
  cliques: Clique[];
  /** For each cell kind of the catalogue, the clique whose atoms its cells are written over. */
  cliqueOfKind: Map<string, number>;
}

function innerDimensionsOfKind(kind: string): InnerDimension[] {
  if (kind === '') return [];
  return [...new Set(kind.split('|').map((token) => innerOf(parseToken(token).dimension)))];
}

/**
 * Maximal cliques of a chordal graph by maximum cardinality search (Tarjan & Yannakakis 1984), and a
 * clique tree by a maximum-weight spanning tree over separator sizes. Throws when the graph is not
 * chordal: the catalogue must then add a table (a fill-in edge) to make it so.
 */
export function deriveStructure(tables: readonly CatalogueTable[] = CATALOGUE): InnerStructure {
  const nodes = new Set<InnerDimension>();
  const adjacent = new Map<InnerDimension, Set<InnerDimension>>();
  const link = (a: InnerDimension, b: InnerDimension) => {
    if (a === b) return;
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const set = adjacent.get(x) ?? new Set<InnerDimension>();
      set.add(y);
      adjacent.set(x, set);
    }
  };
  for (const table of tables) {
    const inner = [...new Set(table.dimensions.map((td) => innerOf(td.dimension)))];
    for (const a of inner) nodes.add(a);
    for (const a of inner) for (const b of inner) link(a, b);
  }
  for (const [a, b] of STRUCTURAL_EDGES) if (nodes.has(a) && nodes.has(b)) link(a, b);

  // Maximum cardinality search, ties broken in INNER_DIMENSIONS order for a deterministic result.
  const order: InnerDimension[] = [];
  const weight = new Map<InnerDimension, number>([...nodes].map((n) => [n, 0]));
  while (order.length < nodes.size) {
    let best: InnerDimension | undefined;
    for (const n of INNER_DIMENSIONS) {
      if (!nodes.has(n) || order.includes(n)) continue;
      if (best === undefined || (weight.get(n) ?? 0) > (weight.get(best) ?? 0)) best = n;
    }
    if (best === undefined) break;
    order.push(best);
    for (const m of adjacent.get(best) ?? []) if (!order.includes(m)) weight.set(m, (weight.get(m) ?? 0) + 1);
  }
  // In MCS order, each node with its earlier neighbours is a clique when the graph is chordal.
  const candidates = order.map((n, i) => {
    const earlier = order.slice(0, i).filter((m) => adjacent.get(n)?.has(m));
    for (const a of earlier)
      for (const b of earlier)
        if (a !== b && !adjacent.get(a)?.has(b)) {
          throw new Error(`The catalogue's dimension graph is not chordal (${a} – ${n} – ${b})`);
        }
    return [...earlier, n];
  });
  const maximal = candidates.filter(
    (c, i) => !candidates.some((other, j) => j !== i && other.length > c.length && c.every((x) => other.includes(x))),
  );
  const sorted = maximal.map((c) => INNER_DIMENSIONS.filter((dim) => c.includes(dim)));

  // Prim's algorithm over intersection sizes from the largest clique.
  const root = sorted.reduce((best, c, i) => ((sorted[best]?.length ?? 0) >= c.length ? best : i), 0);
  const cliques: Clique[] = sorted.map((dimensions, index) => ({ index, dimensions, parent: null, separator: [] }));
  const inTree = new Set<number>([root]);
  while (inTree.size < cliques.length) {
    let pick: { child: number; parent: number; shared: InnerDimension[] } | undefined;
    for (const c of cliques) {
      if (inTree.has(c.index)) continue;
      for (const p of inTree) {
        const shared = c.dimensions.filter((x) => cliques[p]?.dimensions.includes(x));
        if (!pick || shared.length > pick.shared.length) pick = { child: c.index, parent: p, shared };
      }
    }
    if (!pick) break;
    const child = cliques[pick.child];
    if (child) {
      child.parent = pick.parent;
      child.separator = pick.shared;
    }
    inTree.add(pick.child);
  }

  const cliqueOfKind = new Map<string, number>();
  for (const kind of catalogueKinds()) {
    const inner = innerDimensionsOfKind(kind);
    const holding = cliques
      .filter((c) => inner.every((x) => c.dimensions.includes(x)))
      .sort((a, b) => a.dimensions.length - b.dimensions.length || (a.index === root ? -1 : b.index === root ? 1 : 0));
    const chosen = inner.length === 0 ? cliques[root] : holding[0];
    if (!chosen) throw new Error(`No clique holds the cell kind '${kind}'`);
    cliqueOfKind.set(kind, chosen.index);
  }
  return { cliques, cliqueOfKind };
}

/** A need line as the inner model sees it: one value per inner dimension, sets sorted. */
export type InnerValues = Record<InnerDimension, string>;

/**
 * The keys (token → code) of the cells of one kind that a combination of inner values falls in:
 * one per code of each set dimension the kind has (a need in two specialisations counts in both).
 */
export function cellKeysOf(kind: string, values: Readonly<Partial<InnerValues>>): Record<string, string>[] {
  if (kind === '') return [{}];
  let keys: Record<string, string>[] = [{}];
  for (const token of kind.split('|')) {
    const td = parseToken(token);
    const inner = innerOf(td.dimension);
    const raw = values[inner] ?? '';
    let codes: string[];
    if (SET_DIMENSIONS.has(inner)) codes = raw === '' ? [] : raw.split(',');
    else if (td.dimension === 'occupation') codes = [rollUpOccupation(raw, td.level ?? 4)];
    else codes = [raw];
    const next: Record<string, string>[] = [];
    for (const key of keys) for (const code of codes) next.push({ ...key, [token]: code });
    keys = next;
  }
  return keys;
}
