import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../deps.ts';
import { AppError } from './errors.ts';

export const CSRF_COOKIE = '__Host-csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Random bytes drawn from the system 4 KiB at a time: a page for a first-time visitor needs a new
 * token, and asking the system for 32 bytes each time was a visible share of a page's CPU.
 */
let pool = new Uint8Array(0);
let poolOffset = 0;

function newToken(): string {
  if (poolOffset + 32 > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(4096));
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + 32);
  poolOffset += 32;
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function sameToken(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Called when a page is rendered: makes the token its forms echo, and for a reader without the
 * cookie sets the cookie that the token must match. A request that renders no page (the API,
 * health checks, assets) never pays for a random token.
 */
export function issueCsrfCookie(c: Parameters<MiddlewareHandler<AppEnv>>[0]): void {
  if (!c.get('csrfCookieMissing')) return;
  setCookie(c, CSRF_COOKIE, csrfTokenFor(c), { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
  c.set('csrfCookieMissing', false);
}

/** The token a page's forms carry: the cookie's, or a new one made now (issueCsrfCookie sets it). */
export function csrfTokenFor(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string {
  let token = c.get('csrfToken');
  if (!token) {
    token = newToken();
    c.set('csrfToken', token);
  }
  return token;
}

function csrfFailure(c: Parameters<MiddlewareHandler<AppEnv>>[0]): AppError {
  return new AppError(403, 'error.csrf.title', { detail: c.get('t')('error.csrf.detail') });
}

/**
 * Double-submit token for forms: a random token in a `__Host-` cookie, echoed by every form as
 * `_csrf` (or by scripts as `X-CSRF-Token`). JSON requests and PUT/PATCH/DELETE cannot be sent
 * across sites without a CORS preflight, so they need no token, but a cross-site Origin is refused.
 * Requests with a bearer token carry no ambient credentials and are exempt (shared/API.md).
 */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let token = getCookie(c, CSRF_COOKIE);
    if (!token || token.length < 32) {
      // Made and handed out with the first page that carries a form (issueCsrfCookie), not with
      // every API or health response.
      token = '';
      c.set('csrfCookieMissing', true);
    }
    c.set('csrfToken', token);
    if (SAFE_METHODS.has(c.req.method)) return next();
    if (/^Bearer\s+/i.test(c.req.header('authorization') ?? '')) return next();

    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    const requestOrigin = new URL(c.req.url).origin;
    const allowed = new Set([requestOrigin, c.get('deps').config.publicUrl]);
    if ((origin && origin !== 'null' && !allowed.has(origin)) || site === 'cross-site') throw csrfFailure(c);

    // Only POST can be sent across sites without a CORS preflight (by a form); PUT, PATCH and
    // DELETE cannot, and neither can a JSON body.
    if (c.req.method !== 'POST') return next();
    const contentType = (c.req.header('content-type') ?? '').toLowerCase();
    if (contentType.startsWith('application/json') || contentType.includes('+json')) return next();

    let submitted = c.req.header(CSRF_HEADER);
    if (
      !submitted &&
      (contentType.startsWith('application/x-www-form-urlencoded') || contentType.startsWith('multipart/form-data'))
    ) {
      const body = await c.req.parseBody();
      const field = body[CSRF_FIELD];
      submitted = typeof field === 'string' ? field : undefined;
    }
    if (!submitted || !getCookie(c, CSRF_COOKIE) || !sameToken(submitted, token)) throw csrfFailure(c);
    return next();
  };
}
