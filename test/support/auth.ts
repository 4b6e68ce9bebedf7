import type { GlobalRole, MembershipRole, Scope } from '../../src/core/principal.ts';
import { sha256Hex } from '../../src/identity/keys.ts';
import { SESSION_COOKIE } from '../../src/identity/session-cookie.ts';
import { AUDIENCE, signToken } from '../../src/identity/tokens.ts';
import type { TestApp } from './app.ts';

/**
 * Signing people in inside tests without going through the mail: a user row, a session row and
 * the signed session cookie, exactly as sign-in would leave them. Roles and memberships are rows
 * too, so the app reads them the way it reads a real person's.
 */
export interface SignedInPerson {
  userId: string;
  sessionId: string;
  email: string;
  /** `__Host-session=…`; combine with the CSRF cookie through `cookies()`. */
  cookie: string;
}

let counter = 0;

export async function signIn(
  t: TestApp,
  options: {
    email?: string;
    name?: string;
    roles?: GlobalRole[];
    memberships?: { organisationId: string; role?: MembershipRole }[];
  } = {},
): Promise<SignedInPerson> {
  const { db, now } = t.deps;
  const n = ++counter;
  const userId = `user-${n}`;
  const sessionId = `session-${n}`;
  const email = (options.email ?? `person${n}@example.se`).toLowerCase();
  const at = now().toISOString();
  await db
    .insertInto('users')
    .values({ id: userId, email, name: options.name ?? `Person ${n}`, is_demo: 0, created_at: at })
    .execute();
  for (const role of options.roles ?? []) {
    await db.insertInto('user_roles').values({ user_id: userId, role, granted_at: at }).execute();
  }
  for (const membership of options.memberships ?? []) {
    await db
      .insertInto('memberships')
      .values({
        user_id: userId,
        organisation_id: membership.organisationId,
        role: membership.role ?? 'member',
        created_at: at,
      })
      .execute();
  }
  return openSession(t, userId, email, sessionId);
}

/** A session for a person already in the database (the demo's people, seeded by seedDemo). */
export async function signInExisting(t: TestApp, userId: string): Promise<SignedInPerson> {
  const user = await t.deps.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow();
  return openSession(t, userId, user.email, `session-${++counter}`);
}

async function openSession(t: TestApp, userId: string, email: string, sessionId: string): Promise<SignedInPerson> {
  const { db, keys, config, now } = t.deps;
  const issuedAt = now();
  const expiresAt = new Date(issuedAt.getTime() + config.session.maxHours * 3_600_000);
  const at = issuedAt.toISOString();
  await db
    .insertInto('sessions')
    .values({ id: sessionId, user_id: userId, created_at: at, last_seen_at: at, expires_at: expiresAt.toISOString() })
    .execute();
  const token = await signToken(keys.session, {
    sub: userId,
    jti: sessionId,
    issuedAt,
    expiresAt,
    audience: AUDIENCE.session,
    issuer: config.publicUrl,
  });
  return { userId, sessionId, email, cookie: `${SESSION_COOKIE}=${token}` };
}

/** A member of the secretariat (the stored role; ADMIN_EMAILS works too). */
export function signInSecretariat(t: TestApp, options: { email?: string; name?: string } = {}) {
  return signIn(t, { ...options, roles: ['secretariat'] });
}

/** An API token row with these scopes; returns the `Authorization` header value. */
export async function createApiToken(t: TestApp, scopes: Scope[], options: { revoked?: boolean } = {}) {
  const n = ++counter;
  const secret = `kb_test_token_${n}_${'x'.repeat(32)}`;
  const at = t.deps.now().toISOString();
  await t.deps.db
    .insertInto('api_tokens')
    .values({
      id: `token-${n}`,
      name: `Test token ${n}`,
      token_hash: await sha256Hex(secret),
      scopes: JSON.stringify(scopes),
      created_at: at,
      revoked_at: options.revoked ? at : null,
    })
    .execute();
  return { tokenId: `token-${n}`, authorization: `Bearer ${secret}` };
}

/** One Cookie header from several `name=value` pairs (session, CSRF, language). */
export function cookies(...pairs: (string | undefined)[]): string {
  return pairs.filter((p): p is string => Boolean(p)).join('; ');
}
