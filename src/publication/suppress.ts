import type { CellStats } from './cells.ts';
import { type Protection, type PublicationRule, protectionOf } from './primary.ts';
import type { SuppressionProblem } from './problem.ts';
import {
  AttackerLp,
  type BoundResult,
  cheapestCover,
  checkpoints,
  HIDDEN_AT_LEAST,
  type Highs,
  type SavedBasis,
  type Sense,
  SolverFailure,
} from './solver.ts';

/**
 * Secondary suppression over every table of the catalogue at once
 * (docs/decisions/0020-joint-publication.md, research/disclosure-control.md §4):
 *
 * 1. Primary cells (too few organisations, or dominated) are hidden, each with its protection levels.
 * 2. A first pattern without linear programming: in every additive equation (a cell and the cells
 *    that split it along one dimension) nothing or at least two members are hidden.
 * 3. *Audit*: a hidden primary cell is safe when the attacker, from everything published and
 *    non-negativity, cannot narrow it beyond its protection levels either way. A *witness* proves a
 *    side: any table consistent with everything published in which the cell reaches its level. Small
 *    LPs over the cell's neighbourhood (other atoms held at their true values, which keeps every
 *    solution consistent) find most witnesses; one witness often proves many cells. What the small
 *    LPs cannot prove goes to the exact LP over the whole round, whose answer is final.
 * 4. *Add*: for each unsafe side, the published cells whose rows bind in the exact LP (non-zero
 *    duals) are those whose hiding can widen it; the cheapest set of cells that hides one of each
 *    (an exact weighted set cover, solved as an integer program) is hidden, and the audit repeats.
 *    A safe cell stays safe while more is hidden, so only unsafe sides are audited again.
 * 5. *Insiders*: in every additive equation whose total is published, the hidden members together
 *    come from at least max(2, minOrganisations) organisations, so that no organisation can subtract
 *    its own figures and be left with one other organisation's (τ-Argus' singleton handling).
 * 6. *Give back*: secondary cells are tried for publication again, the most valuable first, within a
 *    time budget; one stays published when the insider rule holds and every primary still has a
 *    witness consistent with it (only the sides whose witnesses it contradicts are proved again).
 *
 * Cost of hiding a cell: (1 + ln(1 + value)) × 10^(3 − dimensions): few and small cells, and margins
 * (which users read most) only when nothing else will do.
 */
export type CellStatus = 'published' | 'few' | 'dominance' | 'secondary';

export interface SuppressionReport {
  cells: number;
  primary: number;
  secondary: number;
  iterations: number;
  /** LPs solved. */
  solves: number;
  givenBack: number;
}

export interface SuppressionState {
  phase: 'add' | 'give-back' | 'done';
  /** The secondary cells hidden so far, by index. */
  hidden: number[];
  iterations: number;
  solves: number;
  givenBack: number;
  /** In the give-back phase: the candidates in the order they are tried, and how many were tried. */
  giveBackOrder?: number[];
  cursor: number;
  /**
   * Cells whose minimum is fixed by what every pattern shows: [cell, the attacker's minimum when
   * every cell is hidden]. See `Suppressor.floorOf`.
   */
  floors?: [number, number][];
  /**
   * The sides (by sense, the primary cells) proved safe in an earlier audit-and-add round, and those
   * safe whatever the pattern (TRIVIAL): in the add phase a safe side stays safe while more is hidden.
   */
  proved?: Record<Sense, number[]>;
  trivial?: Record<Sense, number[]>;
  /** The attacker's model's basis after the last audit: where the next one starts. */
  basis?: SavedBasis;
}

/** A table consistent with everything published: the true one plus `delta` on `atoms`. */
interface Witness {
  atoms: Int32Array;
  delta: Float64Array;
}

const EPSILON = 1e-6;
/** From this many atoms a small LP over a hidden cell's neighbourhood is tried before the exact one. */
const LOCAL_FROM_COLUMNS = 4000;
/** The give-back pass tries at most this many secondary cells. */
const GIVE_BACK_CANDIDATES = 150;
/** At most this many atoms in a neighbourhood LP. */
const LOCAL_MAX_ATOMS = 3000;
const NO_WITNESS = -1;
/** Proved by an unbounded maximum (only when the grand total is hidden). */
const UNBOUNDED = -2;
/** Proved by the true table: the side asks for no room. */
const TRIVIAL = -3;
/** Proved in an earlier audit-and-add round, by a witness no longer kept. */
const PROVED = -4;

