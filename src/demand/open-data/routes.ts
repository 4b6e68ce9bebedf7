import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../deps.ts';
import { csvDownload, toCsv } from '../../http/csv.ts';
import { PUBLIC, type Routes } from '../../http/routes.ts';
import { render } from '../../web/render.ts';
import { DIMENSIONS } from '../dimensions.ts';
import { resolveRound } from '../rounds.ts';
import { requirePublication } from '../service.ts';
import {
  OPEN_DATA_COLUMNS,
  OPEN_DATA_DIMENSIONS,
  OPEN_DATA_TABLES,
  type OpenData,
  openData,
  openDataResponse,
} from './service.ts';

const tags = ['Demand'];
const openDataQuery = z
  .object({ round: z.string().min(1).max(100).optional().describe('a closed round; the latest if left out') })
  .strict();

/** A closed round's open data (404 for an open one), from its publication (409 while it is computed). */
async function openDataFor(c: Context<AppEnv>, roundId: string | undefined): Promise<OpenData> {
  const { db } = c.get('deps');
  const round = await resolveRound(c.get('deps').db, roundId, { closedOnly: true });
  const publication = await requirePublication(db, round);
  return openData(db, { round, publication });
}

export function registerOpenDataRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/open-data/demand',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary: "A closed round's publication: every catalogue table as rows with stable columns (see /data/dictionary)",
      query: openDataQuery,
      responses: { 200: { description: 'The open data set', schema: openDataResponse } },
    },
    async (c, { query }) => c.json(await openDataFor(c, query.round)),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/open-data/demand.csv',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary: 'The same rows as CSV, one column per field; hidden figures are empty with the flag :c',
      query: openDataQuery,
      responses: { 200: { description: 'CSV', contentType: 'text/csv' } },
    },
    async (c, { query }) => {
      const data = await openDataFor(c, query.round);
      const csv = toCsv(
        OPEN_DATA_COLUMNS,
        data.rows.map((row) => OPEN_DATA_COLUMNS.map((column) => row[column])),
      );
      return csvDownload(c, csv, `kompetensbron-efterfragan-${data.round.id}.csv`);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/data/dictionary',
      kind: 'page',
      access: PUBLIC,
      tags,
      summary: 'Data dictionary: the open data columns, dimensions, code lists and the disclosure rule',
    },
    (c) => {
      const t = c.get('t');
      const { minOrganisations, dominanceN, dominanceK } = c.get('deps').config.disclosure;
      return render(c, 'demand/dictionary', {
        title: t('dictionary.title'),
        nav: 'demand',
        columns: OPEN_DATA_COLUMNS.map((name) => ({ name, meaning: t(`dictionary.column.${name}`) })),
        tables: OPEN_DATA_TABLES.map((id) => ({ id, meaning: t(`dictionary.table.${id}`) })),
        dimensions: [...DIMENSIONS, 'difficulty', 'strategy'].map((name) => ({
          name,
          meaning: t(`dictionary.dimension.${name}`),
          source: t(`dictionary.source.${name}`),
          inOpenData: (OPEN_DATA_DIMENSIONS as readonly string[]).includes(name),
        })),
        disclosure: { minOrganisations, dominanceN, dominanceK },
      });
    },
  );
}
