import type { Keys } from '../core/deps.ts';

export type { Keys } from '../core/deps.ts';

/**
 * Purpose-bound signing keys derived from SESSION_SECRET with HKDF (WebCrypto, both runtimes),
 * so that a token minted for one purpose can never be replayed as another.
 */

/**
 * An HMAC-SHA-256 key for HS256, imported once: handing jose raw bytes makes it import them again
 * on every sign and verify, which was a visible share of a signed-in request's CPU.
 */
async function derive(secret: CryptoKey, info: string): Promise<CryptoKey> {
  const bits = await crypto.subtle.deriveBits(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new TextEncoder().encode('kompetensbron'),
      info: new TextEncoder().encode(info),
    },
    secret,
    256,
  );
  return crypto.subtle.importKey('raw', bits, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

export async function deriveKeys(sessionSecret: string): Promise<Keys> {
  const secret = await crypto.subtle.importKey('raw', new TextEncoder().encode(sessionSecret), 'HKDF', false, [
    'deriveBits',
  ]);
  const [session, link, invitation] = await Promise.all([
    derive(secret, 'session-v1'),
    derive(secret, 'sign-in-link-v1'),
    derive(secret, 'invitation-v1'),
  ]);
  return { session, link, invitation };
}

/** A random secret for development and test runs without SESSION_SECRET (sessions end at restart). */
export function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(48));
  return btoa(String.fromCharCode(...bytes));
}

/** SHA-256 of a string, hex; for storing API token secrets. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function randomToken(bytes = 32): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...raw))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