export function cellWeight(cell: CellStats): number {
  const dimensions = cell.kind === '' ? 0 : cell.kind.split('|').length;
  return (1 + Math.log1p(cell.value)) * 10 ** Math.max(0, 3 - dimensions);
}

export class Suppressor {
  private readonly protection: (Protection | null)[];
  private readonly hidden: Uint8Array;
  private readonly weights: number[];
  private readonly primaries: number[];
  private lp: AttackerLp | null = null;
  private readonly witnesses: (Witness | null)[] = [];
  /** Per sense, per primary: the index of the witness that proves that side. */
  private readonly proof: Record<Sense, Int32Array>;
  readonly state: SuppressionState;
  /**
   * Per cell, the least figure the attacker can prove even when every cell is hidden (0 where not
   * computed). A hidden cell is shown as hidden, an empty one as empty, so a cell whose sub-cells
   * are all shown as hidden holds at least one person per sub-cell: a cell of 2 with two non-empty
   * sub-cells is known to hold at least 2 whatever else is hidden. No pattern can widen that side,
   * so the lower level asks only for what some pattern could give.
   */
  private readonly floor: Float64Array;
  private readonly floorKnown = new Set<number>();
  /** The model with every cell hidden, for `floorOf`. */
  private structural: AttackerLp | null = null;
  /** Progress lines for benchmarks and debugging. */
  trace: ((line: string) => void) | undefined;
  /**
   * Called after each linear program and at the simplex method's checkpoints within one (a cold
   * solve of a large round's model takes seconds): Node's worker thread pauses there while the
   * server thread is busy (src/node/yield-to-requests.ts).
   */
  yieldToRequests: (() => void) | undefined;

  constructor(
    private readonly highs: Highs,
    private readonly problem: SuppressionProblem,
    private readonly rule: PublicationRule,
    state?: SuppressionState,
  ) {
    this.protection = problem.cells.map((c) => protectionOf(c, rule));
    this.weights = problem.cells.map(cellWeight);
    this.primaries = this.protection.flatMap((p, i) => (p ? [i] : []));
    this.hidden = new Uint8Array(problem.cells.length);
    for (const p of this.primaries) this.hidden[p] = 1;
    this.state = state ?? {
      phase: 'add',
      hidden: [],
      iterations: 0,
      solves: 0,
      givenBack: 0,
      cursor: 0,
    };
    for (const s of this.state.hidden) this.hidden[s] = 1;
    this.floor = new Float64Array(problem.cells.length);
    for (const [cell, floor] of this.state.floors ?? []) {
      this.floor[cell] = floor;
      this.floorKnown.add(cell);
    }
    this.proof = {
      max: new Int32Array(problem.cells.length).fill(NO_WITNESS),
      min: new Int32Array(problem.cells.length).fill(NO_WITNESS),
    };
    for (const sense of ['max', 'min'] as const) {
      for (const cell of this.state.proved?.[sense] ?? []) this.proof[sense][cell] = PROVED;
      for (const cell of this.state.trivial?.[sense] ?? []) this.proof[sense][cell] = TRIVIAL;
    }
  }

  /**
   * Runs until done, until `deadline` (a reading of `clock`) passes, or until it has done `units`
   * units of work (an audit-and-add round, or one give-back candidate); true when done. The result
   * does not depend on where it stops: a later call goes on from there.
   */
  run(clock: () => number, deadline = Number.POSITIVE_INFINITY, units = Number.POSITIVE_INFINITY): boolean {
    try {
      for (let done = 0; this.state.phase !== 'done'; done++) {
        if (clock() > deadline || done >= units) return false;
        if (this.state.phase === 'add') this.addStep();
        else this.giveBackStep();
      }
      return true;
    } finally {
      this.state.hidden = this.secondaries();
      const sides = (keep: (proof: number) => boolean) => ({
        max: this.primaries.filter((p) => keep(this.proof.max[p] ?? NO_WITNESS)),
        min: this.primaries.filter((p) => keep(this.proof.min[p] ?? NO_WITNESS)),
      });
      this.state.proved = sides((w) => w !== NO_WITNESS && w !== TRIVIAL);
      this.state.trivial = sides((w) => w === TRIVIAL);
    }
  }

