import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { csvDownload, toCsv } from '../http/csv.ts';
import { PUBLIC, type Routes } from '../http/routes.ts';
import { type GapReport, gapReport } from './gap.ts';
import { gapQuery, gapResponse } from './gap-schemas.ts';

const tags = ['Education'];

/** One row per occupation and horizon; hidden demand is written `:c`, and so is its coverage. */
export function gapCsv(report: GapReport): string {
  return toCsv(
    [
      'occupation',
      'occupationName',
      'horizon',
      'demand',
      'demandPerYear',
      'supply',
      'supplyInHorizon',
      'coverage',
      'shortage',
      'flag',
      'offerings',
    ],
    report.items.map((i) => [
      i.occupation,
      i.occupationName,
      i.horizon,
      i.suppressed ? ':c' : i.demand,
      i.suppressed ? ':c' : i.demandPerYear,
      i.supply,
      i.supplyInHorizon,
      i.suppressed ? ':c' : i.coverage,
      i.suppressed ? ':c' : i.shortage,
      i.reason ?? '',
      i.offerings.map((o) => `${o.name} (${o.matchedOn.join('; ')})`).join(' | '),
    ]),
  );
}

export function registerGapApiRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/gaps',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary:
        'Demand against education supply per occupation and horizon, each match explained; demand protected for everyone but the secretariat',
      query: gapQuery,
      responses: { 200: { description: 'The gap table', schema: gapResponse } },
    },
    async (c, { query }) => c.json(await gapReport(c, query)),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/gaps.csv',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary: 'The gap table as CSV; hidden demand and its coverage are written :c',
      query: gapQuery,
      responses: { 200: { description: 'CSV', contentType: 'text/csv' } },
    },
    async (c: Context<AppEnv>, { query }) =>
      csvDownload(c, gapCsv(await gapReport(c, { ...query, offeringsLimit: undefined })), 'gap.csv'),
  );
}
