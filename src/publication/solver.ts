import type { Highs, HighsCallbackMap, Model } from 'highs';
import type { LoadSolver } from '../core/deps.ts';

/**
 * The linear-programming solver, HiGHS compiled to WebAssembly (npm `highs`), injected because the
 * two runtimes load WebAssembly differently: Node reads the file beside the loader, the Worker
 * imports the compiled module (src/worker.ts). docs/decisions/0020-joint-publication.md says why a
 * real solver.
 */
export type { LoadSolver };

export type Sense = 'max' | 'min';

/**
 * The least figure the attacker may assume for a hidden cell. Views show a hidden cell as hidden
 * (and offer a coarser figure), an empty one not at all, so everyone knows a hidden cell holds at
 * least one person. Measured on the Blekinge-sized round: assuming only non-negativity (0) hides
 * 1,604 of 2,471 cells against 1,634, and is unsafe (the LP auditor's hidden-positive case).
 */
export const HIDDEN_AT_LEAST = 1;

export interface BoundResult {
  /** 'unbounded' only when maximising over a model whose grand total is hidden. */
  status: 'optimal' | 'unbounded';
  value: number;
  /** The attacker's solution: a table consistent with everything published (a witness). */
  colValue: Float64Array | null;
  /** Row duals of the cell rows (index = cell), for choosing which published cell to hide. */
  cellDual: Float64Array | null;
}

/** A simplex basis (HiGHS's status codes per column and per row), kept in a publication's state. */
export interface SavedBasis {
  cols: number[];
  rows: number[];
}

export class SolverFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SolverFailure';
  }
}

/**
 * The attacker's linear program over one round: columns are the inner model's atoms (z ≥ 0), rows
 * are first the clique-tree links (Σ child − Σ parent = 0 over each separator value), then one row
 * per catalogue cell: fixed at its value while the cell is published, at least 1 while it is hidden
 * (a hidden cell is shown as hidden, so everyone knows it is not empty). One persistent HiGHS model
 * is kept and changed in place: hiding or publishing a cell changes its row's bounds, an objective
 * is a few changed costs, and each solve starts from the previous basis.
 */
/**
 * The callbacks of a run that call `checkpoint` at HiGHS's periodic checkpoints of the simplex
 * method: Node's worker thread pauses there while the server thread is busy (one cold solve of a
 * large round's model takes seconds). None without a checkpoint.
 */
export function checkpoints(highs: Highs, checkpoint: (() => void) | undefined): HighsCallbackMap | undefined {
  if (!checkpoint) return undefined;
  return {
    [highs.constants.callbackType.simplexInterrupt]: () => {
      checkpoint();
      return undefined;
    },
  };
}

export class AttackerLp {
  /** Called at the simplex method's checkpoints during a solve (`checkpoints`). */
  checkpoint: (() => void) | undefined;
  private model: Model | null = null;
  private objective: Int32Array = new Int32Array(0);
  private start: SavedBasis | null = null;
  /**
   * The upper bound of a hidden cell's row: twice the largest figure of the round and more, out of
   * reach of every protection level (at most the cell's own value again), so it never decides
   * whether a cell is safe. Finite, because HiGHS's warm start was seen to stop at a wrong optimum
   * after an equality row was widened to an infinite upper bound.
   */
  private readonly ceiling: number;

  constructor(
    private readonly highs: Highs,
    readonly columns: number,
    private readonly linking: readonly { cols: Int32Array; coefs: Float64Array }[],
    private readonly cells: readonly { members: Int32Array; value: number }[],
    private readonly hidden: (cell: number) => boolean,
  ) {
    this.ceiling = 2 * cells.reduce((m, c) => Math.max(m, c.value), 1) + 2;
  }

  private build(): Model {
    const { highs, linking, cells } = this;
    const rows = linking.length + cells.length;
    let nonzeros = 0;
    for (const row of linking) nonzeros += row.cols.length;
    for (const cell of cells) nonzeros += cell.members.length;
    const starts = new Int32Array(rows + 1);
    const indices = new Int32Array(nonzeros);
    const values = new Float64Array(nonzeros);
    const lower = new Float64Array(rows);
    const upper = new Float64Array(rows);
    let at = 0;
    let r = 0;
    for (const row of linking) {
      for (const k of sortedOrder(row.cols)) {
        indices[at] = row.cols[k] ?? 0;
        values[at] = row.coefs[k] ?? 0;
        at++;
      }
      r++;
      starts[r] = at;
    }
    cells.forEach((cell, i) => {
      const sorted = Int32Array.from(cell.members).sort();
      indices.set(sorted, at);
      values.fill(1, at, at + sorted.length);
      at += sorted.length;
      const hidden = this.hidden(i);
      lower[r] = hidden ? HIDDEN_AT_LEAST : cell.value;
      upper[r] = hidden ? this.ceiling : cell.value;
      r++;
      starts[r] = at;
    });
    const model = highs.createModel({
      numCols: this.columns,
      numRows: rows,
      colCost: new Float64Array(this.columns),
      colLower: new Float64Array(this.columns),
      colUpper: new Float64Array(this.columns).fill(highs.infinity),
      rowLower: lower,
      rowUpper: upper,
      matrix: { format: 'csr', numRows: rows, numCols: this.columns, starts, indices, values },
    });
    // Fixed options for a deterministic result (research/disclosure-control.md §4, "Determinism").
    // Primal simplex: after an objective change the previous basis is still feasible, so a solve
    // takes a few iterations (dual simplex restarts: about 6 times slower here).
    model.options.set({ output_flag: false, presolve: 'off', solver: 'simplex', simplex_strategy: 4, random_seed: 0 });
    if (this.start) {
      try {
        model.setBasis({ colStatus: Int32Array.from(this.start.cols), rowStatus: Int32Array.from(this.start.rows) });
      } catch {
        // A basis HiGHS refuses: the first solve starts from the logical basis, as without one.
      }
    }
    this.objective = new Int32Array(0);
    return model;
  }

