import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../deps.ts';

/** `__Host-`: Secure, Path=/, no Domain — the browser binds it to exactly this origin. */
export const SESSION_COOKIE = '__Host-session';

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

export function readSessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}
