import { MULTI_VALUED, parseCellId, parseToken } from './catalogue.ts';
import type { AtomStats, CellStats, RoundCells } from './cells.ts';
import { cellKeysOf, type InnerStructure, type InnerValues } from './inner-model.ts';

/**
 * The round as a suppression problem: cells with the atoms (LP columns) they sum, the clique-tree
 * links, and the additive equations (a cell and the cells that split it along one dimension), which
 * the insider rule walks.
 */
export interface SuppressionProblem {
  cells: CellStats[];
  /** For each cell, the global indices of the atoms it sums. */
  members: Int32Array[];
  columns: number;
  /** The true headcount of each atom (the secret the attacker is after). */
  atomValues: Float64Array;
  /** For each atom, the cells it lies in. */
  cellsOfAtom: Int32Array[];
  linking: { cols: Int32Array; coefs: Float64Array }[];
  equations: Equation[];
}

export interface Equation {
  parent: number;
  children: number[];
}

export function buildProblem(structure: InnerStructure, round: RoundCells): SuppressionProblem {
  const { cells, atoms } = round;
  const cellIndex = new Map(cells.map((c, i) => [c.id, i]));
  const members: number[][] = cells.map(() => []);
  const atomsByClique = new Map<number, { atom: AtomStats; index: number }[]>();
  atoms.forEach((atom, index) => {
    const list = atomsByClique.get(atom.clique) ?? [];
    list.push({ atom, index });
    atomsByClique.set(atom.clique, list);
  });
  const kindsByClique = new Map<number, string[]>();
  for (const [kind, clique] of structure.cliqueOfKind) {
    const list = kindsByClique.get(clique) ?? [];
    list.push(kind);
    kindsByClique.set(clique, list);
  }
  const valuesOf = (atom: AtomStats): Partial<InnerValues> => {
    const dims = structure.cliques[atom.clique]?.dimensions ?? [];
    const parts = atom.key.split('\u0001');
    return Object.fromEntries(dims.map((dim, i) => [dim, parts[i] ?? '']));
  };
  for (const [clique, list] of atomsByClique) {
    for (const { atom, index } of list) {
      const values = valuesOf(atom);
      for (const kind of kindsByClique.get(clique) ?? []) {
        for (const key of cellKeysOf(kind, values)) {
          const cell = cellIndex.get(cellIdOfKey(key));
          if (cell !== undefined) members[cell]?.push(index);
        }
      }
    }
  }

  // Links: for each clique and its parent, the atoms' sums over each separator value agree.
  const linking: { cols: Int32Array; coefs: Float64Array }[] = [];
  for (const clique of structure.cliques) {
    if (clique.parent === null) continue;
    const groups = new Map<string, { cols: number[]; coefs: number[] }>();
    for (const [which, coef] of [
      [clique.index, 1],
      [clique.parent, -1],
    ] as const) {
      for (const { atom, index } of atomsByClique.get(which) ?? []) {
        const values = valuesOf(atom);
        const key = clique.separator.map((dim) => values[dim] ?? '').join('\u0001');
        const group = groups.get(key) ?? { cols: [], coefs: [] };
        group.cols.push(index);
        group.coefs.push(coef);
        groups.set(key, group);
      }
    }
    for (const key of [...groups.keys()].sort()) {
      const group = groups.get(key);
      if (group) linking.push({ cols: Int32Array.from(group.cols), coefs: Float64Array.from(group.coefs) });
    }
  }

  const cellsOfAtom: number[][] = atoms.map(() => []);
  members.forEach((list, cell) => {
    for (const a of list) cellsOfAtom[a]?.push(cell);
  });
  return {
    cells,
    members: members.map((m) => Int32Array.from(m)),
    columns: atoms.length,
    atomValues: Float64Array.from(atoms, (a) => a.value),
    cellsOfAtom: cellsOfAtom.map((m) => Int32Array.from(m)),
    linking,
    equations: additiveEquations(cells, cellIndex),
  };
}

function cellIdOfKey(key: Record<string, string>): string {
  return Object.keys(key)
    .sort()
    .map((token) => `${token}=${key[token]}`)
    .join('|');
}

/**
 * For every cell and every dimension of it along which needs split without overlap (one code per
 * need: not specialisation, focus area or strategy), the cell that sums over that dimension — or,
 * for an SSYK level, the level above — is the sum of its children.
 */
function additiveEquations(cells: readonly CellStats[], cellIndex: Map<string, number>): Equation[] {
  const byParent = new Map<string, number[]>();
  cells.forEach((cell, index) => {
    const key = parseCellId(cell.id);
    for (const token of Object.keys(key)) {
      const td = parseToken(token);
      if (MULTI_VALUED.has(td.dimension)) continue;
      const parent: Record<string, string> = { ...key };
      delete parent[token];
      const code = key[token] ?? '';
      if (td.dimension === 'occupation' && (td.level ?? 4) > 1 && /^\d+$/.test(code)) {
        parent[`occupation@${(td.level ?? 4) - 1}`] = code.slice(0, (td.level ?? 4) - 1);
      } else if (td.dimension === 'occupation' && (td.level ?? 4) > 1) {
        parent[`occupation@${(td.level ?? 4) - 1}`] = code;
      }
      const parentId = cellIdOfKey(parent);
      if (!cellIndex.has(parentId)) continue;
      const group = `${parentId}\u0000${token}`;
      const list = byParent.get(group) ?? [];
      list.push(index);
      byParent.set(group, list);
    }
  });
  const out: Equation[] = [];
  for (const [group, children] of byParent) {
    const parent = cellIndex.get(group.split('\u0000')[0] ?? '');
    if (parent !== undefined) out.push({ parent, children: children.sort((a, b) => a - b) });
  }
  return out.sort((a, b) => a.parent - b.parent || (a.children[0] ?? 0) - (b.children[0] ?? 0));
}
