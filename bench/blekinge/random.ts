/** Weighted choices: each entry is a value and its relative weight. */
export type Weighted<T> = readonly (readonly [T, number])[];

export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(entries: Weighted<T>): T;
  /** An integer in [min, max], skewed toward min: `skew` > 1 makes high values rarer. */
  skewed(min: number, max: number, skew: number): number;
}

/**
 * Mulberry32 (as in bench/generate-demand.ts): small, fast and seeded, so that one seed gives the
 * same round on every machine and runtime. Not for anything that must be unpredictable.
 */
export function mulberry32(seed: number): Random {
  let state = seed | 0;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    weighted<T>(entries: Weighted<T>): T {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let r = next() * total;
      for (const [value, weight] of entries) {
        r -= weight;
        if (r < 0) return value;
      }
      const last = entries[entries.length - 1];
      if (!last) throw new Error('weighted choice from an empty list');
      return last[0];
    },
    skewed: (min, max, skew) => min + Math.floor(next() ** skew * (max - min + 1)),
  };
}
