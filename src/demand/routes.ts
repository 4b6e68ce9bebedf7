import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { csvDownload, toCsv } from '../http/csv.ts';
import { PUBLIC, type Routes } from '../http/routes.ts';
import { scopeOf } from '../http/scope.ts';
import { labelsFor } from './labels.ts';
import { computingNotice } from './raw/notice.ts';
import {
  type DemandQueryInput,
  demandComputingResponse,
  demandQuery,
  demandResponse,
  tableInputOf,
} from './schemas.ts';
import { type DemandTable, demandTableOrProgress, publishedDemandText, type TableComputing } from './service.ts';

const tags = ['Demand'];

const requestOf = (query: DemandQueryInput) => ({
  round: query.round,
  ...tableInputOf(query),
  ...(query.view ? { view: query.view } : {}),
});

function tableFor(c: Context<AppEnv>, query: DemandQueryInput) {
  return demandTableOrProgress(scopeOf(c), requestOf(query));
}

/**
 * One row per entry (cells, then totals): each dimension's code and name, then the figures (`:c`
 * where hidden), why a figure is hidden, and the cell's id in the publication.
 */
export async function demandCsv(c: Context<AppEnv>, table: DemandTable): Promise<string> {
  const rows = [...table.cells, ...table.totals];
  const labels = await Promise.all(
    table.by.map((d) =>
      labelsFor(
        c.get('deps').db,
        d,
        [...new Set(rows.flatMap((r) => (r.key[d] ? [r.key[d] as string] : [])))],
        c.get('lang'),
        c.get('t'),
      ),
    ),
  );
  const header = [...table.by.flatMap((d) => [d, `${d}Name`]), 'headcount', 'organisations', 'flag', 'cell'];
  return toCsv(
    header,
    rows.map((row) => [
      ...table.by.flatMap((d, i) => {
        const code = row.key[d];
        return code === undefined ? ['total', c.get('t')('demand.total')] : [code, labels[i]?.get(code) ?? code];
      }),
      row.suppressed ? ':c' : row.headcount,
      row.suppressed ? ':c' : row.organisations,
      row.reason ?? '',
      row.cell ?? '',
    ]),
  );
}

/**
 * 202 for the secretariat's raw table that is still being computed off the request: when it
 * started, the round's size, and when to ask again (the same request answers 200 once it is done).
 */
function computingResponse(c: Context<AppEnv>, computing: TableComputing): Response {
  const { message } = computingNotice(c.get('t'), c.get('lang'), computing, c.get('deps').now());
  c.header('Retry-After', String(computing.retryAfter));
  c.header('cache-control', 'no-store');
  return c.json(
    {
      status: 'computing' as const,
      round: computing.round,
      since: computing.since,
      needLines: computing.needLines,
      lastFailedAt: computing.lastFailedAt,
      retryAfter: computing.retryAfter,
      detail: message,
    },
    202,
  );
}

const computing = {
  description: "The secretariat's raw table is still being computed off the request; ask again after Retry-After",
  schema: demandComputingResponse,
};
const failed = { description: "The secretariat's raw table could not be computed; the next request starts again" };

export function registerDemandApiRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/demand',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary:
        "A round's demand by one to three dimensions with its margins; protected for everyone but the secretariat",
      query: demandQuery,
      responses: { 200: { description: 'The table', schema: demandResponse }, 202: computing, 503: failed },
    },
    async (c, { query }) => {
      const scope = scopeOf(c);
      // Everyone but the secretariat reads the publication, whose text is kept once made.
      const text = await publishedDemandText(scope, requestOf(query));
      if (text !== undefined) return c.body(text, 200, { 'content-type': 'application/json' });
      const table = await demandTableOrProgress(scope, requestOf(query));
      return 'state' in table ? computingResponse(c, table) : c.json(table);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/demand.csv',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary: 'The same table as CSV (codes and names); hidden figures are written :c',
      query: demandQuery,
      responses: { 200: { description: 'CSV', contentType: 'text/csv' }, 202: computing, 503: failed },
    },
    async (c, { query }) => {
      const table = await tableFor(c, query);
      if ('state' in table) return computingResponse(c, table);
      const csv = await demandCsv(c, table);
      return csvDownload(c, csv, `efterfragan-${query.table ?? query.by?.join('-')}.csv`);
    },
  );
}
