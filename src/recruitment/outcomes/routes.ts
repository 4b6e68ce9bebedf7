import { PUBLIC, type Routes } from '../../http/routes.ts';
import { outcomeFilter, outcomeList } from './schemas.ts';
import { listOutcomes } from './service.ts';

/** The outcome figures in the API (decision 0036): public, protected, every cell with its margins. */
export function registerOutcomeRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/recruitment/outcomes',
      kind: 'api',
      access: PUBLIC,
      tags: ['Recruitment outcomes'],
      summary: 'Outcome figures of the households that moved here, protected by the disclosure control',
      query: outcomeFilter,
      responses: { 200: { description: 'The figures; a hidden cell has no value', schema: outcomeList } },
    },
    async (c, { query }) => c.json({ items: await listOutcomes(c.get('deps').db, query), nextCursor: null }),
  );
}
