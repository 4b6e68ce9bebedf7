import { CompiledQuery, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { AppError } from '../http/errors.ts';
import { PUBLIC, type Routes } from '../http/routes.ts';
import { migrations as expectedMigrations } from '../web/generated/migrations.js';

/** Compiled once: the liveness probe runs often, and compiling `select 1` was most of its own cost. */
const SELECT_ONE = CompiledQuery.raw('select 1');

const healthBody = z.object({ status: z.literal('ok') });
const readyBody = z.object({ status: z.literal('ready'), migrations: z.number().int() });

/** The migrations this build expects that the database has not applied (names from the build). */
export async function missingMigrations(db: Kysely<Database>): Promise<string[]> {
  const applied = await db.selectFrom('d1_migrations').select('name').execute();
  const have = new Set(applied.map((row) => row.name));
  return expectedMigrations.filter((name) => !have.has(name));
}

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
        await c.get('deps').db.executeQuery(SELECT_ONE);
      } catch (err) {
        c.get('deps').log.error('health check failed', { error: err instanceof Error ? err.message : String(err) });
        throw new AppError(503, 'error.unavailable.title', { detail: 'database unavailable' });
      }
      c.header('cache-control', 'no-store');
      return c.json({ status: 'ok' as const });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/readyz',
      kind: 'api',
      access: PUBLIC,
      tags: ['Operations'],
      summary: 'Readiness: 200 when the database answers and has every migration this build expects',
      responses: {
        200: { description: 'Ready for traffic', schema: readyBody },
        503: { description: 'The database does not answer, or migrations are missing (problem details)' },
      },
    },
    async (c) => {
      const { db, log } = c.get('deps');
      c.header('cache-control', 'no-store');
      let missing: string[];
      try {
        missing = await missingMigrations(db);
      } catch (err) {
        log.error('readiness check failed', { error: err instanceof Error ? err.message : String(err) });
        throw new AppError(503, 'error.unavailable.title', { detail: 'database unavailable' });
      }
      if (missing.length > 0) {
        log.warn('not ready: migrations missing', { missing });
        throw new AppError(503, 'error.unavailable.title', {
          detail: `migrations not applied: ${missing.join(', ')}`,
        });
      }
      return c.json({ status: 'ready' as const, migrations: expectedMigrations.length });
    },
  );
}
