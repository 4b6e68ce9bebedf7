import { catalogueKinds, cellId } from './catalogue.ts';
import { cellKeysOf, INNER_DIMENSIONS, type InnerStructure, type InnerValues } from './inner-model.ts';

/** One submitted need line in the inner model's terms. */
export interface InnerLine {
  organisationId: string;
  values: InnerValues;
  headcount: number;
}

/**
 * A catalogue cell's figures and what the disclosure rules need: the number of distinct
 * organisations, and the largest contributions (each organisation's sum within the cell) with whose
 * they are (the insider check needs to know whether two hidden cells are one organisation's).
 */
export interface CellStats {
  id: string;
  kind: string;
  value: number;
  organisations: number;
  /** The largest per-organisation contributions, largest first (at most `keep`). */
  top: number[];
  topOrganisations: string[];
}

export interface AtomStats {
  clique: number;
  key: string;
  value: number;
}

export interface RoundCells {
  cells: CellStats[];
  /** Per clique, the combinations of inner values that occur, with their headcount. */
  atoms: AtomStats[];
  /**
   * Skills named by at least the threshold number of organisations, overall ('') and per
   * specialisation, when the lines were read with their skills (readRoundInBulk).
   */
  skills?: { specialisation: string; skillId: string }[];
}

/**
 * Counts, per skill, the organisations that name it, overall and per specialisation, from lines in
 * organisation order: the publication's skill lists (skills are listed, not counted in figures).
 */
export class SkillCounter {
  /** Skills and specialisations as numbers ('' is 0): a pair is one number, no string per line. */
  private readonly skillIds = new Map<string, number>();
  private readonly groupIds = new Map<string, number>([['', 0]]);
  private readonly counts = new Map<number, number>();
  private organisation: string | undefined;
  private readonly seen = new Set<number>();
  private readonly groups: number[] = [];

  add(organisationId: string, specialisations: string, skills: readonly string[]): void {
    if (organisationId !== this.organisation) {
      this.flush();
      this.organisation = organisationId;
    }
    if (skills.length === 0) return;
    this.groups.length = 0;
    this.groups.push(0);
    if (specialisations !== '') {
      for (const code of specialisations.split(',')) this.groups.push(idOf(this.groupIds, code));
    }
    for (const skill of skills) {
      const id = idOf(this.skillIds, skill);
      for (const group of this.groups) this.seen.add(group * SKILL_SPACE + id);
    }
  }

  private flush(): void {
    for (const key of this.seen) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.seen.clear();
  }

  named(minOrganisations: number): { specialisation: string; skillId: string }[] {
    this.flush();
    const skills = [...this.skillIds.keys()];
    const groups = [...this.groupIds.keys()];
    return [...this.counts]
      .filter(([, n]) => n >= minOrganisations)
      .map(([key]) => ({
        specialisation: groups[Math.floor(key / SKILL_SPACE)] ?? '',
        skillId: skills[key % SKILL_SPACE] ?? '',
      }))
      .sort((a, b) => a.specialisation.localeCompare(b.specialisation) || a.skillId.localeCompare(b.skillId));
  }
}

/** More than the taxonomy's skills (about 9,000 in JobTech's list). */
const SKILL_SPACE = 1 << 20;

function idOf(ids: Map<string, number>, code: string): number {
  let id = ids.get(code);
  if (id === undefined) {
    id = ids.size;
    ids.set(code, id);
  }
  return id;
}

/**
 * Accumulates need lines, given in organisation order, into every catalogue cell and every clique
 * atom. Per organisation it first sums the organisation's contribution to each cell it touches
 * (dominance is about organisations, not lines), then folds that into the cell's total, its count of
 * organisations and its largest contributions. Work and memory grow with cells, not lines; the cell
 * keys of an atom are computed once (research/disclosure-control.md §7).
 */
export class CellAccumulator {
  private readonly kindsByClique: Map<number, string[]>;
  private readonly cliqueDimensionIndices: number[][];
  private readonly cellIndex = new Map<string, number>();
  private readonly cells: CellStats[] = [];
  private readonly atomIndex = new Map<string, number>();
  private readonly atoms: AtomStats[] = [];
  /** For each atom, the indices of the cells it lies in. */
  private readonly cellsOfAtom: number[][] = [];
  /** Per inner dimension, each value's number; the current line's numbers. */
  private readonly valueIds: Map<string, number>[] = INNER_DIMENSIONS.map(() => new Map());
  private readonly lineIds = new Int32Array(INNER_DIMENSIONS.length);
  /** Per clique, an atom's numeric key (its values' numbers in base 4096) → the atom. */
  private readonly atomByNumber = new Map<number, Map<number, number>>();
  private organisation: string | undefined;
  /** The current organisation's sum per cell, and which cells it touched (typed arrays: the hot loop). */
  private local = new Float64Array(1024);
  private touched = new Int32Array(1024);
  private touchedCount = 0;

