import type { Suppressor } from '../../publication/index.ts';

type SuppressionProblem = ConstructorParameters<typeof Suppressor>[1];
type CellStats = SuppressionProblem['cells'][number];
type Equation = SuppressionProblem['equations'][number];

/**
 * The outcome figures' tables (decision 0029, "Outcome figures"; decision 0036): count tables over
 * households, each by year of move-in, specialisation × year and kommun × year with all margins,
 * and the suppression problem that protects them together. Pure: households in, cells out.
 */

export const OUTCOME_MEASURES = ['moved-in', 'partner-work-6', 'partner-work-12', 'stayed-12'] as const;
export type OutcomeMeasure = (typeof OUTCOME_MEASURES)[number];
export const OUTCOME_STATUSES = ['in-work', 'not-in-work', 'stayed', 'left'] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

/** One moved-in household, as the figures see it: no name, no address, no date finer than the year. */
export interface OutcomeHousehold {
  caseId: string;
  /** The year of the move-in. */
  year: string;
  /** The kommun moved to. */
  kommun: string;
  specialisations: readonly string[];
  offerToMoveDays: number | null;
  /** The partner's 12-month answer: in work then, and in work since no later than six months after the move-in. */
  partner: { inWork12: boolean; inWork6: boolean } | null;
  /** Whether the household still lived in the region by its 12-month answers; null: none answered. */
  stayed12: boolean | null;
}

export interface OutcomeKey {
  measure: OutcomeMeasure;
  specialisation: string | null;
  municipality: string | null;
  year: string | null;
  status: OutcomeStatus | null;
}

export interface OutcomeCell extends OutcomeKey {
  id: string;
  /** The households that count in it (the contributors of the primary rule). */
  households: string[];
  /** The days from the accepted offer to the move-in of those that have them (moved-in only). */
  days: number[];
}

type Dim = 'specialisation' | 'municipality' | 'year' | 'status';
type Group = 'moved' | 'partners' | 'stayed';

interface MeasureSpec {
  measure: OutcomeMeasure;
  group: Group;
  status: ((h: OutcomeHousehold) => OutcomeStatus) | null;
  /**
   * Partners in work at 6 and at 12 months are two splits of the same partners: the margin over the
   * status is published once, as partner-work-12's, and both splits add up to it.
   */
  marginOf?: OutcomeMeasure;
}

const MEASURES: readonly MeasureSpec[] = [
  { measure: 'moved-in', group: 'moved', status: null },
  { measure: 'partner-work-12', group: 'partners', status: (h) => (h.partner?.inWork12 ? 'in-work' : 'not-in-work') },
  {
    measure: 'partner-work-6',
    group: 'partners',
    status: (h) => (h.partner?.inWork6 ? 'in-work' : 'not-in-work'),
    marginOf: 'partner-work-12',
  },
  { measure: 'stayed-12', group: 'stayed', status: (h) => (h.stayed12 ? 'stayed' : 'left') },
];

const inGroup: Record<Group, (h: OutcomeHousehold) => boolean> = {
  moved: () => true,
  partners: (h) => h.partner !== null,
  stayed: (h) => h.stayed12 !== null,
};

const TABLES: readonly (readonly Dim[])[] = [['year'], ['specialisation', 'year'], ['municipality', 'year']];
/** Dimensions along which a total is the sum of its parts (specialisation is not: a case may have several). */
const ADDITIVE: readonly Dim[] = ['municipality', 'year', 'status'];

/** The kinds (sets of dimensions) a measure's cells come in: every subset of every table. */
function kindsOf(spec: MeasureSpec): Dim[][] {
  const kinds = new Map<string, Dim[]>();
  for (const table of TABLES) {
    const dims: Dim[] = spec.status ? [...table, 'status'] : [...table];
    for (let mask = 0; mask < 1 << dims.length; mask++) {
      const kind = dims.filter((_d, i) => (mask >> i) & 1);
      if (spec.marginOf && !kind.includes('status')) continue;
      kinds.set(kind.join('|'), kind);
    }
  }
  return [...kinds.values()];
}

export function outcomeCellId(key: OutcomeKey): string {
  const parts: string[] = [key.measure];
  for (const dim of ['municipality', 'specialisation', 'status', 'year'] as const) {
    const value = key[dim];
    if (value !== null) parts.push(`${dim}=${value}`);
  }
  return parts.join('|');
}

interface Atom {
  group: Group;
  households: OutcomeHousehold[];
}

