import type { Language } from './i18n.ts';

/**
 * Numbers as the reader's language writes them: "1 200" and "45 %" in Swedish (with no-break
 * spaces), "1,200" and "45%" in English. Intl formatters are costly to build; one per language,
 * made once.
 */
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
/** A share (0.45) as a whole percentage ("45 %"). */
export const formatPercent = (lang: Language, value: number) => percents[lang].format(value);
export const formatDecimal = (lang: Language, value: number) => decimals[lang].format(value);
