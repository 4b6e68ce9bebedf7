/**
 * Which need lines a move case may be opened from: the one place that says so (decision 0028).
 * A line qualifies when it recruits from outside the region, or when a partner moving with the
 * recruit also needs work. Questionnaire v1 asks the latter as a strategy (`relocation-family`),
 * v2 as a question of its own (`partnerNeedsWork`); a submission stores both in the same column
 * (decision 0027), so surveys' read (listStrategyNeedLines) gives it here as the strategy in
 * either version, and nothing else decides.
 */
export interface RelocationSignal {
  strategies: readonly string[];
}

const RELOCATION_STRATEGIES: readonly string[] = ['recruit-outside', 'relocation-family'];

export function needsRelocationSupport(line: RelocationSignal): boolean {
  return line.strategies.some((strategy) => RELOCATION_STRATEGIES.includes(strategy));
}

/**
 * Which need lines a joint campaign may bundle (decision 0032): those the organisation means to
 * meet by recruiting, from outside the region or locally. Training its own staff, consultants or
 * remote work alone recruit no one a campaign could reach.
 */
const RECRUITING_STRATEGIES: readonly string[] = ['recruit-local', 'recruit-outside', 'relocation-family'];

export function recruitsPeople(line: RelocationSignal): boolean {
  return line.strategies.some((strategy) => RECRUITING_STRATEGIES.includes(strategy));
}
