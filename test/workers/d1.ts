import { applyD1Migrations, env } from 'cloudflare:test';

/**
 * Storage is isolated per test file, so each file builds its own local D1: the schema from
 * ./migrations (the same files `wrangler d1 migrations apply` runs) and, where a test needs it,
 * the reference data.
 */
export async function migrateD1(): Promise<void> {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
}

/** Runs the seed statements as one batch, as `wrangler d1 execute --file` does. */
export async function seedReferenceD1(): Promise<void> {
  await env.DB.batch(env.TEST_REFERENCE_SQL.map((statement) => env.DB.prepare(statement)));
}
