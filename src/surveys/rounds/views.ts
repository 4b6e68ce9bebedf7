import { z } from 'zod';
import { type Language, type Translate, translator } from '../../i18n/i18n.ts';
import { SIZE_CLASSES } from '../../organisations/index.ts';
import { REMINDER_INTERVAL_HOURS } from './invitations.ts';
import { RATE_DIMENSIONS, type RateCell, type RateDimension, type ResponseRates } from './response-rates.ts';

const percentFormats = {
  sv: new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
};

export function percentOf(part: number, whole: number, lang: Language): string {
  return percentFormats[lang].format(whole === 0 ? 0 : (100 * part) / whole);
}

function groupLabel(t: Translate, dimension: RateDimension, cell: RateCell): string {
  if (cell.key === null) return t('roundAdmin.rates.unknown');
  if (dimension === 'sector') return t(`organisation.sector.${cell.key}`);
  if (dimension === 'sizeClass') return t(`organisation.size.${cell.key}`);
  return cell.name ? `${cell.name} (${cell.key})` : cell.key;
}

/** One table per dimension, size classes smallest first, for templates/surveys/admin-round.hbs. */
export function rateTables(t: Translate, lang: Language, rates: ResponseRates) {
  return RATE_DIMENSIONS.map((dimension) => {
    const cells = [...rates.by[dimension]];
    if (dimension === 'sizeClass') {
      const order = (key: string | null) => SIZE_CLASSES.indexOf((key ?? '') as (typeof SIZE_CLASSES)[number]);
      cells.sort((a, b) => order(a.key) - order(b.key));
    }
    return {
      dimension,
      caption: t('roundAdmin.rates.caption', { dimension: t(`roundAdmin.dimension.${dimension}`) }),
      rows: cells.map((cell) => ({
        label: groupLabel(t, dimension, cell),
        // SNI 2007 is named in Swedish only: marked so on an English page.
        lang: lang === 'en' && dimension === 'sniSection' && cell.name ? 'sv' : undefined,
        targeted: cell.targeted,
        submitted: cell.submitted,
        percent: percentOf(cell.submitted, cell.targeted, lang),
      })),
    };
  });
}

const count = z.coerce.number().int().min(0).max(1_000_000).optional();
const noticeQuery = z.object({
  notice: z.enum(['created', 'opened', 'closed', 'invited', 'reminded', 'imported']).optional(),
  count,
  sent: count,
  skipped: count,
  remaining: count,
  unreachable: count,
  unchanged: count,
});

/** What the last action did, from the query of the address it redirected to (303 after a post). */
export function noticesOf(query: Record<string, string>, lang: Language): string[] {
  const parsed = noticeQuery.safeParse(query);
  if (!parsed.success || !parsed.data.notice) return [];
  const q = parsed.data;
  const t = translator(lang);
  const lines = [t(`roundAdmin.notice.${q.notice}`, { count: q.count ?? 0, sent: q.sent ?? 0 })];
  if (q.skipped) lines.push(t('roundAdmin.notice.skipped', { count: q.skipped, hours: REMINDER_INTERVAL_HOURS }));
  if (q.unchanged) lines.push(t('roundAdmin.notice.unchanged', { count: q.unchanged }));
  if (q.remaining) lines.push(t('roundAdmin.notice.remaining', { count: q.remaining }));
  if (q.unreachable) lines.push(t('roundAdmin.notice.unreachable', { count: q.unreachable }));
  return lines;
}

/** The address to go back to after a mail run, with what it did. */
export function mailNotice(
  notice: 'opened' | 'invited' | 'reminded',
  run: { organisations: number; sent: number; remaining: number; unreachable: unknown[]; skipped?: number },
): string {
  const params = new URLSearchParams({
    notice,
    count: String(run.organisations),
    sent: String(run.sent),
    remaining: String(run.remaining),
    unreachable: String(run.unreachable.length),
    skipped: String(run.skipped ?? 0),
  });
  return params.toString();
}
