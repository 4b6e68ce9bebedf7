import { catalogueKinds, cellId } from './catalogue.ts';
import { cellKeysOf, type InnerStructure, type InnerValues } from './inner-model.ts';

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
  private readonly cellIndex = new Map<string, number>();
  private readonly cells: CellStats[] = [];
  private readonly atomIndex = new Map<string, number>();
  private readonly atoms: AtomStats[] = [];
  /** Per clique, an atom's key → the indices of the cells it lies in. */
  private readonly cellsOfAtom = new Map<string, number[]>();
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
    for (const clique of this.structure.cliques) {
      let key = '';
      for (let i = 0; i < clique.dimensions.length; i++) {
        const dim = clique.dimensions[i];
        key = i === 0 ? (dim ? line.values[dim] : '') : `${key}\u0001${dim ? line.values[dim] : ''}`;
      }
      const atomId = `${clique.index}\u0002${key}`;
      let atom = this.atomIndex.get(atomId);
      if (atom === undefined) {
        atom = this.atoms.length;
        this.atomIndex.set(atomId, atom);
        this.atoms.push({ clique: clique.index, key, value: 0 });
      }
      const stats = this.atoms[atom];
      if (stats) stats.value += line.headcount;
      let cells = this.cellsOfAtom.get(atomId);
      if (!cells) {
        cells = this.cellIndicesOf(clique.index, line.values);
        this.cellsOfAtom.set(atomId, cells);
      }
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
      let at = cell.top.length;
      while (at > 0 && (cell.top[at - 1] ?? 0) < amount) at--;
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
