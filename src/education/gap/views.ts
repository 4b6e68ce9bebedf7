import type { Language, Translate } from '../../i18n/i18n.ts';
import { formatNumber, formatPercent } from '../../i18n/numbers.ts';
import type { GapItem, GapReport, GapShortage } from './types.ts';

/**
 * What the gap's pages show for its figures (the gap page, a provider's view, the evidence pack):
 * a hidden figure is the word "dold" / "hidden" with its reason, never `:c` (that flag stays in CSV
 * and JSON), and a coverage given at a coarser level says which level it is.
 */
export function gapCells(t: Translate, lang: Language, item: GapItem) {
  const percent = (value: number) => formatPercent(lang, value);
  const hidden = t('education.gaps.hidden');
  const level = item.coverageLevel;
  const coarser = item.coverage === null && level !== null;
  return {
    horizonLabel: t(`education.horizon.${item.horizon}`),
    demandText: item.suppressed ? hidden : item.demand === null ? '–' : formatNumber(lang, item.demand),
    reasonText: item.reason ? t(`education.gaps.reason.${item.reason}`) : '',
    coverageText:
      item.coverage !== null
        ? percent(item.coverage)
        : coarser
          ? percent(level.coverage)
          : item.suppressed
            ? hidden
            : '–',
    /** Where the coverage shown is a coarser level's: which one. */
    coverageLevelText: coarser ? t('education.gaps.coverageAt', { label: level.label }) : '',
    shortageText: item.shortage === null ? (item.suppressed ? hidden : '–') : formatNumber(lang, item.shortage),
    isShort: (item.coverage ?? (coarser ? level.coverage : null) ?? 1) < 1,
  };
}

export function shortageLine(t: Translate, lang: Language, s: GapShortage) {
  const percent = (value: number) => formatPercent(lang, value);
  const demand = formatNumber(lang, s.demand);
  const own = s.ssykLevel === 4 && s.horizon !== null && s.rows === 1;
  return {
    ...s,
    text: own
      ? `${s.occupationName}, ${t(`education.horizon.${s.horizon}`)}: ${t('education.gaps.shortageLine', {
          demand,
          coverage: percent(s.coverage),
        })}`
      : t('education.gaps.shortageLevelLine', {
          label: s.label,
          name: s.occupationName,
          demand,
          coverage: percent(s.coverage),
        }),
    standsFor: own ? '' : t('education.gaps.standsFor', { rows: s.rows }),
  };
}

/** The "largest shortage" section: never "none" where figures are hidden. */
export function shortagesView(t: Translate, lang: Language, report: GapReport, limit: number) {
  return {
    shortages: report.shortages.slice(0, limit).map((s) => shortageLine(t, lang, s)),
    withoutCoverageText:
      report.rowsWithoutCoverage > 0 ? t('education.gaps.withoutCoverage', { count: report.rowsWithoutCoverage }) : '',
  };
}
