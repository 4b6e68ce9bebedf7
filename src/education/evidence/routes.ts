import type { Context } from 'hono';
import type { AppEnv } from '../../deps.ts';
import { csvDownload, toCsv } from '../../http/csv.ts';
import { PUBLIC, type Routes } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { formatDate, formatDateTime } from '../../i18n/dates.ts';
import { swedishName } from '../../taxonomy/index.ts';
import { renderToString } from '../../web/render.ts';
import { gapCells } from '../gap/views.ts';
import { evidencePack, evidenceQuery } from './service.ts';

type Pack = Awaited<ReturnType<typeof evidencePack>>;

/** Hidden figures are `:c` here (a file, like the open data); every row names the publication's version. */
function evidenceCsv(pack: Pack): string {
  const hidden = (suppressed: boolean, value: number | null) => (suppressed ? ':c' : value);
  const version = pack.publication?.version ?? '';
  return toCsv(
    [
      'section',
      'occupation',
      'occupationName',
      'horizon',
      'demand',
      'supply',
      'supplyInHorizon',
      'coverage',
      'from',
      'to',
      'change',
      'offerings',
      'coverageCell',
      'coverageAtLevel',
      'publicationVersion',
    ],
    [
      ...pack.items.map((i) => [
        'gap',
        i.occupation,
        i.occupationName,
        i.horizon,
        hidden(i.suppressed, i.demand),
        i.supply,
        i.supplyInHorizon,
        hidden(i.suppressed, i.coverage),
        '',
        '',
        '',
        i.offerings.map((o) => `${o.name} (${o.providerName})`).join(' | '),
        i.coverageLevel?.cell ?? '',
        i.coverageLevel?.coverage ?? '',
        version,
      ]),
      ...pack.changes.map((ch) => [
        'change',
        ch.occupation,
        '',
        ch.horizon,
        '',
        '',
        '',
        '',
        ch.from === null ? ':c' : ch.from,
        ch.to === null ? ':c' : ch.to,
        ch.change === null ? ':c' : ch.change,
        '',
        '',
        '',
        version,
      ]),
    ],
  );
}

export function registerEvidenceRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/education/evidence',
      kind: 'page',
      access: PUBLIC,
      summary: 'Evidence pack for an occupation or a specialisation: one print-ready page of protected figures',
      query: evidenceQuery,
    },
    async (c: Context<AppEnv>, { query }) => {
      const pack = await evidencePack(scopeOf(c), query);
      const t = c.get('t');
      const lang = c.get('lang');
      const hidden = t('education.gaps.hidden');
      const csvParams = new URLSearchParams({ round: pack.round.id });
      if (query.occupation) csvParams.set('occupation', query.occupation);
      if (query.specialisation) csvParams.set('specialisation', query.specialisation);
      const html = renderToString('education/evidence', {
        lang,
        t,
        title: t('education.evidence.title', { subject: pack.subjectName }),
        subjectName: pack.subjectName,
        round: pack.round,
        previous: pack.previous,
        previousVersion: pack.previousVersion,
        notComparable: pack.notComparable,
        version: pack.publication?.version ?? '',
        publishedOn: formatDateTime(pack.publication?.publishedAt, lang),
        generatedOn: formatDate(c.get('deps').now().toISOString(), lang),
        items: pack.items.map((i) => ({
          ...i,
          ...gapCells(t, lang, i),
          // Matched on the row's occupation: named as the row is; on skills: JobTech's Swedish names.
          offerings: i.offerings.map((o) => ({
            ...o,
            matched:
              o.via === 'occupation'
                ? { name: i.occupationName, lang: i.occupationNameLang }
                : swedishName(o.matchedOn.join(', '), c.get('lang')),
          })),
        })),
        changes: pack.changes.map((ch) => ({
          ...ch,
          horizonLabel: t(`education.horizon.${ch.horizon}`),
          fromText: ch.from === null ? hidden : String(ch.from),
          toText: ch.to === null ? hidden : String(ch.to),
          changeText: ch.change === null ? hidden : ch.change > 0 ? `+${ch.change}` : String(ch.change),
        })),
        csvHref: `/education/evidence.csv?${csvParams}`,
        disclosure: c.get('deps').config.disclosure,
      });
      return c.html(html);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/education/evidence.csv',
      kind: 'page',
      access: PUBLIC,
      summary: 'The evidence pack as CSV; hidden figures are written :c',
      query: evidenceQuery,
    },
    async (c, { query }) => csvDownload(c, evidenceCsv(await evidencePack(scopeOf(c), query)), 'underlag.csv'),
  );
}
