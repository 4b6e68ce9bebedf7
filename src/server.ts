/**
 * Node entry: settings from the environment, better-sqlite3 file database, migrations and seed
 * data at start, then the app on @hono/node-server. Everything else is in createApp.
 */
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { createJsonLogger } from './http/logger.ts';
import { deriveKeys, randomSecret } from './identity/keys.ts';
import { createHttpMailTransport } from './mail/http-transport.ts';
import { openDatabase, prepareDatabase } from './node/database.ts';
import { processEnv } from './node/env.ts';
import { createSmtpTransport } from './node/smtp-transport.ts';

function readConfig(): Config {
  try {
    return loadConfig(processEnv());
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      console.error('Kompetensbron did not start. Fix the setting(s) above; see README.md, "Configuration".');
      process.exit(1);
    }
    throw err;
  }
}

const config = readConfig();
const log = createJsonLogger();
if (config.appEnv !== 'production' && !/^http:\/\/(localhost|127\.0\.0\.1)(:|$)/.test(config.publicUrl)) {
  // A public server left in development mode would show every sign-in link at /dev/mail.
  log.warn('APP_ENV is not production but PUBLIC_URL is not localhost: set APP_ENV=production for a real deployment', {
    appEnv: config.appEnv,
    publicUrl: config.publicUrl,
  });
}
// Development and test only (loadConfig requires it in production): sessions end at restart.
config.sessionSecret ??= randomSecret();
const keys = await deriveKeys(config.sessionSecret);
const smtpTransport = config.smtpUrl ? createSmtpTransport(config.smtpUrl) : null;
const mailTransport =
  smtpTransport ??
  (config.mail.apiUrl && config.mail.apiKey
    ? createHttpMailTransport({ url: config.mail.apiUrl, apiKey: config.mail.apiKey })
    : null);

const database = openDatabase(config.databasePath);
const prepared = await prepareDatabase(database, { seedDemo: config.seedDemo, now: new Date() });
log.info('database ready', {
  path: config.databasePath,
  migrationsApplied: prepared.migrations,
  referenceChanges: prepared.reference.changes,
  demoChanges: prepared.demo?.changes ?? null,
});

const app = createApp({
  db: database.db,
  atomic: database.atomic,
  now: () => new Date(),
  newId: () => crypto.randomUUID(),
  config,
  keys,
  log,
  mailTransport,
  runtime: 'node',
});

const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
  log.info('listening', { url: `http://localhost:${info.port}`, appEnv: config.appEnv });
  console.log(`Kompetensbron is running at http://localhost:${info.port}`);
});

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info('shutting down', { signal });
  server.close(async () => {
    try {
      database.sqlite.raw.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // in-memory databases have no WAL
    }
    smtpTransport?.close();
    await database.close();
    process.exit(0);
  });
  // Requests in flight get ten seconds to finish.
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
