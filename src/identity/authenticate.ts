import type { CoreDeps } from '../core/deps.ts';
import { DomainError } from '../core/errors.ts';
import type { Principal } from '../core/principal.ts';
import { sha256Hex } from './keys.ts';
import { findApiTokenPrincipal, findSessionPrincipal, markApiTokenUsedQuery, touchSessionQuery } from './queries.ts';
import { AUDIENCE, type TokenClaims, verifyToken } from './tokens.ts';

/**
 * Finds the principal: an API token (`Authorization: Bearer kb_…`) or the session cookie. The JWT
 * is checked first (signature, HS256 only, exp/iss/aud), then its session row, so that sign-out,
 * revocation, role changes and erasure act on the next request. A bad bearer token is a 401; a bad
 * or stale cookie just means "not signed in" (and is cleared).
 */
const SESSION_TOUCH_MS = 60_000;

/**
 * Session cookies whose signature has been checked, by key: the same cookie comes back with every
 * request of a visit, and checking an HS256 signature through WebCrypto was a tenth of a signed-in
 * request's CPU. Only a token string that verified before is taken from here (the signature is in
 * the string), its expiry is checked against the clock each time, and the session row is still
 * read on every request, so sign-out, revocation and erasure act at once. Bounded.
 */
const VERIFIED_LIMIT = 10_000;
const verifiedSessions = new WeakMap<CryptoKey, Map<string, TokenClaims>>();

async function verifySessionCookie(
  key: CryptoKey,
  cookie: string,
  expected: { audience: string; issuer: string; now: Date },
): Promise<TokenClaims | undefined> {
  let verified = verifiedSessions.get(key);
  if (!verified) {
    verified = new Map();
    verifiedSessions.set(key, verified);
  }
  const known = verified.get(`${expected.issuer} ${cookie}`);
  if (known) {
    if (known.exp * 1000 > expected.now.getTime()) return known;
    verified.delete(`${expected.issuer} ${cookie}`);
    return undefined;
  }
  const result = await verifyToken(key, cookie, expected);
  if (!result.ok) return undefined;
  if (verified.size >= VERIFIED_LIMIT) {
    const oldest = verified.keys().next().value;
    if (oldest !== undefined) verified.delete(oldest);
  }
  verified.set(`${expected.issuer} ${cookie}`, result.claims);
  return result.claims;
}

/**
 * The API token of an `Authorization` header, as a principal (its use recorded). A header that is
 * not `Bearer <token>` of a live token is refused: 401 with a `WWW-Authenticate` challenge.
 */
export async function principalOfAuthorization(deps: CoreDeps, authorization: string): Promise<Principal> {
  const { db, now, atomic } = deps;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  const principal = match?.[1] ? await findApiTokenPrincipal(db, await sha256Hex(match[1]), now()) : undefined;
  if (!principal) {
    throw new DomainError('unauthenticated', 'auth.apiToken.invalid', {
      headers: { 'www-authenticate': 'Bearer realm="kompetensbron", error="invalid_token"' },
    });
  }
  await atomic([markApiTokenUsedQuery(db, principal.tokenId, now())]);
  return principal;
}

/**
 * The person a session cookie signs in, or null for a cookie that does not hold (bad signature,
 * expired, revoked, idle, erased): the caller then clears it.
 */
export async function principalOfSessionCookie(deps: CoreDeps, cookie: string): Promise<Principal | null> {
  const { db, keys, config, now, atomic } = deps;
  const claims = await verifySessionCookie(keys.session, cookie, {
    audience: AUDIENCE.session,
    issuer: config.publicUrl,
    now: now(),
  });
  const principal = claims
    ? await findSessionPrincipal(db, claims.jti, now(), {
        idleMinutes: config.session.idleMinutes,
        adminEmails: config.adminEmails,
      })
    : undefined;
  if (!principal || !claims || principal.userId !== claims.sub) return null;
  const { lastSeenAt, ...rest } = principal;
  // The row is touched at most once a minute (the statement says so too); skipping the
  // statement altogether spares most signed-in reads a write transaction.
  if (now().getTime() - new Date(lastSeenAt).getTime() >= SESSION_TOUCH_MS)
    await atomic([touchSessionQuery(db, principal.sessionId, now())]);
  return rest;
}
