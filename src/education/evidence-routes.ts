import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { csvDownload, toCsv } from '../http/csv.ts';
import { PUBLIC, type Routes } from '../http/routes.ts';
import { renderToString } from '../web/render.ts';
import { evidencePack, evidenceQuery } from './evidence.ts';

type Pack = Awaited<ReturnType<typeof evidencePack>>;

function evidenceCsv(pack: Pack): string {
  const hidden = (suppressed: boolean, value: number | null) => (suppressed ? ':c' : value);
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
      ]),
    ],
  );
}

function pct(value: number | null, suppressed: boolean): string {
  if (value === null) return suppressed ? ':c' : '–';
  return `${Math.round(value * 100)} %`;
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
      const pack = await evidencePack(c, query);
      const t = c.get('t');
      const csvParams = new URLSearchParams({ round: pack.round.id });
      if (query.occupation) csvParams.set('occupation', query.occupation);
      if (query.specialisation) csvParams.set('specialisation', query.specialisation);
      const html = renderToString('education/evidence', {
        lang: c.get('lang'),
        t,
        title: t('education.evidence.title', { subject: pack.subjectName }),
        subjectName: pack.subjectName,
        round: pack.round,
        previous: pack.previous,
        generatedOn: c.get('deps').now().toISOString().slice(0, 10),
        items: pack.items.map((i) => ({
          ...i,
          horizonLabel: t(`education.horizon.${i.horizon}`),
          demandText: i.suppressed ? ':c' : String(i.demand),
          coverageText: pct(i.coverage, i.suppressed),
        })),
        changes: pack.changes.map((ch) => ({
          ...ch,
          horizonLabel: t(`education.horizon.${ch.horizon}`),
          fromText: ch.from === null ? ':c' : String(ch.from),
          toText: ch.to === null ? ':c' : String(ch.to),
          changeText: ch.change === null ? ':c' : ch.change > 0 ? `+${ch.change}` : String(ch.change),
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
    async (c, { query }) => csvDownload(c, evidenceCsv(await evidencePack(c, query)), 'underlag.csv'),
  );
}
