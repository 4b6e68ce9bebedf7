/**
 * The part of `cloudflare:test` (provided by @cloudflare/vitest-pool-workers inside workerd) that
 * these tests use, typed against our own Env. The package's full declarations assume the global
 * Workers types, which clash with the Node types the rest of the project compiles with.
 */
declare module 'cloudflare:test' {
  import type { D1Database } from '@cloudflare/workers-types';

  export interface D1Migration {
    name: string;
    queries: string[];
  }

  /** The bindings of wrangler.toml plus those test/workers/vitest.config.ts adds. */
  export const env: {
    DB: D1Database;
    TEST_MIGRATIONS: D1Migration[];
    /** The reference seed as `npm run seed:d1` writes it: one idempotent upsert per entry. */
    TEST_REFERENCE_SQL: string[];
    [setting: string]: unknown;
  };

  /** The Worker of wrangler.toml's `main`, called through a service binding. */
  export const SELF: { fetch(input: string | Request, init?: RequestInit): Promise<Response> };

  export function applyD1Migrations(
    db: D1Database,
    migrations: D1Migration[],
    migrationsTableName?: string,
  ): Promise<void>;

  /** For calling the Worker's handlers directly (the `scheduled` handler). */
  export function createExecutionContext(): import('@cloudflare/workers-types').ExecutionContext;
  export function waitOnExecutionContext(ctx: import('@cloudflare/workers-types').ExecutionContext): Promise<void>;
  export function createScheduledController(options?: {
    scheduledTime?: Date | number;
    cron?: string;
  }): import('@cloudflare/workers-types').ScheduledController;
}