  /**
   * Audits the final pattern from scratch (every side of every primary, no witness carried over):
   * the sides that are not safe. Empty for any pattern this class produced; a safeguard before
   * anything is stored.
   */
  certify(): { cell: string; sense: Sense }[] {
    this.proof.max.fill(NO_WITNESS);
    this.proof.min.fill(NO_WITNESS);
    this.witnesses.length = 0;
    return this.audit()
      .filter(({ cell, sense }) => this.confirm(cell, sense) !== null)
      .map(({ cell, sense }) => ({ cell: this.problem.cells[cell]?.id ?? String(cell), sense }));
  }

  /** Publishes all but the primary cells: to show that the audit then fails. */
  skipSecondary(): void {
    this.state.phase = 'done';
  }

  statuses(): CellStatus[] {
    return this.problem.cells.map((_c, i) => {
      const p = this.protection[i];
      if (p) return p.reason;
      return this.hidden[i] ? 'secondary' : 'published';
    });
  }

  protectionOf(cell: number): Protection | null {
    return this.protection[cell] ?? null;
  }

  report(): SuppressionReport {
    return {
      cells: this.problem.cells.length,
      primary: this.primaries.length,
      secondary: this.secondaries().length,
      iterations: this.state.iterations,
      solves: this.state.solves,
      givenBack: this.state.givenBack,
    };
  }

  private solved(): void {
    this.state.solves++;
    this.yieldToRequests?.();
  }

  private dropModel(): void {
    this.lp?.dispose();
    this.lp = null;
  }

  dispose(): void {
    this.lp?.dispose();
    this.lp = null;
    this.structural?.dispose();
    this.structural = null;
  }

  private secondaries(): number[] {
    const out: number[] = [];
    this.hidden.forEach((h, i) => {
      if (h && !this.protection[i]) out.push(i);
    });
    return out;
  }

  /** The attacker's LP over this problem's cells, with `hidden` ones hidden. */
  private newLp(hidden: (cell: number) => boolean): AttackerLp {
    const lp = new AttackerLp(
      this.highs,
      this.problem.columns,
      this.problem.linking,
      this.problem.members.map((members, i) => ({ members, value: this.problem.cells[i]?.value ?? 0 })),
      hidden,
    );
    lp.checkpoint = this.yieldToRequests;
    return lp;
  }

  private model(): AttackerLp {
    if (!this.lp) {
      this.lp = this.newLp((i) => this.hidden[i] === 1);
      this.lp.startFrom(this.state.basis);
    }
    return this.lp;
  }

  private hide(cell: number): void {
    if (this.hidden[cell]) return;
    this.hidden[cell] = 1;
    this.lp?.hide(cell);
  }

  private cheapest(cells: number[]): number | undefined {
    return cells.sort((a, b) => (this.weights[a] ?? 0) - (this.weights[b] ?? 0) || a - b)[0];
  }

  /**
   * The exact LP of one side in a model built for it alone (no warm start): the answer that counts
   * before a cell is declared impossible to protect or a final pattern is refused. HiGHS's warm
   * starts in the shared model have been seen to stop at a wrong optimum after rows were widened;
   * a wrong answer there only makes the suppressor hide more, never publish what it must not.
   */
  private confirm(cell: number, sense: Sense): BoundResult | null {
    const fresh = this.newLp((i) => this.hidden[i] === 1);
    try {
      const result = fresh.bound(this.problem.members[cell] ?? new Int32Array(0), null, sense);
      this.solved();
      if (result.status === 'unbounded') return null;
      const x = result.colValue;
      if (x) {
        if (this.keep(this.witnessOf(x), new Set([cell]), sense, cell)) {
          return null;
        }
      }
      return result;
    } finally {
      fresh.dispose();
    }
  }

