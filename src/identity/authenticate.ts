import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import { sha256Hex } from './keys.ts';
import { findApiTokenPrincipal, findSessionPrincipal, markApiTokenUsedQuery, touchSessionQuery } from './queries.ts';
import { clearSessionCookie, readSessionCookie } from './session-cookie.ts';
import { AUDIENCE, verifyToken } from './tokens.ts';

/**
 * Finds the principal: an API token (`Authorization: Bearer kb_…`) or the session cookie. The JWT
 * is checked first (signature, HS256 only, exp/iss/aud), then its session row, so that sign-out,
 * revocation, role changes and erasure act on the next request. A bad bearer token is a 401; a bad
 * or stale cookie just means "not signed in" (and is cleared).
 */
const SESSION_TOUCH_MS = 60_000;

export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('principal', null);
    const { db, keys, config, now, atomic } = c.var.deps;
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const principal = match?.[1] ? await findApiTokenPrincipal(db, await sha256Hex(match[1]), now()) : undefined;
      if (!principal) {
        throw new AppError(401, 'error.unauthorized.title', {
          detail: c.var.t('auth.apiToken.invalid'),
          headers: { 'www-authenticate': 'Bearer realm="kompetensbron", error="invalid_token"' },
        });
      }
      c.set('principal', principal);
      await atomic([markApiTokenUsedQuery(db, principal.tokenId, now())]);
      return next();
    }

    const cookie = readSessionCookie(c);
    if (cookie) {
      const verified = await verifyToken(keys.session, cookie, {
        audience: AUDIENCE.session,
        issuer: config.publicUrl,
        now: now(),
      });
      const principal = verified.ok
        ? await findSessionPrincipal(db, verified.claims.jti, now(), {
            idleMinutes: config.session.idleMinutes,
            adminEmails: config.adminEmails,
          })
        : undefined;
      if (principal && verified.ok && principal.userId === verified.claims.sub) {
        const { lastSeenAt, ...rest } = principal;
        c.set('principal', rest);
        // The row is touched at most once a minute (the statement says so too); skipping the
        // statement altogether spares most signed-in reads a write transaction.
        if (now().getTime() - new Date(lastSeenAt).getTime() >= SESSION_TOUCH_MS)
          await atomic([touchSessionQuery(db, principal.sessionId, now())]);
      } else {
        clearSessionCookie(c);
      }
    }
    return next();
  };
}
