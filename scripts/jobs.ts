/**
 * `npm run jobs`: every scheduled job once against DATABASE_PATH, then exit (for a systemd timer or
 * cron when JOBS_INTERVAL_SECONDS=0, or by hand). Prints the summary as JSON; exit code 1 if a
 * job failed. Safe beside a running server: every job is idempotent.
 */
import { ConfigError, loadConfig } from '../src/core/config.ts';
import { createJsonLogger } from '../src/core/logger.ts';
import { createNodeDeps } from '../src/node/app-deps.ts';
import { openDatabase } from '../src/node/database.ts';
import { processEnv } from '../src/node/env.ts';
import { pendingMigrations } from '../src/node/migrate.ts';
import { runScheduled } from '../src/scheduled.ts';

try {
  const config = loadConfig(processEnv());
  const database = openDatabase(config.databasePath);
  const pending = pendingMigrations(database.sqlite);
  if (pending.length > 0) {
    console.error(`Migrations not applied (${pending.join(', ')}): run npm run migrate or start the server first.`);
    process.exit(1);
  }
  const { deps, closeMail } = await createNodeDeps(config, database, createJsonLogger());
  const summary = await runScheduled(deps, new Date());
  console.log(JSON.stringify(summary));
  closeMail();
  await database.close();
  process.exit(summary.failed > 0 ? 1 : 0);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}
