import type { Context } from 'hono';
import { clientAddressFrom } from '../core/client-address.ts';
import type { RequestOrigin, Scope } from '../core/scope.ts';
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

/** Where a request came from, as far as the runtime (and a trusted proxy, TRUST_PROXY) says. */
export function requestOrigin(c: Context<AppEnv>): RequestOrigin {
  const { peerAddress, config } = c.get('deps');
  const ip = clientAddressFrom(peerAddress(c), c.req.header('x-forwarded-for'), config.trustProxy);
  return { ip, userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null, requestId: c.get('requestId') ?? null };
}