/** The cells of every measure and the atoms (the finest combinations that occur) they sum. */
export function outcomeCells(households: readonly OutcomeHousehold[]): {
  cells: OutcomeCell[];
  problem: SuppressionProblem;
} {
  const atoms = new Map<string, Atom>();
  for (const group of ['moved', 'partners', 'stayed'] as const) {
    const specs = MEASURES.filter((m) => m.group === group);
    for (const h of households) {
      if (!inGroup[group](h)) continue;
      const key = [
        group,
        [...h.specialisations].sort().join(','),
        h.kommun,
        h.year,
        ...specs.map((s) => s.status?.(h)),
      ];
      const id = JSON.stringify(key);
      const atom = atoms.get(id) ?? { group, households: [] };
      atom.households.push(h);
      atoms.set(id, atom);
    }
  }
  const atomList = [...atoms.values()];
  const cells = new Map<string, OutcomeCell & { atoms: Set<number> }>();
  atomList.forEach((atom, index) => {
    const first = atom.households[0];
    if (!first) return;
    for (const spec of MEASURES.filter((m) => m.group === atom.group)) {
      const status = spec.status?.(first) ?? null;
      for (const kind of kindsOf(spec)) {
        const specialisations = kind.includes('specialisation') ? first.specialisations : [null];
        for (const specialisation of specialisations) {
          const key: OutcomeKey = {
            measure: spec.measure,
            specialisation,
            municipality: kind.includes('municipality') ? first.kommun : null,
            year: kind.includes('year') ? first.year : null,
            status: kind.includes('status') ? status : null,
          };
          const id = outcomeCellId(key);
          const cell = cells.get(id) ?? { ...key, id, households: [], days: [], atoms: new Set<number>() };
          if (cell.atoms.has(index)) continue;
          cell.atoms.add(index);
          for (const h of atom.households) {
            cell.households.push(h.caseId);
            if (spec.measure === 'moved-in' && h.offerToMoveDays !== null) cell.days.push(h.offerToMoveDays);
          }
          cells.set(id, cell);
        }
      }
    }
  });
  const ordered = [...cells.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    cells: ordered.map(({ atoms: _atoms, ...cell }) => cell),
    problem: problemOf(ordered, atomList),
  };
}

function problemOf(
  cells: readonly (OutcomeCell & { atoms: Set<number> })[],
  atoms: readonly Atom[],
): SuppressionProblem {
  const stats: CellStats[] = cells.map((cell) => ({
    id: cell.id,
    kind: (['specialisation', 'municipality', 'year', 'status'] as const).filter((d) => cell[d] !== null).join('|'),
    value: cell.households.length,
    // Each household contributes one: the threshold counts households, and dominance (the two
    // largest of ones) hides nothing the threshold does not.
    organisations: cell.households.length,
    top: cell.households.map(() => 1),
    topOrganisations: [...cell.households],
  }));
  const members = cells.map((cell) => Int32Array.from([...cell.atoms].sort((a, b) => a - b)));
  const cellsOfAtom: number[][] = atoms.map(() => []);
  members.forEach((list, cell) => {
    for (const a of list) cellsOfAtom[a]?.push(cell);
  });
  return {
    cells: stats,
    members,
    columns: atoms.length,
    atomValues: Float64Array.from(atoms, (a) => a.households.length),
    cellsOfAtom: cellsOfAtom.map((list) => Int32Array.from(list)),
    linking: [],
    equations: equationsOf(cells),
  };
}

/** For every cell and additive dimension of it, the cell without that dimension is the sum of its parts. */
function equationsOf(cells: readonly OutcomeCell[]): Equation[] {
  const index = new Map(cells.map((c, i) => [c.id, i]));
  const groups = new Map<string, number[]>();
  cells.forEach((cell, i) => {
    for (const dim of ADDITIVE) {
      if (cell[dim] === null) continue;
      const spec = MEASURES.find((m) => m.measure === cell.measure);
      const measure = dim === 'status' && spec?.marginOf ? spec.marginOf : cell.measure;
      const parent = outcomeCellId({ ...cell, measure, [dim]: null });
      if (!index.has(parent)) continue;
      const group = `${parent}\u0000${dim}\u0000${cell.measure}`;
      groups.set(group, [...(groups.get(group) ?? []), i]);
    }
  });
  return [...groups]
    .map(([group, children]) => ({ parent: index.get(group.split('\u0000')[0] ?? '') ?? -1, children }))
    .filter((e) => e.parent >= 0)
    .sort((a, b) => a.parent - b.parent || (a.children[0] ?? 0) - (b.children[0] ?? 0));
}
