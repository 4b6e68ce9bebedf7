import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import type { Dimension } from './dimensions.ts';
import type { ShareFigure } from './indicators-protect.ts';
import { demandIndicators } from './indicators-service.ts';
import { formatDecimal, formatNumber, formatPercent } from './page-format.ts';

/** Recruitment difficulty and strategies as the page shows them: `:c` and the reason where hidden. */
export async function indicatorsView(
  c: Context<AppEnv>,
  input: { round: string; filters: Partial<Record<Dimension, string[]>>; ssykLevel: 1 | 2 | 3 | 4 },
) {
  const t = c.get('t');
  const lang = c.get('lang');
  const indicators = await demandIndicators(c, input);
  const reason = (r: string | null) => (r ? t(`demand.reason.${r}`) : undefined);
  const figure = (f: ShareFigure) => ({
    headcount: f.headcount === null ? ':c' : formatNumber(lang, f.headcount),
    share: f.share === null ? (f.suppressed ? ':c' : '–') : formatPercent(lang, f.share),
    suppressed: f.suppressed,
    reason: reason(f.reason),
  });
  const { base, difficulty } = indicators;
  return {
    base: base.suppressed ? ':c' : formatNumber(lang, base.headcount ?? 0),
    baseOrganisations: base.suppressed ? ':c' : formatNumber(lang, base.organisations ?? 0),
    baseReason: reason(base.reason),
    mean: difficulty.mean === null ? (difficulty.suppressed ? ':c' : '–') : formatDecimal(lang, difficulty.mean),
    meanReason: reason(difficulty.reason),
    distribution: difficulty.distribution.map((f) => ({
      label: t(`survey.option.difficulty.${f.level}`),
      ...figure(f),
    })),
    strategies: indicators.strategies.map((f) => ({
      label: t(`survey.option.strategies.${f.code}`),
      ...figure(f),
    })),
  };
}
