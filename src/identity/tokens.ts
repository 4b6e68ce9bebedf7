import { errors, jwtVerify, SignJWT } from 'jose';

/**
 * Signed tokens: sign-in links, invitations and sessions. HS256 is pinned on verification, and
 * `exp`, `iss`, `aud`, `sub` and `jti` are required, so `alg: none`, a token for another audience or
 * one without an expiry is refused. Issuer is the service's PUBLIC_URL.
 */
export const ALGORITHM = 'HS256';
export const AUDIENCE = {
  signIn: 'kompetensbron:sign-in',
  invitation: 'kompetensbron:invitation',
  session: 'kompetensbron:session',
} as const;

export interface TokenClaims {
  /** subject: the e-mail address for links, the user id for sessions */
  sub: string;
  jti: string;
  exp: number;
}

export async function signToken(
  key: CryptoKey,
  claims: { sub: string; jti: string; expiresAt: Date; issuedAt: Date; audience: string; issuer: string },
): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(claims.sub)
    .setJti(claims.jti)
    .setIssuer(claims.issuer)
    .setAudience(claims.audience)
    .setIssuedAt(Math.floor(claims.issuedAt.getTime() / 1000))
    .setExpirationTime(Math.floor(claims.expiresAt.getTime() / 1000))
    .sign(key);
}

export type VerifyFailure = 'expired' | 'invalid';

export async function verifyToken(
  key: CryptoKey,
  token: string,
  expected: { audience: string; issuer: string; now: Date },
): Promise<{ ok: true; claims: TokenClaims } | { ok: false; reason: VerifyFailure }> {
  if (token.length > 4096) return { ok: false, reason: 'invalid' };
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      audience: expected.audience,
      issuer: expected.issuer,
      requiredClaims: ['exp', 'iss', 'aud', 'sub', 'jti'],
      currentDate: expected.now,
    });
    if (typeof payload.sub !== 'string' || typeof payload.jti !== 'string' || typeof payload.exp !== 'number') {
      return { ok: false, reason: 'invalid' };
    }
    return { ok: true, claims: { sub: payload.sub, jti: payload.jti, exp: payload.exp } };
  } catch (err) {
    if (err instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
    return { ok: false, reason: 'invalid' };
  }
}