  /**
   * Each audit-and-add round starts with a new attacker's model from the basis the state keeps: the
   * duals that choose the next cells to hide depend on where the solver starts, so a round that went
   * on in the previous round's model could choose otherwise than one that starts after a step
   * boundary, and the publication would depend on where the steps fell. Kept witnesses only save
   * work: a round audits the sides without a proof (state.proved says which after a boundary).
   */
  private addStep(): void {
    // A new model each round, from the basis kept in the state (the same in steps as in one go).
    this.dropModel();
    this.state.iterations++;
    if (this.state.iterations > 500) throw new SolverFailure('Secondary suppression did not settle in 500 rounds');
    if (this.state.iterations === 1) this.enforceEquations();
    this.enforceInsiders();
    const unsafe = this.audit();
    this.state.basis = this.lp?.basis() ?? this.state.basis;
    this.trace?.(
      `iteration ${this.state.iterations}: unsafe ${unsafe.length}, solves ${this.state.solves}, secondary ${this.secondaries().length}`,
    );
    if (unsafe.length === 0) {
      this.state.phase = 'give-back';
      this.state.cursor = 0;
      return;
    }
    const groups = unsafe.flatMap(({ cell, sense, result }) => {
      if (sense === 'min' && this.settledByFloor(cell, result)) return [];
      const candidates = this.candidatesFor(cell, result);
      if (candidates.length > 0) return [candidates];
      // Nothing published binds it: check in a model of its own before giving up.
      const confirmed = this.confirm(cell, sense);
      if (!confirmed) return [];
      const again = this.candidatesFor(cell, confirmed);
      if (again.length > 0) return [again];
      // A minimum that hiding everything would not lower is the structure's, not the pattern's.
      if (sense === 'min' && this.settledByFloor(cell, confirmed)) return [];
      const c = this.problem.cells[cell];
      throw new SolverFailure(
        `Hidden cell ${c?.id} (${c?.value}) cannot be protected: the attacker's ${sense}imum is ${confirmed.value}`,
      );
    });
    if (groups.length === 0) return;
    const chosen = cheapestCover(this.highs, new Map(groups.flat().map((c) => [c, this.weights[c] ?? 1])), groups);
    if (chosen.length === 0) throw new SolverFailure('No published cell can protect a hidden one');
    for (const c of chosen) this.hide(c);
  }

  /**
   * Published cells whose hiding can widen this side: the rows that bind in the exact LP (non-zero
   * duals). A degenerate optimum may put all its weight on the links between cliques and on hidden
   * cells' lower bounds; then the published cells that share an atom with the cell, and after them
   * those that share an atom with a link the cell's atoms are in, are the candidates.
   */
  private candidatesFor(cell: number, result: BoundResult): number[] {
    const out = new Set<number>();
    result.cellDual?.forEach((y, i) => {
      if (Math.abs(y) > 1e-9 && !this.hidden[i]) out.add(i);
    });
    if (out.size > 0) return [...out];
    const atoms = this.problem.members[cell] ?? new Int32Array(0);
    for (const a of atoms) for (const c of this.problem.cellsOfAtom[a] ?? []) if (!this.hidden[c]) out.add(c);
    if (out.size > 0) return [...out];
    const mine = new Set(atoms);
    for (const link of this.problem.linking) {
      if (!link.cols.some((a) => mine.has(a))) continue;
      for (const a of link.cols) for (const c of this.problem.cellsOfAtom[a] ?? []) if (!this.hidden[c]) out.add(c);
    }
    return [...out];
  }

  /** Step 2 above: a lone hidden member of an equation gets the cheapest published partner. */
  private enforceEquations(): void {
    let changed = true;
    while (changed) {
      changed = false;
      for (const eq of this.problem.equations) {
        let hidden = this.hidden[eq.parent] ?? 0;
        for (const m of eq.children) hidden += this.hidden[m] ?? 0;
        if (hidden !== 1) continue;
        const children = eq.children.filter((m) => !this.hidden[m]);
        const pick = this.cheapest(children.length > 0 ? children : [eq.parent]);
        if (pick === undefined || this.hidden[pick]) continue;
        this.hide(pick);
        changed = true;
      }
    }
  }

