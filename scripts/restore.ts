/**
 * `npm run restore -- <backup file> [--force]`: replaces DATABASE_PATH with the backup. Checks the
 * backup with integrity_check first, refuses while a server has the database open (stop it first;
 * --force skips that check), keeps the old file aside as <db>.before-restore-<timestamp>, and checks
 * the restored file. docs/operations.md, "Restoring".
 */
import { ConfigError, loadConfig } from '../src/core/config.ts';
import { restoreDatabase } from '../src/node/backup.ts';
import { processEnv } from '../src/node/env.ts';

const args = process.argv.slice(2);
const force = args.includes('--force');
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: npm run restore -- <backup file> [--force]');
  process.exit(1);
}
try {
  const config = loadConfig(processEnv());
  const report = restoreDatabase(file, config.databasePath, { force });
  console.log(`Restored ${file} → ${config.databasePath}`);
  if (report.keptAside) console.log(`The previous database is kept as ${report.keptAside}`);
  console.log(`integrity_check: ${report.result}`);
  console.log('Start the server: it applies any migrations newer than the backup.');
  process.exit(report.ok ? 0 : 2);
} catch (err) {
  console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
  process.exit(1);
}
