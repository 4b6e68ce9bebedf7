/**
 * Which need lines a move case may be opened from: the one place that says so (decision 0027).
 * Questionnaire v1 codes it in the line's strategies: recruiting from outside the region, or the
 * family or partner also needing work. When questionnaire v2 moves "partner also needs work" to a
 * condition of its own, surveys' read (listStrategyNeedLines) adds it to the line and this predicate
 * reads it too; nothing else decides.
 */
export interface RelocationSignal {
  strategies: readonly string[];
}

const RELOCATION_STRATEGIES: readonly string[] = ['recruit-outside', 'relocation-family'];

export function needsRelocationSupport(line: RelocationSignal): boolean {
  return line.strategies.some((strategy) => RELOCATION_STRATEGIES.includes(strategy));
}
