import { formatClock } from '../../i18n/dates.ts';
import type { Language, Translate } from '../../i18n/i18n.ts';
import { formatNumber } from '../page/format.ts';
import type { TableComputing } from './table.ts';

/**
 * What the person waiting for a raw table is told, in the API's `detail` and on the page: that it
 * is being computed, since when, and why it takes a while (the round's size).
 */
export function computingNotice(
  t: Translate,
  lang: Language,
  computing: TableComputing,
  now: Date,
): { message: string; lastFailed: string | undefined } {
  const seconds = Math.max(0, Math.round((now.getTime() - new Date(computing.since).getTime()) / 1000));
  const elapsed =
    seconds < 60
      ? t('demand.raw.elapsed.seconds', { seconds })
      : t('demand.raw.elapsed.minutes', { minutes: Math.floor(seconds / 60), seconds: seconds % 60 });
  return {
    message: t('demand.raw.computing', {
      lines: formatNumber(lang, computing.needLines),
      since: formatClock(computing.since, lang),
      elapsed,
    }),
    lastFailed: computing.lastFailedAt
      ? t('demand.raw.computing.lastFailed', { at: formatClock(computing.lastFailedAt, lang) })
      : undefined,
  };
}
