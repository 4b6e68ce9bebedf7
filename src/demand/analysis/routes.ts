import { PUBLIC, type Routes } from '../../http/routes.ts';
import { demandIndicators } from '../indicators/service.ts';
import { filtersOf } from '../schemas.ts';
import { demandChange } from './change.ts';
import { changeQuery, changeResponse, indicatorsQuery, indicatorsResponse } from './schemas.ts';

const tags = ['Demand'];

export function registerDemandAnalysisRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/demand/indicators',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary:
        "Recruitment difficulty (mean and distribution) and how needs are to be met, weighted by headcount: cells of the round's publication",
      query: indicatorsQuery,
      responses: { 200: { description: 'The indicators', schema: indicatorsResponse } },
    },
    async (c, { query }) =>
      c.json(await demandIndicators(c.get('deps').db, { round: query.round, filters: filtersOf(query) })),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/demand/change',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary: "Change between two closed rounds' publications, cell by cell, on the same question codes",
      query: changeQuery,
      responses: { 200: { description: 'Both rounds and the change per entry', schema: changeResponse } },
    },
    async (c, { query }) =>
      c.json(
        await demandChange(c.get('deps').db, {
          from: query.from,
          to: query.to,
          by: query.by,
          filters: filtersOf(query),
          ssykLevel: query.ssykLevel as 1 | 2 | 3 | 4,
        }),
      ),
  );
}