  /** Step 5 above, made to hold by hiding the cheapest published member. */
  private enforceInsiders(): void {
    const needed = Math.max(2, this.rule.minOrganisations);
    let changed = true;
    while (changed) {
      changed = false;
      for (const eq of this.problem.equations) {
        if (!this.violatesInsiderRule(eq.parent, eq.children, needed)) continue;
        const pick = this.cheapest([...eq.children, eq.parent].filter((m) => !this.hidden[m]));
        if (pick === undefined) continue;
        this.hide(pick);
        changed = true;
      }
    }
  }

  private violatesInsiderRule(parent: number, children: readonly number[], needed: number): boolean {
    if (this.hidden[parent]) return false;
    const owners = new Set<string>();
    let any = false;
    for (const child of children) {
      if (!this.hidden[child]) continue;
      any = true;
      const cell = this.problem.cells[child];
      if (!cell || cell.organisations > cell.topOrganisations.length) return false;
      for (const o of cell.topOrganisations) owners.add(o);
      if (owners.size >= needed) return false;
    }
    return any;
  }

  // ---- witnesses -------------------------------------------------------------------------------

  /** Does a change of a cell's figure reach its protection level on this side? */
  private reaches(cell: number, change: number, sense: Sense): boolean {
    const p = this.protection[cell];
    if (!p) return true;
    return sense === 'max' ? change >= p.upper - EPSILON : -change >= this.lowerLevel(cell) - EPSILON;
  }

  /**
   * The lower protection level, less what the structure alone discloses (see `floor`). The floor is
   * an LP optimum, so a floor equal to the value may come back a rounding error below it (2 as
   * 1.9999999999999987): within EPSILON the structure discloses the whole value and the level is 0.
   */
  private lowerLevel(cell: number): number {
    const lower = this.protection[cell]?.lower ?? 0;
    const floor = this.floor[cell] ?? 0;
    if (floor <= 0) return lower;
    const room = (this.problem.cells[cell]?.value ?? 0) - floor;
    return room <= EPSILON ? 0 : Math.min(lower, room);
  }

  /**
   * The attacker's minimum of a cell in a model where every cell is hidden: what showing which
   * cells are empty discloses by itself. Remembered in the state.
   */
  private floorOf(cell: number): number {
    const known = this.floorKnown.has(cell);
    if (known) return this.floor[cell] ?? 0;
    // One model with every cell hidden serves every floor this instance asks for.
    this.structural ??= this.newLp(() => true);
    const result = this.structural.bound(this.problem.members[cell] ?? new Int32Array(0), null, 'min');
    this.solved();
    const floor = Math.max(0, result.value);
    this.floor[cell] = floor;
    this.floorKnown.add(cell);
    this.state.floors = [...(this.state.floors ?? []), [cell, floor]];
    return floor;
  }

  /**
   * An unsafe minimum that is the structure's own (see `floor`): proved by the exact LP's table, now
   * that the lower level asks for no more than the structure allows. Hiding more could not help.
   */
  private settledByFloor(cell: number, result: BoundResult): boolean {
    const value = this.problem.cells[cell]?.value ?? 0;
    const floor = this.floorOf(cell);
    if (result.value > Math.max(value - (this.protection[cell]?.lower ?? 0), floor) + EPSILON) return false;
    if (this.lowerLevel(cell) <= 0) {
      this.proof.min[cell] = TRIVIAL;
      return true;
    }
    const x = result.colValue;
    if (!x) return false;
    return this.keep(this.witnessOf(x), new Set([cell]), 'min', cell);
  }

  /** An LP solution as a witness: the atoms it moves from their true values, and by how much. */
  private witnessOf(x: Float64Array): Witness {
    const atoms: number[] = [];
    const delta: number[] = [];
    x.forEach((v, a) => {
      const d = v - (this.problem.atomValues[a] ?? 0);
      if (Math.abs(d) > 1e-9) {
        atoms.push(a);
        delta.push(d);
      }
    });
    return { atoms: Int32Array.from(atoms), delta: Float64Array.from(delta) };
  }

  private readonly marks = new Map<number, Set<number>>();
  private markOf(cell: number): Set<number> {
    let mark = this.marks.get(cell);
    if (!mark) {
      mark = new Set(this.problem.members[cell] ?? []);
      this.marks.set(cell, mark);
    }
    return mark;
  }

