/** `npm run migrate`: applies pending migrations to DATABASE_PATH (the server also does this at start). */
import { ConfigError, loadConfig } from '../src/core/config.ts';
import { openDatabase } from '../src/node/database.ts';
import { processEnv } from '../src/node/env.ts';
import { applyMigrations } from '../src/node/migrate.ts';

try {
  const config = loadConfig(processEnv());
  const database = openDatabase(config.databasePath);
  const applied = applyMigrations(database.sqlite);
  console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
  await database.close();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}
