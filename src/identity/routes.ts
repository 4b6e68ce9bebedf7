import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../deps.ts';
import { requireUser } from '../http/authorize.ts';
import { PUBLIC, type Routes, SIGNED_IN, secretariat } from '../http/routes.ts';
import { scopeOf } from '../http/scope.ts';
import { safeLocalPath } from '../web/routes.ts';
import { describeMe, renameMe, signOut } from './account.ts';
import { issueApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
import { principalOfAuthorization, principalOfSessionCookie } from './authenticate.ts';
import { findSessionPrincipal } from './queries.ts';
import {
  apiTokenBody,
  apiTokenResponse,
  idParam,
  meResponse,
  renameBody,
  sessionBody,
  signInLinkBody,
  studentBody,
} from './schemas.ts';
import { SESSION_COOKIE } from './session-cookie.ts';
import { exchangeLinkToken, requestSignInLink } from './sign-in.ts';
import { registerStudent } from './students.ts';

const tags = ['Identity'];

/**
 * Finds the principal: an API token (`Authorization: Bearer kb_…`) or the session cookie
 * (authenticate.ts). A bad bearer token is a 401; a bad or stale cookie just means "not signed in"
 * (and is cleared).
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('principal', null);
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      c.set('principal', await principalOfAuthorization(c.get('deps'), authorization));
      return next();
    }
    const cookie = readSessionCookie(c);
    if (cookie) {
      const principal = await principalOfSessionCookie(c.get('deps'), cookie);
      if (principal) c.set('principal', principal);
      else clearSessionCookie(c);
    }
    return next();
  };
}

/**
 * The lifetime goes out as Max-Age counted on the injected clock, not as an Expires date: Hono
 * checks an Expires date against the machine's own clock (at most 400 days ahead), which refused
 * every sign-in of an app whose clock a test had set years ahead; the browser counts Max-Age from
 * when it receives the cookie, which is what the session's lifetime means.
 */
export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: Date): void {
  const seconds = Math.floor((expiresAt.getTime() - c.get('deps').now().getTime()) / 1000);
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'Lax',
    maxAge: Math.max(0, seconds),
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
}

function readSessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/**
 * The refusals of signing in with statuses of their own, which the kinds of src/core/errors.ts do
 * not have: too many links asked for (429, Retry-After) and a link that cannot be used (400).
 */
export function registerIdentityApiRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'post',
      path: '/api/v1/auth/sign-in-links',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary: 'Mail a single-use sign-in link (202 whether or not the address is known; 429 past the limit)',
      body: signInLinkBody,
      responses: { 202: { description: 'Accepted' }, 429: { description: 'Too many requests; see Retry-After' } },
    },
    async (c, { body }) => {
      await requestSignInLink(scopeOf(c), body.email, body.next ? { next: safeLocalPath(body.next) } : {});
      return c.body(null, 202);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/auth/sessions',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary: 'Exchange the token from a sign-in or invitation link for a session (once)',
      body: sessionBody,
      responses: {
        201: { description: 'Signed in; the session cookie is set', schema: z.object({ user: meResponse }) },
      },
    },
    async (c, { body }) => {
      const signedIn = await exchangeLinkToken(scopeOf(c), body.token, body.email);
      setSessionCookie(c, signedIn.sessionToken, signedIn.expiresAt);
      const me = await loadMe(c, signedIn.sessionId);
      return c.json({ user: me }, 201);
    },
  );

  routes.add(
    {
      method: 'delete',
      path: '/api/v1/auth/session',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Sign out: the session is revoked on the server',
      responses: { 204: { description: 'Signed out' } },
    },
    async (c) => {
      await signOut(scopeOf(c), requireUser(c));
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/me',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'The signed-in person, their roles and organisations',
      responses: { 200: { description: 'Me', schema: meResponse } },
    },
    (c) => c.json(describeMe(requireUser(c))),
  );

  routes.add(
    {
      method: 'patch',
      path: '/api/v1/me',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Change my name',
      body: renameBody,
      responses: { 200: { description: 'Me', schema: meResponse } },
    },
    async (c, { body }) => {
      const me = requireUser(c);
      await renameMe(scopeOf(c), me, body.name);
      return c.json(describeMe({ ...me, name: body.name }));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/students',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary: 'Register as a student; a sign-in link is mailed (202 either way)',
      body: studentBody,
      responses: { 202: { description: 'Accepted' } },
    },
    async (c, { body }) => {
      await registerStudent(scopeOf(c), body);
      return c.body(null, 202);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/api-tokens',
      kind: 'api',
      access: secretariat(),
      tags,
      summary: 'API tokens for integrations (secretariat)',
      responses: {
        200: { description: 'Tokens', schema: z.object({ items: z.array(apiTokenResponse), nextCursor: z.null() }) },
      },
    },
    async (c) => c.json({ items: await listApiTokens(c.get('deps').db), nextCursor: null }),
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/api-tokens',
      kind: 'api',
      access: secretariat(),
      tags,
      summary: 'Issue an API token; the secret is in this response only',
      body: apiTokenBody,
      responses: { 201: { description: 'Issued', schema: apiTokenResponse.extend({ token: z.string() }) } },
    },
    async (c, { body }) => c.json(await issueApiToken(scopeOf(c), requireUser(c), body), 201),
  );

  routes.add(
    {
      method: 'delete',
      path: '/api/v1/api-tokens/:id',
      kind: 'api',
      access: secretariat(),
      tags,
      summary: 'Revoke an API token',
      params: idParam,
      responses: { 204: { description: 'Revoked' } },
    },
    async (c, { params }) => {
      await revokeApiToken(scopeOf(c), params.id);
      return c.body(null, 204);
    },
  );
}

async function loadMe(c: Context<AppEnv>, sessionId: string) {
  const { config, db, now } = c.get('deps');
  const principal = await findSessionPrincipal(db, sessionId, now(), {
    idleMinutes: config.session.idleMinutes,
    adminEmails: config.adminEmails,
  });
  if (!principal) throw new Error('session vanished right after sign-in');
  return describeMe(principal);
}
