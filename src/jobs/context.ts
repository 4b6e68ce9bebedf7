import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../deps.ts';
import { translator } from '../web/i18n.ts';

/**
 * The request context a feature function expects (openRound, sendReminders, eraseAccount take a
 * Hono context), for scheduled work that has no request: the clock fixed at `now`, nobody signed
 * in (audit entries have no actor), no headers, Swedish messages. Lets a job reuse exactly what
 * the secretariat's button does instead of a second copy of it.
 */
export function jobContext(deps: AppDeps, now: Date, job: string): Context<AppEnv> {
  const vars = {
    deps: { ...deps, now: () => now },
    requestId: `job:${job}`,
    lang: 'sv' as const,
    t: translator('sv'),
    csrfToken: '',
    csrfCookieMissing: false,
    principal: null,
  };
  const fake = {
    var: vars,
    get: (key: keyof typeof vars) => vars[key],
    req: { header: () => undefined },
  };
  return fake as unknown as Context<AppEnv>;
}

/** Deps whose clock is fixed at the run's moment. */
export function atMoment(deps: AppDeps, now: Date): AppDeps {
  return { ...deps, now: () => now };
}
