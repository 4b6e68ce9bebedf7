import type { Language, Translate } from '../web/i18n.ts';
import type { Dimension } from './dimensions.ts';
import type { ViewInput } from './page-view.ts';

// Intl formatters are costly to build; one per language, made once.
const numbers = { sv: new Intl.NumberFormat('sv-SE'), en: new Intl.NumberFormat('en-GB') };
const percents = {
  sv: new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 }),
};
const decimals = {
  sv: new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};

export const formatNumber = (lang: Language, value: number) => numbers[lang].format(value);
export const formatPercent = (lang: Language, value: number) => percents[lang].format(value);
export const formatDecimal = (lang: Language, value: number) => decimals[lang].format(value);

/** The texts of the table views in the reader's language. */
export function viewTexts(t: Translate, lang: Language): Pick<ViewInput, 'text' | 'format' | 'dimensionName'> {
  return {
    text: {
      total: t('demand.total'),
      hidden: ':c',
      none: '–',
      headcount: t('demand.headcount'),
      organisations: t('demand.organisations'),
      own: (value) => t('demand.own.cell', { value }),
      reason: (reason) => t(`demand.reason.${reason}`),
      caption: (dims) => t('demand.table.caption', { dims }),
    },
    format: (value) => formatNumber(lang, value),
    dimensionName: (d: Dimension) => t(`demand.dimension.${d}`),
  };
}