  private changeBuffer: Float64Array | null = null;
  private seenBuffer: Uint8Array | null = null;

  /** Stores a witness and marks every pending side it proves; returns whether it proved `target`. */
  private keep(w: Witness, pending: Set<number>, sense: Sense, target: number): boolean {
    if (!this.changeBuffer) this.changeBuffer = new Float64Array(this.problem.cells.length);
    if (!this.seenBuffer) this.seenBuffer = new Uint8Array(this.problem.cells.length);
    const change = this.changeBuffer;
    const seen = this.seenBuffer;
    // Only cells that contain a changed atom move; sum each one's change once.
    const touched: number[] = [];
    let consistent = true;
    for (let i = 0; i < w.atoms.length; i++) {
      const d = w.delta[i] ?? 0;
      if (Math.abs(d) <= 1e-12) continue;
      const a = w.atoms[i] ?? 0;
      if ((this.problem.atomValues[a] ?? 0) + d < -EPSILON) consistent = false;
      for (const c of this.problem.cellsOfAtom[a] ?? []) {
        if (!seen[c]) {
          seen[c] = 1;
          touched.push(c);
        }
        change[c] = (change[c] ?? 0) + d;
      }
    }
    // A witness is trusted only if it is a table the published figures allow: every published cell
    // unchanged, every hidden one at least 1, no atom negative. A solver answer that is not is
    // dropped (the side is then solved again).
    for (const cell of touched) {
      const moved = change[cell] ?? 0;
      const value = this.problem.cells[cell]?.value ?? 0;
      // Solver arithmetic leaves about 1e-9 per atom; a figure of thousands of atoms gets room for it.
      const tolerance = 10 * EPSILON * Math.max(1, value);
      if (this.hidden[cell]) {
        if (value + moved < HIDDEN_AT_LEAST - tolerance) consistent = false;
      } else if (Math.abs(moved) > tolerance) {
        consistent = false;
      }
    }
    let provedTarget = false;
    const index = this.witnesses.length;
    if (consistent) this.witnesses.push(w);
    for (const cell of touched) {
      if (consistent && pending.has(cell) && this.reaches(cell, change[cell] ?? 0, sense)) {
        this.proof[sense][cell] = index;
        pending.delete(cell);
        if (cell === target) provedTarget = true;
      }
      change[cell] = 0;
      seen[cell] = 0;
    }
    return provedTarget;
  }

  /**
   * The small LP over a set of atoms: the others held at their true values, every published cell
   * and link that touches the set kept at its value. Returns the witness it finds, if optimal.
   */
  /**
   * Proves one pending side of a cell; every witness found is kept for the other pending sides it
   * proves. On a large round (where the exact LP's first solve takes seconds) a small LP over the
   * cell's hidden neighbourhood comes first; the exact LP decides what it cannot prove. Returns null
   * when proved, or the exact LP's answer when the side is unsafe.
   */
  private prove(cell: number, sense: Sense, pending: Set<number>): BoundResult | null {
    if (this.problem.columns >= LOCAL_FROM_COLUMNS) {
      const w = this.localWitness(cell, sense);
      if (w && this.keep(w, pending, sense, cell)) return null;
    }
    const first = this.exact(cell, sense, pending);
    if (first === null) return null;

    // HiGHS's warm start has been seen to stop short once after bounds changed (a second solve of the
    // same model went on to the optimum): a side is called unsafe only when a second solve agrees.
    return this.exact(cell, sense, pending);
  }

  private exact(cell: number, sense: Sense, pending: Set<number>): BoundResult | null {
    const result = this.model().bound(this.problem.members[cell] ?? new Int32Array(0), null, sense);
    this.solved();
    if (result.status === 'unbounded') {
      this.proof[sense][cell] = UNBOUNDED;
      pending.delete(cell);
      return null;
    }
    const x = result.colValue;
    if (x) {
      if (this.keep(this.witnessOf(x), pending, sense, cell)) {
        return null;
      }
    }
    return result;
  }

