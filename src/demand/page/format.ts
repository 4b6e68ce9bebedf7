import type { Language, Translate } from '../../i18n/i18n.ts';
import { formatNumber } from '../../i18n/numbers.ts';
import type { CoarserStep } from '../coarser.ts';
import type { Dimension } from '../dimensions.ts';
import type { ViewInput } from './views.ts';

/** The shared number formats (src/i18n/numbers.ts), where demand's pages have always imported them. */
export { formatDecimal, formatNumber, formatPercent } from '../../i18n/numbers.ts';

/**
 * The texts of the table views in the reader's language. A hidden figure reads "dold"/"hidden"
 * with its reason in words; `:c` is only for machines (CSV, JSON, open data).
 */
export function viewTexts(t: Translate, lang: Language): Pick<ViewInput, 'text' | 'format' | 'dimensionName'> {
  return {
    text: {
      total: t('demand.total'),
      hidden: t('demand.hidden'),
      none: '–',
      headcount: t('demand.headcount'),
      organisations: t('demand.organisations'),
      own: (value) => t('demand.own.cell', { value }),
      reason: (reason) => t(`demand.reason.${reason}`),
    },
    format: (value) => formatNumber(lang, value),
    dimensionName: (d: Dimension) => t(`demand.dimension.${d}`),
  };
}

/**
 * A nearest published coarser figure, saying which it is: "Yrkesgrupp 251: 45, alla
 * tidshorisonter", or "Alla tidshorisonter: 12" where only the horizons are summed.
 */
export function coarserText(t: Translate, lang: Language, step: CoarserStep, value: number): string {
  const summed = step.summed.map((d) => t(`demand.coarser.all.${d}`));
  const figure = formatNumber(lang, value);
  if (step.occupation) {
    const group = t(`demand.coarser.ssyk${step.occupation.level}`, { code: step.occupation.code });
    return t('demand.coarser.note', { figure: [`${group}: ${figure}`, ...summed].join(', ') });
  }
  const scope = summed.join(', ');
  return t('demand.coarser.note', { figure: `${scope.charAt(0).toLocaleUpperCase(lang)}${scope.slice(1)}: ${figure}` });
}
