import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/logger.ts';
import type { AppDeps } from '../deps.ts';
import { HOOKS } from '../features.ts';
import { deriveKeys, randomSecret } from '../identity/keys.ts';
import { createHttpMailTransport } from '../mail/http-transport.ts';
import type { NodeDatabase } from './database.ts';
import { createSmtpTransport } from './smtp-transport.ts';
import { loadNodeSolver } from './solver.ts';

/** The deps of the app on Node (the server and `npm run jobs` build them the same way). */
export async function createNodeDeps(
  config: Config,
  database: NodeDatabase,
  log: Logger,
): Promise<{ deps: AppDeps; closeMail: () => void }> {
  // Development and test only (loadConfig requires it in production): sessions end at restart.
  config.sessionSecret ??= randomSecret();
  const keys = await deriveKeys(config.sessionSecret);
  const smtpTransport = config.smtpUrl ? createSmtpTransport(config.smtpUrl) : null;
  const mailTransport =
    smtpTransport ??
    (config.mail.apiUrl && config.mail.apiKey
      ? createHttpMailTransport({ url: config.mail.apiUrl, apiKey: config.mail.apiKey })
      : null);
  const deps: AppDeps = {
    db: database.db,
    atomic: database.atomic,
    now: () => new Date(),
    newId: () => crypto.randomUUID(),
    config,
    keys,
    log,
    mailTransport,
    runtime: 'node',
    peerAddress: socketAddress,
    loadSolver: loadNodeSolver,
    hooks: HOOKS,
    dataGeneration: () => database.sqlite.generation(),
  };
  return { deps, closeMail: () => smtpTransport?.close() };
}

/** The socket's peer; @hono/node-server hands the node:http request to the app in c.env. */
function socketAddress(c: Context): string | null {
  return c.env?.incoming ? (getConnInfo(c).remote.address ?? null) : null;
}

/**
 * Bounds what a power cut may cost (docs/decisions/0014-operations-and-durability.md): in WAL
 * mode with synchronous = NORMAL the WAL is fsynced at each checkpoint, so a checkpoint every few
 * seconds makes every commit older than that durable on disk too.
 */
export const CHECKPOINT_INTERVAL_MS = 2_000;

export function checkpoint(database: NodeDatabase, mode: 'PASSIVE' | 'TRUNCATE'): void {
  try {
    database.sqlite.raw.pragma(`wal_checkpoint(${mode})`);
  } catch {
    // in-memory databases have no WAL
  }
}