  /**
   * The basis the model starts from when it is built: a new model that starts from a kept basis
   * solves as fast as one carried on, and the same way whether or not a step boundary came between.
   */
  startFrom(basis: SavedBasis | undefined): void {
    this.start = basis ?? null;
  }

  /** The basis of the last solve, if the model was built. */
  basis(): SavedBasis | null {
    if (!this.model) return null;
    const { colStatus, rowStatus } = this.model.getBasis();
    return { cols: Array.from(colStatus), rows: Array.from(rowStatus) };
  }

  hide(cell: number): void {
    this.model?.changeRowBounds(this.linking.length + cell, HIDDEN_AT_LEAST, this.ceiling);
  }

  publish(cell: number): void {
    const value = this.cells[cell]?.value ?? 0;
    this.model?.changeRowBounds(this.linking.length + cell, value, value);
  }

  /** The attacker's maximum or minimum of Σ weight·z over `cols`, with a witness and the duals. */
  bound(cols: Int32Array, weights: Float64Array | null, sense: Sense): BoundResult {
    if (!this.model) this.model = this.build();
    const model = this.model;
    const costs = weights ?? new Float64Array(cols.length).fill(1);
    // One change of the objective, over the columns of the old and the new one, in index order.
    const next = new Map<number, number>();
    for (const j of this.objective) next.set(j, 0);
    cols.forEach((j, k) => {
      next.set(j, costs[k] ?? 0);
    });
    const indices = Int32Array.from(next.keys()).sort();
    model.changeColsCost(
      { kind: 'set', indices },
      Float64Array.from(indices, (j) => next.get(j) ?? 0),
    );
    this.objective = cols;
    const { maximize, minimize } = this.highs.constants.objectiveSense;
    model.changeObjectiveSense(sense === 'max' ? maximize : minimize);
    // After bounds change the old basis may no longer be primal feasible: the dual simplex is the
    // method for that; after an objective change alone, the primal simplex.
    model.run(checkpoints(this.highs, this.checkpoint));
    const status = model.getModelStatus();
    const codes = this.highs.constants.modelStatus;
    if (status === codes.unbounded && sense === 'max') {
      return { status: 'unbounded', value: Number.POSITIVE_INFINITY, colValue: null, cellDual: null };
    }
    if (status !== codes.optimal) {
      throw new SolverFailure(`The attacker's LP ended with HiGHS model status ${status}`);
    }
    const solution = model.getSolution();
    return {
      status: 'optimal',
      value: model.getObjectiveValue(),
      colValue: solution.colValue,
      cellDual: solution.rowDual.subarray(this.linking.length),
    };
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
  }
}

function sortedOrder(cols: Int32Array): number[] {
  return [...cols.keys()].sort((a, b) => (cols[a] ?? 0) - (cols[b] ?? 0));
}

/**
 * A weighted set cover, solved exactly as a small integer program: the cheapest set of cells that
 * hides at least one cell of each group. Used to choose which published cells to hide next, so
 * that one cell can serve several unsafe hidden cells at once (the master problem of Fischetti &
 * Salazar-González's cell suppression, with one cut per unsafe bound).
 */
export function cheapestCover(highs: Highs, weights: Map<number, number>, groups: readonly number[][]): number[] {
  const candidates = [...new Set(groups.flat())].sort((a, b) => a - b);
  if (candidates.length === 0) return [];
  const column = new Map(candidates.map((c, i) => [c, i]));
  const starts = [0];
  const indices: number[] = [];
  for (const group of groups) {
    for (const c of [...new Set(group)].sort((a, b) => a - b)) indices.push(column.get(c) ?? 0);
    starts.push(indices.length);
  }
  const model = highs.createModel({
    numCols: candidates.length,
    numRows: groups.length,
    colCost: candidates.map((c) => weights.get(c) ?? 1),
    colLower: new Float64Array(candidates.length),
    colUpper: new Float64Array(candidates.length).fill(1),
    rowLower: new Float64Array(groups.length).fill(1),
    rowUpper: new Float64Array(groups.length).fill(highs.infinity),
    matrix: {
      format: 'csr',
      numRows: groups.length,
      numCols: candidates.length,
      starts,
      indices,
      values: new Float64Array(indices.length).fill(1),
    },
    integrality: new Int32Array(candidates.length).fill(highs.constants.variableType.integer),
  });
  try {
    model.options.set({ output_flag: false, random_seed: 0, mip_rel_gap: 0, time_limit: 30 });
    model.run();
    const status = model.getModelStatus();
    const codes = highs.constants.modelStatus;
    if (status !== codes.optimal && status !== codes.timeLimit) {
      throw new SolverFailure(`The cover problem ended with HiGHS model status ${status}`);
    }
    const x = model.getSolution().colValue;
    return candidates.filter((_c, i) => (x[i] ?? 0) > 0.5);
  } finally {
    model.dispose();
  }
}

export type { Highs };