  /** Every primary side without a valid witness is proved; returns the unsafe ones. */
  private audit(): { cell: number; sense: Sense; result: BoundResult }[] {
    const unsafe: { cell: number; sense: Sense; result: BoundResult }[] = [];
    for (const sense of ['max', 'min'] as const) {
      const proof = this.proof[sense];
      // A side whose protection level is 0 (the lower side of a cell of 1, which is known to hold
      // someone) is met by the true table itself.
      const pending = new Set(
        this.primaries.filter((p) => {
          if (proof[p] !== NO_WITNESS) return false;
          const level = sense === 'max' ? this.protection[p]?.upper : this.lowerLevel(p);
          if ((level ?? 0) <= 0) {
            proof[p] = TRIVIAL;
            return false;
          }
          return true;
        }),
      );
      for (const cell of [...pending].sort((a, b) => a - b)) {
        if (!pending.has(cell)) continue;
        const result = this.prove(cell, sense, pending);
        if (result) {
          pending.delete(cell);
          unsafe.push({ cell, sense, result });
        }
      }
    }
    return unsafe;
  }

  private equationsByCell: number[][] | null = null;

  /** The hidden cells within two equation steps of a cell, through hidden cells, and their atoms. */
  private neighbourhood(cell: number): Int32Array {
    if (!this.equationsByCell) {
      const byCell: number[][] = this.problem.cells.map(() => []);
      this.problem.equations.forEach((eq, i) => {
        byCell[eq.parent]?.push(i);
        for (const c of eq.children) byCell[c]?.push(i);
      });
      this.equationsByCell = byCell;
    }
    const seen = new Set([cell]);
    let frontier = [cell];
    for (let depth = 0; depth < 2; depth++) {
      const next: number[] = [];
      for (const c of frontier) {
        for (const e of this.equationsByCell[c] ?? []) {
          const eq = this.problem.equations[e];
          if (!eq) continue;
          for (const m of [eq.parent, ...eq.children]) {
            if (this.hidden[m] && !seen.has(m)) {
              seen.add(m);
              next.push(m);
            }
          }
        }
      }
      frontier = next;
    }
    const atoms = new Set<number>();
    for (const c of seen) {
      for (const a of this.problem.members[c] ?? []) {
        atoms.add(a);
        if (atoms.size >= LOCAL_MAX_ATOMS) break;
      }
    }
    return Int32Array.from([...atoms].sort((a, b) => a - b));
  }

  /**
   * The small LP over some atoms, the others held at their true values: every published cell that
   * touches them keeps its value. Any solution is a table consistent with everything published, so
   * a witness it finds is a witness of the whole round.
   */
  private localWitness(cell: number, sense: Sense): Witness | null {
    const { problem, highs } = this;
    const atoms = this.neighbourhood(cell);
    const column = new Map<number, number>();
    atoms.forEach((a, i) => {
      column.set(a, i);
    });
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    const rhs: number[] = [];
    const rhsUpper: number[] = [];
    const addRow = (cols: number[], coefs: number[], lower: number, upper = lower) => {
      const order = cols.map((_c, k) => k).sort((x, y) => (cols[x] ?? 0) - (cols[y] ?? 0));
      for (const k of order) {
        indices.push(cols[k] ?? 0);
        values.push(coefs[k] ?? 0);
      }
      starts.push(indices.length);
      rhs.push(lower);
      rhsUpper.push(upper);
    };
    const seenCells = new Set<number>();
    for (const a of atoms) {
      for (const c of problem.cellsOfAtom[a] ?? []) {
        if (this.hidden[c] || seenCells.has(c)) continue;
        seenCells.add(c);
        const cols: number[] = [];
        let inside = 0;
        for (const m of problem.members[c] ?? []) {
          const j = column.get(m);
          if (j === undefined) continue;
          cols.push(j);
          inside += problem.atomValues[m] ?? 0;
        }
        addRow(
          cols,
          cols.map(() => 1),
          inside,
        );
      }
    }
    for (const link of problem.linking) {
      const cols: number[] = [];
      const coefs: number[] = [];
      let inside = 0;
      link.cols.forEach((m, k) => {
        const j = column.get(m);
        if (j === undefined) return;
        cols.push(j);
        coefs.push(link.coefs[k] ?? 0);
        inside += (link.coefs[k] ?? 0) * (problem.atomValues[m] ?? 0);
      });
      if (cols.length > 0) addRow(cols, coefs, inside);
    }
    const n = atoms.length;
    const cost = new Float64Array(n);
    for (const m of problem.members[cell] ?? []) {
      const j = column.get(m);
      if (j !== undefined) cost[j] = 1;
    }
    const { maximize, minimize } = highs.constants.objectiveSense;
    const model = highs.createModel({
      numCols: n,
      numRows: rhs.length,
      sense: sense === 'max' ? maximize : minimize,
      colCost: cost,
      colLower: new Float64Array(n),
      colUpper: new Float64Array(n).fill(highs.infinity),
      rowLower: rhs,
      rowUpper: rhsUpper,
      matrix: { format: 'csr', numRows: rhs.length, numCols: n, starts, indices, values },
    });
    try {
      model.options.set({ output_flag: false, random_seed: 0 });
      model.run(checkpoints(highs, this.yieldToRequests));
      this.solved();
      if (model.getModelStatus() !== highs.constants.modelStatus.optimal) return null;
      const x = model.getSolution().colValue;
      return { atoms, delta: Float64Array.from(atoms, (a, i) => (x[i] ?? 0) - (problem.atomValues[a] ?? 0)) };
    } finally {
      model.dispose();
    }
  }

