import type { DisclosureRule } from '../../publication/index.ts';
import { primaryReason, protectTable, type SuppressionReason } from '../protect-table.ts';
import type { IndicatorEntry, StrategyCode } from './strategies.ts';
import { STRATEGY_CODES } from './strategies.ts';

/** One published figure of a share: the headcount it covers and its part of the base (0–1). */
export interface ShareFigure {
  headcount: number | null;
  share: number | null;
  suppressed: boolean;
  reason: SuppressionReason | null;
}

export interface Indicators {
  base: {
    headcount: number | null;
    organisations: number | null;
    suppressed: boolean;
    reason: SuppressionReason | null;
  };
  difficulty: {
    mean: number | null;
    suppressed: boolean;
    reason: SuppressionReason | null;
    distribution: (ShareFigure & { level: number })[];
  };
  strategies: (ShareFigure & { code: StrategyCode })[];
}

export const DIFFICULTY_LEVELS = [1, 2, 3, 4, 5] as const;

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/**
 * One line of figures (the values of one indicator and the base they sum to) through the table
 * protection: primary suppression of each value and of the base, then secondary suppression, since
 * the published values and the base would otherwise give a hidden one back.
 */
function protectLine(
  total: IndicatorEntry | undefined,
  entries: IndicatorEntry[],
  values: string[],
  rule: DisclosureRule,
) {
  const line = [...entries.map((e) => ({ ...e, key: { value: e.key.value ?? '' } })), ...(total ? [total] : [])];
  const protectedLine = protectTable(['value'], line, rule);
  const base = total?.headcount ?? 0;
  return values.map((value): ShareFigure => {
    const entry = protectedLine.find((e) => e.key.value === value);
    const totalHidden = protectedLine.find((e) => e.key.value === undefined)?.suppressed ?? false;
    if (entry?.suppressed || totalHidden) {
      return { headcount: null, share: null, suppressed: true, reason: entry?.reason ?? 'secondary' };
    }
    const headcount = entry?.headcount ?? 0;
    return { headcount, share: base > 0 ? round(headcount / base, 4) : null, suppressed: false, reason: null };
  });
}

/**
 * Recruitment difficulty and strategies, each figure published only if its base passes the primary
 * rule and no hidden figure can be worked out from the published ones (docs/decisions/0010-publishing-demand.md).
 * The mean is published only where the whole distribution is: with a hidden level, the mean, the
 * base and the published levels give two equations that can pin down two hidden levels.
 */
export function protectIndicators(entries: readonly IndicatorEntry[], rule: DisclosureRule): Indicators {
  const total = entries.find((e) => e.key.indicator === undefined);
  const baseReason = total ? primaryReason(total, rule) : null;
  const of = (indicator: string) => entries.filter((e) => e.key.indicator === indicator);

  const distribution = protectLine(total, of('difficulty'), DIFFICULTY_LEVELS.map(String), rule).map((f, i) => ({
    ...f,
    level: DIFFICULTY_LEVELS[i] ?? 0,
  }));
  const meanHidden = baseReason !== null || distribution.some((f) => f.suppressed);
  const mean = !meanHidden && total && total.headcount > 0 ? round(total.weighted / total.headcount, 2) : null;

  const strategies = STRATEGY_CODES.map((code) => ({
    ...(protectLine(total, of(code), ['yes'], rule)[0] as ShareFigure),
    code,
  }));

  return {
    base: {
      headcount: baseReason ? null : (total?.headcount ?? 0),
      organisations: baseReason ? null : (total?.organisations ?? 0),
      suppressed: baseReason !== null,
      reason: baseReason,
    },
    difficulty: {
      mean,
      suppressed: meanHidden,
      reason: meanHidden ? (baseReason ?? 'secondary') : null,
      distribution,
    },
    strategies,
  };
}
