/**
 * `npm run seed`: migrations, reference data, and demo data when SEED_DEMO says so, into
 * DATABASE_PATH. Idempotent; the server does the same at start.
 */
import { ConfigError, loadConfig } from '../src/core/config.ts';
import { createJsonLogger } from '../src/core/logger.ts';
import { createNodeDeps } from '../src/node/app-deps.ts';
import { openDatabase, prepareDatabase } from '../src/node/database.ts';
import { processEnv } from '../src/node/env.ts';
import { runDemoJobs } from '../src/scheduled.ts';

try {
  const config = loadConfig(processEnv());
  const database = openDatabase(config.databasePath);
  const now = new Date();
  const result = await prepareDatabase(database, { seedDemo: config.seedDemo, now });
  // What the product makes of the demo's answers (a shared-post proposal), made as it makes it: by its job.
  let demoJobs = 0;
  if (result.demo) {
    const { deps, closeMail } = await createNodeDeps(config, database, createJsonLogger());
    const summary = await runDemoJobs(deps, now);
    closeMail();
    if (summary.failed > 0) throw new Error(`demo jobs failed: ${JSON.stringify(summary.jobs)}`);
    demoJobs = summary.jobs.reduce((sum, job) => sum + job.changed, 0);
  }
  console.log(
    `${config.databasePath}: ${result.migrations.length} migration(s) applied; reference data: ${result.reference.changes} row(s) changed; demo data: ${result.demo ? `${result.demo.changes} row(s) added, ${demoJobs} made by its jobs` : 'not requested'}.`,
  );
  await database.close();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}
