/**
 * Workers entry: settings from vars and secrets, D1 from the binding. Migrations are applied by
 * `wrangler d1 migrations apply`; reference and demo data by `npm run seed:d1`.
 */
import type { D1Database, ExecutionContext, ScheduledController } from '@cloudflare/workers-types';
import { type App, createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createD1Atomic, createD1Kysely } from './db/d1.ts';
import type { AppDeps } from './deps.ts';
import { createJsonLogger } from './http/logger.ts';
import { deriveKeys, randomSecret } from './identity/keys.ts';
import { runScheduled } from './jobs/run-scheduled.ts';
import { createHttpMailTransport } from './mail/http-transport.ts';
import { loadWorkerSolver } from './publication/worker-solver.ts';

export interface Env {
  DB: D1Database;
  [setting: string]: unknown;
}

// One app per isolate and binding set: building it per request would redo the route table.
const apps = new WeakMap<Env, Promise<{ app: App; deps: AppDeps }>>();

function appFor(env: Env): Promise<{ app: App; deps: AppDeps }> {
  let app = apps.get(env);
  if (!app) {
    app = buildApp(env);
    apps.set(env, app);
    // A failed build (a bad setting) is not cached, so a fixed setting takes effect.
    app.catch(() => apps.delete(env));
  }
  return app;
}

async function buildApp(env: Env): Promise<{ app: App; deps: AppDeps }> {
  const config = loadConfig(env);
  // Development only (loadConfig requires SESSION_SECRET in production): sessions end with the isolate.
  config.sessionSecret ??= randomSecret();
  const keys = await deriveKeys(config.sessionSecret);
  const mailTransport =
    config.mail.apiUrl && config.mail.apiKey
      ? createHttpMailTransport({ url: config.mail.apiUrl, apiKey: config.mail.apiKey })
      : null;
  const deps: AppDeps = {
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
  };
  return { app: createApp(deps), deps };
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    try {
      return await (await appFor(env)).app.fetch(request, env, ctx);
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

  /**
   * The Cron Trigger (wrangler.toml `[triggers] crons`): every scheduled job once, at the trigger's
   * time. Every job is idempotent, so an overlapping or repeated trigger does no harm.
   */
  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    const { deps } = await appFor(env);
    ctx.waitUntil(
      runScheduled(deps, new Date(controller.scheduledTime)).then((summary) => {
        deps.log.info('scheduled run', {
          cron: controller.cron,
          durationMs: summary.durationMs,
          failed: summary.failed,
        });
      }),
    );
  },
};
