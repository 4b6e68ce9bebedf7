/**
 * `npm run seed`: migrations, reference data, and demo data when SEED_DEMO says so, into
 * DATABASE_PATH. Idempotent; the server does the same at start.
 */
import { ConfigError, loadConfig } from '../src/core/config.ts';
import { openDatabase, prepareDatabase } from '../src/node/database.ts';
import { processEnv } from '../src/node/env.ts';

try {
  const config = loadConfig(processEnv());
  const database = openDatabase(config.databasePath);
  const result = await prepareDatabase(database, { seedDemo: config.seedDemo, now: new Date() });
  console.log(
    `${config.databasePath}: ${result.migrations.length} migration(s) applied; reference data: ${result.reference.changes} row(s) changed; demo data: ${result.demo ? `${result.demo.changes} row(s) added` : 'not requested'}.`,
  );
  await database.close();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}
