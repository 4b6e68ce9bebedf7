import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { formatDate } from '../../i18n/dates.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { choiceGroup, type FormErrors, listOf } from '../../web/forms.ts';
import { CONNECTIONS, type PoolCounts, REMOTE_WISHES, type Returner } from './schemas.ts';

/** Page models of the returner pool (decision 0033). */

async function regionKommuner(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('municipalities')
    .select(['code', 'short_name'])
    .where('county_code', '=', (eb) => eb.selectFrom('region').select('county_code').limit(1))
    .orderBy('short_name')
    .execute();
  return rows.map((r) => ({ value: r.code, label: r.short_name }));
}

/** The form's groups: how the person knows the region, kommuner, remote wishes. */
export async function returnerFormModel(
  db: Kysely<Database>,
  t: Translate,
  fields: Record<string, string | string[]>,
  form?: FormErrors,
) {
  const one = (name: string) => {
    const v = fields[name];
    return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  };
  return {
    connectionGroup: choiceGroup(
      'connection',
      t('returner.field.connection'),
      CONNECTIONS.map((c) => ({ value: c, label: t(`returner.connection.${c}`) })),
      [one('connection')],
      'radio',
      { error: form?.byField.connection },
    ),
    kommunGroup: choiceGroup(
      'kommuner',
      t('returner.field.kommuner'),
      await regionKommuner(db),
      listOf(fields.kommuner),
      'checkbox',
      { hint: t('returner.field.kommuner.hint'), error: form?.byField.kommuner, layout: 'columns' },
    ),
    remoteGroup: choiceGroup(
      'remote',
      t('returner.field.remote'),
      REMOTE_WISHES.map((r) => ({ value: r, label: t(`returner.remote.${r}`) })),
      [one('remote') || 'any'],
      'radio',
      { error: form?.byField.remote, layout: 'inline' },
    ),
  };
}

/** The entry as the form's posted fields (occupations by id; the page labels them). */
export function returnerFields(r: Returner): Record<string, string | string[]> {
  return {
    version: String(r.version),
    name: r.name,
    connection: r.connection,
    occupationIds: r.occupations.map((o) => o.id).join(', '),
    earliestMove: r.earliestMove ?? '',
    kommuner: r.kommuner,
    remote: r.remote,
    languages: r.languages.join(', '),
  };
}

export function statusLine(t: Translate, r: Returner, lang: 'sv' | 'en'): string {
  return t(`returner.me.${r.status}`, { date: formatDate(r.expiresAt, lang) });
}

export function poolModel(t: Translate, counts: PoolCounts, lang: 'sv' | 'en') {
  const shown = (n: number | null) => (n === null ? t('returner.pool.fewer', { n: counts.fewerThan }) : String(n));
  const rows = (cells: PoolCounts['byOccupation'], withCode: boolean) =>
    cells.map((c) => ({
      label: `${withCode ? `${c.code} ` : ''}${lang === 'en' ? c.labelEn : c.labelSv}`,
      count: shown(c.count),
    }));
  return {
    total: t('returner.pool.total', { count: shown(counts.total) }),
    byOccupation: rows(counts.byOccupation, true),
    byKommun: rows(counts.byKommun, false),
    empty: counts.byOccupation.length === 0,
  };
}
