import type { Context } from 'hono';
import type { AppEnv } from '../../deps.ts';
import { csvDownload, toCsv } from '../../http/csv.ts';
import { encodeCursor } from '../../http/pagination.ts';
import { PUBLIC, type Routes } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { gapListQuery, gapQuery, gapResponse } from './schemas.ts';
import { type GapReport, gapReport } from './service.ts';

const tags = ['Education'];

/**
 * One row per occupation and horizon; hidden demand is written `:c`, and so is its coverage. The
 * last columns give the coverage at the finest published level: the publication's cell id (the
 * row's own when it is published) and its coverage; empty where every level is hidden.
 */
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
      'coverageCell',
      'coverageAtLevel',
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
      i.coverageLevel?.cell ?? '',
      i.coverageLevel?.coverage ?? '',
    ]),
  );
}

/**
 * One page of the report's rows, in the report's order (occupation code, then horizon), which the
 * per-query memo keeps stable between pages. The summaries over the whole selection (shortages,
 * demand without offering, offerings without demand) come with the first page only: a client paging
 * through has them once, and every later page stays the size of its rows.
 */
export function gapPage(report: GapReport, offset: number, limit: number) {
  const { items, shortages, demandWithoutOffering, offeringsWithoutDemand, ...head } = report;
  const end = offset + limit;
  return {
    ...head,
    items: items.slice(offset, end),
    nextCursor: encodeCursor(end < items.length ? end : null),
    ...(offset === 0 ? { shortages, demandWithoutOffering, offeringsWithoutDemand } : {}),
  };
}

/**
 * A page's JSON text, kept beside the report it was made from: protected reports are memoised per
 * query (gap.ts), so a repeated page is not serialised again; a secretariat's raw report is a new
 * object each time and takes its texts with it when it goes.
 */
const pageTexts = new WeakMap<GapReport, Map<string, string>>();
const PAGE_TEXTS_PER_REPORT = 8;

function gapPageJson(report: GapReport, offset: number, limit: number): string {
  const texts = pageTexts.get(report) ?? new Map<string, string>();
  pageTexts.set(report, texts);
  const key = `${offset}:${limit}`;
  const held = texts.get(key);
  if (held !== undefined) return held;
  const text = JSON.stringify(gapPage(report, offset, limit));
  if (texts.size >= PAGE_TEXTS_PER_REPORT) texts.delete(texts.keys().next().value ?? '');
  texts.set(key, text);
  return text;
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
      query: gapListQuery,
      responses: { 200: { description: 'One page of the gap table', schema: gapResponse } },
    },
    async (c, { query }) => {
      const { limit, cursor, ...filters } = query;
      const text = gapPageJson(await gapReport(scopeOf(c), filters), cursor ?? 0, limit);
      return c.body(text, 200, { 'content-type': 'application/json' });
    },
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
      csvDownload(c, gapCsv(await gapReport(scopeOf(c), { ...query, offeringsLimit: undefined })), 'gap.csv'),
  );
}
