import type { Context } from 'hono';
import { requestOrigin } from '../audit/audit.ts';
import type { Scope } from '../core/scope.ts';
import type { AppEnv } from '../deps.ts';

/**
 * The request as feature logic sees it (src/core/scope.ts): the deps with the clock fixed at the
 * request's moment, the signed-in principal, and where the request came from.
 */
export function scopeOf(c: Context<AppEnv>): Scope {
  const deps = c.get('deps');
  const now = deps.now();
  return {
    deps: { ...deps, now: () => now },
    principal: c.get('principal') ?? null,
    now,
    origin: requestOrigin(c),
    lang: c.get('lang'),
  };
}
