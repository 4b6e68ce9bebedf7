import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Language, Translate } from '../../i18n/i18n.ts';
import type { Publication } from '../../publication/index.ts';
import type { ShareFigure } from '../indicators/protect.ts';
import { publishedIndicators } from '../indicators/published.ts';
import { formatDecimal, formatNumber, formatPercent } from './format.ts';

/**
 * Recruitment difficulty and strategies as the page shows them, from the publication's tables for
 * the whole round or the chosen specialisation; "dold" and the reason where hidden. The catalogue
 * has no other breakdown of them, so the page says which of the two the figures are for.
 */
export async function indicatorsView(
  db: Kysely<Database>,
  input: {
    t: Translate;
    lang: Language;
    publication: Publication;
    specialisation: { code: string; name: string } | undefined;
    /** The page has filters the indicators cannot follow. */
    otherFilters: boolean;
  },
) {
  const { t, lang } = input;
  const indicators = await publishedIndicators(db, input.publication, input.specialisation?.code);
  const hidden = t('demand.hidden');
  const reason = (r: string | null) => (r ? t(`demand.reason.${r}`) : undefined);
  const figure = (f: ShareFigure) => ({
    headcount: f.headcount === null ? hidden : formatNumber(lang, f.headcount),
    share: f.share === null ? (f.suppressed ? hidden : '–') : formatPercent(lang, f.share),
    suppressed: f.suppressed,
    reason: reason(f.reason),
  });
  const { base, difficulty } = indicators;
  return {
    scope: input.specialisation
      ? t('demand.indicators.scope.specialisation', { specialisation: input.specialisation.name })
      : t('demand.indicators.scope.round'),
    otherFilters: input.otherFilters,
    base: base.headcount === null ? hidden : formatNumber(lang, base.headcount),
    baseOrganisations: base.organisations === null ? hidden : formatNumber(lang, base.organisations),
    baseReason: reason(base.reason),
    mean: difficulty.mean === null ? (difficulty.suppressed ? hidden : '–') : formatDecimal(lang, difficulty.mean),
    meanReason: difficulty.suppressed ? t('demand.indicators.meanHidden') : undefined,
    distribution: difficulty.distribution.map((f) => ({
      label: t(`survey.option.difficulty.${f.level}`),
      ...figure(f),
    })),
    strategies: indicators.strategies.map((f) => ({
      // relocation-family counts version 1's strategy and version 2's question alike: named as the fact.
      label: t(f.code === 'relocation-family' ? 'survey.partnerNeedsWork.fact' : `survey.option.strategies.${f.code}`),
      ...figure(f),
    })),
  };
}
