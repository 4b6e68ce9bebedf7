import type { D1Database } from '@cloudflare/workers-types';
import { loadConfig } from './core/config.ts';
import { createJsonLogger } from './core/logger.ts';
import { createD1Atomic, createD1Kysely } from './db/d1.ts';
import type { AppDeps } from './deps.ts';
import { HOOKS } from './features.ts';
import { deriveKeys, randomSecret } from './identity/keys.ts';
import { createHttpMailTransport } from './mail/http-transport.ts';
import { loadWorkerSolver } from './publication/worker-solver.ts';

export interface Env {
  DB: D1Database;
  [setting: string]: unknown;
}

/**
 * The Worker's dependencies from its bindings: settings from vars and secrets, D1 from the binding,
 * HiGHS from the module wrangler compiled. Apart from src/worker.ts so that the workerd tests can
 * drive a feature (a publication's steps) with exactly these.
 */
export async function createWorkerDeps(env: Env): Promise<AppDeps> {
  const config = loadConfig(env);
  // Development only (loadConfig requires SESSION_SECRET in production): sessions end with the isolate.
  config.sessionSecret ??= randomSecret();
  const keys = await deriveKeys(config.sessionSecret);
  const mailTransport =
    config.mail.apiUrl && config.mail.apiKey
      ? createHttpMailTransport({ url: config.mail.apiUrl, apiKey: config.mail.apiKey })
      : null;
  return {
    db: createD1Kysely(env.DB),
    atomic: createD1Atomic(env.DB),
    now: () => new Date(),
    newId: () => crypto.randomUUID(),
    config,
    keys,
    log: createJsonLogger(),
    mailTransport,
    runtime: 'workers',
    // Cloudflare sets it to the connecting client's address and drops one a client sent.
    peerAddress: (c) => c.req.header('cf-connecting-ip') ?? null,
    loadSolver: loadWorkerSolver,
    hooks: HOOKS,
  };
}
