import type { CellStats } from './cells.ts';
import { type Protection, type PublicationRule, protectionOf } from './primary.ts';
import type { SuppressionProblem } from './problem.ts';
import { AttackerLp, type BoundResult, cheapestCover, type Highs, type Sense, SolverFailure } from './solver.ts';

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
  /** In the give-back phase: how many candidates have been tried. */
  cursor: number;
  /** Milliseconds spent finding the pattern, and what is left of the give-back pass's budget. */
  addMs: number;
  giveBackMs: number | null;
}

/** A table consistent with everything published: the true one plus `delta` on `atoms`. */
interface Witness {
  atoms: Int32Array;
  delta: Float64Array;
}

const EPSILON = 1e-6;
const NO_WITNESS = -1;
/** Proved by an unbounded maximum (only when the grand total is hidden). */
const UNBOUNDED = -2;

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
  /** Progress lines for benchmarks and debugging. */
  trace: ((line: string) => void) | undefined;

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
      addMs: 0,
      giveBackMs: null,
    };
    for (const s of this.state.hidden) this.hidden[s] = 1;
    this.proof = {
      max: new Int32Array(problem.cells.length).fill(NO_WITNESS),
      min: new Int32Array(problem.cells.length).fill(NO_WITNESS),
    };
  }

  /**
   * Runs until done or until `deadline` (a reading of `clock`) passes; true when done. The give-back
   * pass gets as long as finding the pattern took, between 2 and 60 seconds (`giveBackBudget`).
   */
  run(
    clock: () => number,
    deadline = Number.POSITIVE_INFINITY,
    giveBackBudget: (addMs: number) => number = (ms) => Math.min(60_000, Math.max(2_000, ms)),
  ): boolean {
    try {
      while (this.state.phase !== 'done') {
        if (clock() > deadline) return false;
        const started = clock();
        if (this.state.phase === 'add') {
          this.addStep();
          this.state.addMs += clock() - started;
        } else {
          if (this.state.giveBackMs === null) this.state.giveBackMs = giveBackBudget(this.state.addMs);
          this.giveBack(clock, deadline, started + this.state.giveBackMs);
          this.state.giveBackMs = Math.max(0, this.state.giveBackMs - (clock() - started));
        }
      }
      return true;
    } finally {
      this.state.hidden = this.secondaries();
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
    return this.audit().map(({ cell, sense }) => ({ cell: this.problem.cells[cell]?.id ?? String(cell), sense }));
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

  dispose(): void {
    this.lp?.dispose();
    this.lp = null;
  }

  private secondaries(): number[] {
    const out: number[] = [];
    this.hidden.forEach((h, i) => {
      if (h && !this.protection[i]) out.push(i);
    });
    return out;
  }

  private model(): AttackerLp {
    if (!this.lp) {
      this.lp = new AttackerLp(
        this.highs,
        this.problem.columns,
        this.problem.linking,
        this.problem.members.map((members, i) => ({ members, value: this.problem.cells[i]?.value ?? 0 })),
        (i) => this.hidden[i] === 1,
      );
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

  private addStep(): void {
    this.state.iterations++;
    if (this.state.iterations > 500) throw new SolverFailure('Secondary suppression did not settle in 500 rounds');
    if (this.state.iterations === 1) this.enforceEquations();
    this.enforceInsiders();
    const unsafe = this.audit();
    this.trace?.(
      `iteration ${this.state.iterations}: unsafe ${unsafe.length}, solves ${this.state.solves}, secondary ${this.secondaries().length}`,
    );
    if (unsafe.length === 0) {
      this.state.phase = 'give-back';
      this.state.cursor = 0;
      return;
    }
    const groups = unsafe.map(({ cell, result }) => this.candidatesFor(cell, result));
    const chosen = cheapestCover(this.highs, new Map(groups.flat().map((c) => [c, this.weights[c] ?? 1])), groups);
    if (chosen.length === 0) throw new SolverFailure('No published cell can protect a hidden one');
    for (const c of chosen) this.hide(c);
  }

  /** Published cells whose hiding can widen this side: the binding rows, else the cell's equations. */
  private candidatesFor(cell: number, result: BoundResult): number[] {
    const out: number[] = [];
    result.cellDual?.forEach((y, i) => {
      if (Math.abs(y) > 1e-9 && !this.hidden[i]) out.push(i);
    });
    if (out.length > 0) return out;
    for (const eq of this.problem.equations) {
      const members = [eq.parent, ...eq.children];
      if (!members.includes(cell)) continue;
      for (const m of members) if (!this.hidden[m]) out.push(m);
    }
    if (out.length === 0) throw new SolverFailure(`Hidden cell ${this.problem.cells[cell]?.id} cannot be protected`);
    return out;
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
    return sense === 'max' ? change >= p.upper - EPSILON : -change >= p.lower - EPSILON;
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
    const index = this.witnesses.length;
    this.witnesses.push(w);
    if (!this.changeBuffer) this.changeBuffer = new Float64Array(this.problem.cells.length);
    if (!this.seenBuffer) this.seenBuffer = new Uint8Array(this.problem.cells.length);
    const change = this.changeBuffer;
    const seen = this.seenBuffer;
    // Only cells that contain a changed atom move; sum each one's change once.
    const touched: number[] = [];
    for (let i = 0; i < w.atoms.length; i++) {
      const d = w.delta[i] ?? 0;
      if (Math.abs(d) <= 1e-12) continue;
      for (const c of this.problem.cellsOfAtom[w.atoms[i] ?? 0] ?? []) {
        if (!pending.has(c)) continue;
        if (!seen[c]) {
          seen[c] = 1;
          touched.push(c);
        }
        change[c] = (change[c] ?? 0) + d;
      }
    }
    let provedTarget = false;
    for (const cell of touched) {
      if (this.reaches(cell, change[cell] ?? 0, sense)) {
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
   * Proves one pending side of a cell with the exact LP; its solution is kept as a witness for every
   * other pending side it proves. Returns null when proved, or the LP's answer when the side is unsafe.
   */
  private prove(cell: number, sense: Sense, pending: Set<number>): BoundResult | null {
    const result = this.model().bound(this.problem.members[cell] ?? new Int32Array(0), null, sense);
    this.state.solves++;
    if (result.status === 'unbounded') {
      this.proof[sense][cell] = UNBOUNDED;
      pending.delete(cell);
      return null;
    }
    const x = result.colValue;
    if (x) {
      const atoms: number[] = [];
      const delta: number[] = [];
      x.forEach((v, a) => {
        const d = v - (this.problem.atomValues[a] ?? 0);
        if (Math.abs(d) > 1e-9) {
          atoms.push(a);
          delta.push(d);
        }
      });
      if (this.keep({ atoms: Int32Array.from(atoms), delta: Float64Array.from(delta) }, pending, sense, cell)) {
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
      const pending = new Set(this.primaries.filter((p) => proof[p] === NO_WITNESS));
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

  // ---- give back -------------------------------------------------------------------------------

  /** Tries candidates until all are tried or the budget is spent (done), or the step's deadline (resumes). */
  private giveBack(clock: () => number, stepDeadline: number, budgetDeadline: number): void {
    const candidates = this.secondaries().sort((a, b) => (this.weights[b] ?? 0) - (this.weights[a] ?? 0) || a - b);
    const needed = Math.max(2, this.rule.minOrganisations);
    while (this.state.cursor < candidates.length) {
      if (clock() > budgetDeadline) break;
      if (clock() > stepDeadline) return;
      const s = candidates[this.state.cursor++];
      if (s === undefined || !this.hidden[s]) continue;
      if (this.tryPublish(s, needed)) this.state.givenBack++;
    }
    this.state.phase = 'done';
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
        // No witness yet (a step that resumed) or one the new figure contradicts: prove again.
        if (w === UNBOUNDED || w === NO_WITNESS || stale.has(w)) {
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
