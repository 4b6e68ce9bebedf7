import type { PublishedEntry } from '../../publication/index.ts';
import { cellId, type SsykLevel } from '../../publication/index.ts';

/**
 * Where a gap row's coverage is given: the finest published level (issue 16, "gap coverage is given
 * at the finest level that is published"). A row is one occupation (SSYK-4) and horizon; when its
 * cell is hidden, the nearest coarser cell of the same catalogue tables stands in, in this order:
 * the occupation over all horizons, then its SSYK-3 group with the row's horizon, the group over all
 * horizons, and so on up to SSYK-1. The occupation stays ahead of the horizon because a reader of the
 * gap asks about an occupation: "this occupation over five years" says more about it than "a wider
 * group within the horizon". A JobTech group without an SSYK code has no group above it.
 */
export const HORIZON_YEARS: Record<string, number> = { '0-1': 1, '1-3': 2, '3-5': 2 };
/** All horizons together: 0–5 years. */
export const ALL_HORIZONS_YEARS = 5;

export interface LevelStep {
  ssykLevel: SsykLevel;
  /** The occupation's code at that level. */
  occupation: string;
  /** The row's horizon, or null for all horizons. */
  horizon: string | null;
  /** The catalogue table holding the cell (as a cell or as a margin). */
  table: string;
  cell: string;
}

const LEVELS: readonly SsykLevel[] = [4, 3, 2, 1];

/** The cells that may give a row's coverage, nearest first (the row's own cell first). */
export function coverageLadder(occupation: string, horizon: string, specialisation: string | null): LevelStep[] {
  const levels = /^\d{4}$/.test(occupation) ? LEVELS : LEVELS.slice(0, 1);
  const steps: LevelStep[] = [];
  for (const level of levels) {
    const code = level === 4 ? occupation : occupation.slice(0, level);
    for (const h of [horizon, null]) {
      const key: Record<string, string> = { [`occupation@${level}`]: code };
      if (h !== null) key.horizon = h;
      if (specialisation !== null) key.specialisation = specialisation;
      steps.push({
        ssykLevel: level,
        occupation: code,
        horizon: h,
        table: specialisation === null ? `ssyk${level}-horizon` : `specialisation-ssyk${level}-horizon`,
        cell: cellId(key),
      });
    }
  }
  return steps;
}

/** The kinds of every cell a ladder names, for reading them in one query. */
export function ladderKinds(specialisation: boolean): string[] {
  const extra = specialisation ? ['specialisation'] : [];
  return LEVELS.flatMap((level) =>
    [[`occupation@${level}`, 'horizon'], [`occupation@${level}`]].map((tokens) =>
      [...tokens, ...extra].sort().join('|'),
    ),
  );
}

export interface CoverageFigures {
  demand: number;
  supply: number;
  supplyInHorizon: number;
  coverage: number;
  shortage: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Supply per year over demand per year, for a horizon or all of them (null). */
export function coverageFigures(demand: number, supply: number, horizon: string | null): CoverageFigures {
  const years = horizon === null ? ALL_HORIZONS_YEARS : (HORIZON_YEARS[horizon] ?? 1);
  const supplyInHorizon = round1(supply * years);
  return {
    demand,
    supply: round1(supply),
    supplyInHorizon,
    coverage: round2(supplyInHorizon / demand),
    shortage: round1(Math.max(0, demand - supplyInHorizon)),
  };
}

/**
 * The first step of a ladder whose cell is published with demand, with its figures; null when
 * every one is hidden (or none holds demand). `supplyOf` sums supply over the occupations of a group.
 */
export function finestPublished(
  ladder: readonly LevelStep[],
  cells: ReadonlyMap<string, PublishedEntry>,
  supplyOf: (step: LevelStep) => number,
): (LevelStep & CoverageFigures) | null {
  for (const step of ladder) {
    const entry = cells.get(step.cell);
    if (!entry || entry.suppressed || entry.headcount === null || entry.headcount <= 0) continue;
    return { ...step, ...coverageFigures(entry.headcount, supplyOf(step), step.horizon) };
  }
  return null;
}
