/**
 * Workers entry: settings from vars and secrets, D1 from the binding. Migrations are applied by
 * `wrangler d1 migrations apply`; reference and demo data by `npm run seed:d1`.
 */
import type { ExecutionContext, ScheduledController } from '@cloudflare/workers-types';
import { type App, createApp } from './app.ts';
import { ConfigError } from './core/config.ts';
import type { AppDeps } from './deps.ts';
import { runScheduled } from './scheduled.ts';
import { createWorkerDeps, type Env } from './worker-deps.ts';

export type { Env };

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
  const deps = await createWorkerDeps(env);
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