  constructor(
    private readonly structure: InnerStructure,
    private readonly keep: number,
    /** Figures accumulated by an earlier step, to go on from (organisations not split between steps). */
    from?: RoundCells,
  ) {
    if (from) {
      for (const cell of from.cells) {
        this.cellIndex.set(cell.id, this.cells.length);
        this.cells.push(cell);
      }
      for (const atom of from.atoms) {
        this.atomIndex.set(`${atom.clique}\u0002${atom.key}`, this.atoms.length);
        this.atoms.push(atom);
      }
    }
    this.cliqueDimensionIndices = structure.cliques.map((c) => c.dimensions.map((d) => INNER_DIMENSIONS.indexOf(d)));
    this.kindsByClique = new Map();
    for (const kind of catalogueKinds()) {
      const clique = structure.cliqueOfKind.get(kind);
      if (clique === undefined) continue;
      const list = this.kindsByClique.get(clique) ?? [];
      list.push(kind);
      this.kindsByClique.set(clique, list);
    }
  }

  add(line: InnerLine): void {
    if (line.organisationId !== this.organisation) {
      this.flush();
      this.organisation = line.organisationId;
    }
    // Each inner value as a small number, so that an atom is found by a numeric key.
    for (let d = 0; d < INNER_DIMENSIONS.length; d++) {
      const dimension = INNER_DIMENSIONS[d];
      const value = dimension ? line.values[dimension] : '';
      const ids = this.valueIds[d] as Map<string, number>;
      let id = ids.get(value);
      if (id === undefined) {
        id = ids.size;
        ids.set(value, id);
      }
      this.lineIds[d] = id;
    }
    for (const clique of this.structure.cliques) {
      const atom = this.atomFor(clique.index, line.values);
      const stats = this.atoms[atom];
      if (stats) stats.value += line.headcount;
      const cells = this.cellsOfAtom[atom] ?? [];
      for (let i = 0; i < cells.length; i++) {
        const cell = cells[i] ?? 0;
        if (cell >= this.local.length) this.grow(cell);
        if (this.local[cell] === 0) {
          if (this.touchedCount === this.touched.length) {
            const bigger = new Int32Array(this.touched.length * 2);
            bigger.set(this.touched);
            this.touched = bigger;
          }
          this.touched[this.touchedCount++] = cell;
        }
        this.local[cell] = (this.local[cell] ?? 0) + line.headcount;
      }
    }
  }

  private atomFor(clique: number, values: InnerValues): number {
    const dimensions = this.cliqueDimensionIndices[clique] ?? [];
    let key = 0;
    let numeric = true;
    for (const d of dimensions) {
      const id = this.lineIds[d] ?? 0;
      if (id >= 4096) numeric = false;
      key = key * 4096 + id;
    }
    const byNumber = this.atomByNumber.get(clique) ?? new Map<number, number>();
    this.atomByNumber.set(clique, byNumber);
    if (numeric) {
      const known = byNumber.get(key);
      if (known !== undefined) return known;
    }
    const text = (this.structure.cliques[clique]?.dimensions ?? []).map((dim) => values[dim]).join('\u0001');
    const atomId = `${clique}\u0002${text}`;
    let atom = this.atomIndex.get(atomId);
    if (atom === undefined) {
      atom = this.atoms.length;
      this.atomIndex.set(atomId, atom);
      this.atoms.push({ clique, key: text, value: 0 });
    }
    if (this.cellsOfAtom[atom] === undefined) this.cellsOfAtom[atom] = this.cellIndicesOf(clique, values);
    if (numeric) byNumber.set(key, atom);
    return atom;
  }

  private grow(cell: number): void {
    const bigger = new Float64Array(Math.max(cell + 1, this.local.length * 2));
    bigger.set(this.local);
    this.local = bigger;
  }

  private cellIndicesOf(clique: number, values: InnerValues): number[] {
    const out: number[] = [];
    for (const kind of this.kindsByClique.get(clique) ?? []) {
      for (const key of cellKeysOf(kind, values)) {
        const id = cellId(key);
        let index = this.cellIndex.get(id);
        if (index === undefined) {
          index = this.cells.length;
          this.cellIndex.set(id, index);
          this.cells.push({ id, kind, value: 0, organisations: 0, top: [], topOrganisations: [] });
        }
        out.push(index);
      }
    }
    return out;
  }

  private flush(): void {
    const organisation = this.organisation;
    if (organisation === undefined) return;
    for (let t = 0; t < this.touchedCount; t++) {
      const index = this.touched[t] ?? 0;
      const amount = this.local[index] ?? 0;
      this.local[index] = 0;
      const cell = this.cells[index];
      if (!cell) continue;
      cell.value += amount;
      cell.organisations += 1;
      const top = cell.top;
      // Most contributions are smaller than the cell's largest ones: one comparison, no insertion.
      if (top.length === this.keep && (top[this.keep - 1] ?? 0) >= amount) continue;
      let at = top.length;
      while (at > 0 && (top[at - 1] ?? 0) < amount) at--;
      if (at < this.keep) {
        cell.top.splice(at, 0, amount);
        cell.topOrganisations.splice(at, 0, organisation);
        if (cell.top.length > this.keep) {
          cell.top.pop();
          cell.topOrganisations.pop();
        }
      }
    }
    this.touchedCount = 0;
  }

  /** The cells and atoms; lines of one organisation must not be added after this. */
  result(): RoundCells {
    this.flush();
    this.organisation = undefined;
    return { cells: this.cells, atoms: this.atoms };
  }
}
