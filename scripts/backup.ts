/**
 * `npm run backup [-- <file>]`: an online backup of DATABASE_PATH (the server may keep running) to
 * the file, or to backups/kompetensbron-<timestamp>.db beside the database (data/backups/ by default), then PRAGMA integrity_check on the copy.
 * Exit code 0 only when the copy checks ok. docs/operations.md, "Backups".
 */
import { dirname, join } from 'node:path';
import { ConfigError, loadConfig } from '../src/core/config.ts';
import { backupDatabase, defaultBackupPath } from '../src/node/backup.ts';
import { processEnv } from '../src/node/env.ts';

try {
  const config = loadConfig(processEnv());
  const target = process.argv[2] ?? defaultBackupPath(new Date(), join(dirname(config.databasePath), 'backups'));
  const report = await backupDatabase(config.databasePath, target);
  console.log(`Backup of ${config.databasePath} → ${report.path} (${report.bytes} bytes, ${report.pages} pages)`);
  console.log(`integrity_check: ${report.result}`);
  process.exit(report.ok ? 0 : 2);
} catch (err) {
  console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
  process.exit(1);
}
