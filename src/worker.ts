/**
 * Workers entry: settings from vars and secrets, D1 from the binding. Migrations are applied by
 * `wrangler d1 migrations apply`; reference and demo data by `npm run seed:d1`.
 */
import type { D1Database, ExecutionContext } from '@cloudflare/workers-types';
import { type App, createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createD1Atomic, createD1Kysely } from './db/d1.ts';
import { createJsonLogger } from './http/logger.ts';
import { deriveKeys, randomSecret } from './identity/keys.ts';
import { createHttpMailTransport } from './mail/http-transport.ts';

export interface Env {
  DB: D1Database;
  [setting: string]: unknown;
}

// One app per isolate and binding set: building it per request would redo the route table.
const apps = new WeakMap<Env, Promise<App>>();

function appFor(env: Env): Promise<App> {
  let app = apps.get(env);
  if (!app) {
    app = buildApp(env);
    apps.set(env, app);
    // A failed build (a bad setting) is not cached, so a fixed setting takes effect.
    app.catch(() => apps.delete(env));
  }
  return app;
}

async function buildApp(env: Env): Promise<App> {
  const config = loadConfig(env);
  // Development only (loadConfig requires SESSION_SECRET in production): sessions end with the isolate.
  config.sessionSecret ??= randomSecret();
  const keys = await deriveKeys(config.sessionSecret);
  const mailTransport =
    config.mail.apiUrl && config.mail.apiKey
      ? createHttpMailTransport({ url: config.mail.apiUrl, apiKey: config.mail.apiKey })
      : null;
  return createApp({
    db: createD1Kysely(env.DB),
    atomic: createD1Atomic(env.DB),
    now: () => new Date(),
    newId: () => crypto.randomUUID(),
    config,
    keys,
    log: createJsonLogger(),
    mailTransport,
    runtime: 'workers',
  });
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    try {
      return await (await appFor(env)).fetch(request, env, ctx);
    } catch (err) {
      if (err instanceof ConfigError) {
        console.error(err.message);
        return new Response(`Kompetensbron is misconfigured.\n${err.message}\n`, {
          status: 500,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
        });
      }
      throw err;
    }
  },
};
