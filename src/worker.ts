/**
 * Workers entry: settings from vars and secrets, D1 from the binding. Migrations are applied by
 * `wrangler d1 migrations apply`; reference and demo data by `npm run seed:d1`.
 */
import type { D1Database, ExecutionContext } from '@cloudflare/workers-types';
import { type App, createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createD1Atomic, createD1Kysely } from './db/d1.ts';
import { createJsonLogger } from './http/logger.ts';

export interface Env {
  DB: D1Database;
  [setting: string]: unknown;
}

// One app per isolate and binding set: building it per request would redo the route table.
const apps = new WeakMap<Env, App>();

function appFor(env: Env): App {
  let app = apps.get(env);
  if (!app) {
    const config = loadConfig(env);
    if (!config.sessionSecret) {
      const bytes = crypto.getRandomValues(new Uint8Array(48));
      config.sessionSecret = btoa(String.fromCharCode(...bytes));
    }
    app = createApp({
      db: createD1Kysely(env.DB),
      atomic: createD1Atomic(env.DB),
      now: () => new Date(),
      newId: () => crypto.randomUUID(),
      config,
      log: createJsonLogger(),
      runtime: 'workers',
    });
    apps.set(env, app);
  }
  return app;
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    try {
      return await appFor(env).fetch(request, env, ctx);
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
