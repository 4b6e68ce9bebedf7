import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../http/errors.ts';
import { PUBLIC, type Routes } from '../http/routes.ts';

const healthBody = z.object({ status: z.literal('ok') });

export function registerHealthRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/healthz',
      kind: 'api',
      access: PUBLIC,
      tags: ['Operations'],
      summary: 'Liveness: 200 when the database answers',
      responses: {
        200: { description: 'The service and its database answer', schema: healthBody },
        503: { description: 'The database does not answer' },
      },
    },
    async (c) => {
      try {
        await sql`select 1`.execute(c.var.deps.db);
      } catch (err) {
        c.var.deps.log.error('health check failed', { error: err instanceof Error ? err.message : String(err) });
        throw new AppError(503, 'error.unavailable.title', { detail: 'database unavailable' });
      }
      c.header('cache-control', 'no-store');
      return c.json({ status: 'ok' as const });
    },
  );
}