  // ---- give back -------------------------------------------------------------------------------

  /**
   * Tries the next of the GIVE_BACK_CANDIDATES most valuable secondary cells, in a fixed order (a
   * budget of work, not of time, so that the same round always gives the same publication).
   */
  private giveBackStep(): void {
    this.state.giveBackOrder ??= this.secondaries()
      .sort((a, b) => (this.weights[b] ?? 0) - (this.weights[a] ?? 0) || a - b)
      .slice(0, GIVE_BACK_CANDIDATES);
    const candidates = this.state.giveBackOrder;
    if (this.state.cursor >= candidates.length) {
      this.state.phase = 'done';
      return;
    }
    const s = candidates[this.state.cursor++];
    if (s === undefined || !this.hidden[s]) return;
    if (this.tryPublish(s, Math.max(2, this.rule.minOrganisations))) this.state.givenBack++;
  }

  private tryPublish(s: number, needed: number): boolean {
    this.hidden[s] = 0;
    const undo = () => {
      this.hidden[s] = 1;
      this.lp?.hide(s);
      return false;
    };
    for (const eq of this.problem.equations) {
      if (eq.parent !== s && !eq.children.includes(s)) continue;
      if (this.violatesInsiderRule(eq.parent, eq.children, needed)) return undo();
    }
    this.lp?.publish(s);
    // Witnesses that change the newly published figure no longer hold.
    const mark = this.markOf(s);
    const stale = new Set<number>();
    this.witnesses.forEach((w, index) => {
      if (!w) return;
      let change = 0;
      for (let i = 0; i < w.atoms.length; i++) if (mark.has(w.atoms[i] ?? -1)) change += w.delta[i] ?? 0;
      if (Math.abs(change) > EPSILON) stale.add(index);
    });
    const saved = { max: this.proof.max.slice(), min: this.proof.min.slice() };
    const removed = [...stale].map((i) => [i, this.witnesses[i] ?? null] as const);
    for (const i of stale) this.witnesses[i] = null;
    const restore = () => {
      this.proof.max.set(saved.max);
      this.proof.min.set(saved.min);
      for (const [i, w] of removed) this.witnesses[i] = w;
      return undo();
    };
    for (const sense of ['max', 'min'] as const) {
      const proof = this.proof[sense];
      const pending = new Set<number>();
      for (const p of this.primaries) {
        const w = proof[p] ?? NO_WITNESS;
        // No witness kept (a step that resumed, an earlier audit round) or one the new figure
        // contradicts: prove again.
        if (w === UNBOUNDED || w === NO_WITNESS || w === PROVED || stale.has(w)) {
          pending.add(p);
          proof[p] = NO_WITNESS;
        }
      }
      for (const cell of [...pending].sort((a, b) => a - b)) {
        if (!pending.has(cell)) continue;
        if (this.prove(cell, sense, pending)) return restore();
      }
    }
    return true;
  }
}
