import { SignJWT } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { issueLinkToken } from '../../src/identity/links.ts';
import { SESSION_COOKIE } from '../../src/identity/session-cookie.ts';
import { AUDIENCE, signToken } from '../../src/identity/tokens.ts';
import { listOutbox } from '../../src/mail/mailer.ts';
import { createTestApp, request, TEST_PEER_ADDRESS, type TestApp } from '../support/app.ts';
import { signIn } from '../support/auth.ts';

let t: TestApp;
const T0 = new Date('2026-11-28T09:00:00Z');
beforeEach(async () => {
  t = await createTestApp({ now: T0, config: { ADMIN_EMAILS: 'chef@region.se' } });
});

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

let userCount = 0;
async function addUser(email: string, roles: string[] = []) {
  const at = T0.toISOString();
  const id = `u-${++userCount}`;
  await t.deps.db
    .insertInto('users')
    .values({ id, email, name: email.split('@')[0] ?? email, is_demo: 0, created_at: at })
    .execute();
  for (const role of roles)
    await t.deps.db.insertInto('user_roles').values({ user_id: id, role, granted_at: at }).execute();
  return id;
}

/** The token in the newest link mailed to an address. */
async function tokenFromMail(email: string): Promise<string> {
  const [mail] = await listOutbox(t.deps.db, email);
  const link = mail?.links[0];
  if (!link) throw new Error(`no link mailed to ${email}`);
  return new URL(link).searchParams.get('token') ?? '';
}

function sessionCookieOf(response: Response): string {
  const match = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(response.headers.get('set-cookie') ?? '');
  if (!match?.[1]) throw new Error('no session cookie');
  return `${SESSION_COOKIE}=${match[1]}`;
}

async function signInByMail(email: string): Promise<string> {
  expect((await request(t.app, '/api/v1/auth/sign-in-links', json({ email }))).status).toBe(202);
  const response = await request(t.app, '/api/v1/auth/sessions', json({ token: await tokenFromMail(email) }));
  expect(response.status).toBe(201);
  return sessionCookieOf(response);
}

describe('sign-in links', () => {
  it('signs a known person in once, with a session cookie that works', async () => {
    await addUser('anna@foretag.se');
    expect((await request(t.app, '/api/v1/auth/sign-in-links', json({ email: 'Anna@Foretag.se' }))).status).toBe(202);
    const [mail] = await listOutbox(t.deps.db, 'anna@foretag.se');
    expect(mail?.subject).toBe('Din inloggningslänk till Kompetensbron');
    expect(mail?.links[0]).toMatch(/^http:\/\/localhost:8787\/sign-in\/verify\?token=/);
    const response = await request(
      t.app,
      '/api/v1/auth/sessions',
      json({ token: await tokenFromMail('anna@foretag.se') }),
    );
    expect(response.status).toBe(201);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('__Host-session=')) ?? '';
    expect(cookie).toMatch(/^__Host-session=/);
    for (const part of ['HttpOnly', 'Secure', 'SameSite=Lax', 'Path=/']) expect(cookie).toContain(part);
    expect(((await response.json()) as { user: { email: string } }).user.email).toBe('anna@foretag.se');
    const me = await request(t.app, '/api/v1/me', { headers: { cookie: sessionCookieOf(response) } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: 'anna@foretag.se', roles: [], organisations: [] });
  });

  it('refuses a link the second time it is used', async () => {
    await addUser('anna@foretag.se');
    await request(t.app, '/api/v1/auth/sign-in-links', json({ email: 'anna@foretag.se' }));
    const token = await tokenFromMail('anna@foretag.se');
    expect((await request(t.app, '/api/v1/auth/sessions', json({ token }))).status).toBe(201);
    const again = await request(t.app, '/api/v1/auth/sessions', json({ token }));
    expect(again.status).toBe(400);
    expect(((await again.json()) as { detail: string }).detail).toContain('redan använts');
    const sessions = await t.deps.db.selectFrom('sessions').select('id').execute();
    expect(sessions).toHaveLength(1);
  });

  it('lets only one of two simultaneous uses of a link through', async () => {
    await addUser('anna@foretag.se');
    await request(t.app, '/api/v1/auth/sign-in-links', json({ email: 'anna@foretag.se' }));
    const token = await tokenFromMail('anna@foretag.se');
    const results = await Promise.all([1, 2, 3].map(() => request(t.app, '/api/v1/auth/sessions', json({ token }))));
    expect(results.map((r) => r.status).sort()).toEqual([201, 400, 400]);
  });

  it('refuses an expired link', async () => {
    await addUser('anna@foretag.se');
    await request(t.app, '/api/v1/auth/sign-in-links', json({ email: 'anna@foretag.se' }));
    t.setNow(new Date(T0.getTime() + 16 * 60_000));
    const response = await request(
      t.app,
      '/api/v1/auth/sessions',
      json({ token: await tokenFromMail('anna@foretag.se') }),
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toContain('gått ut');
  });

  it('refuses a link for another address', async () => {
    await addUser('anna@foretag.se');
    await request(t.app, '/api/v1/auth/sign-in-links', json({ email: 'anna@foretag.se' }));
    const token = await tokenFromMail('anna@foretag.se');
    const response = await request(t.app, '/api/v1/auth/sessions', json({ token, email: 'erik@foretag.se' }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toContain('annan e-postadress');
    // The link is still good for its own address.
    expect((await request(t.app, '/api/v1/auth/sessions', json({ token, email: 'anna@foretag.se' }))).status).toBe(201);
  });

  it('refuses a tampered token', async () => {
    await addUser('anna@foretag.se');
    await request(t.app, '/api/v1/auth/sign-in-links', json({ email: 'anna@foretag.se' }));
    const [header, payload, signature] = (await tokenFromMail('anna@foretag.se')).split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'erik@foretag.se' })).toString('base64url');
    for (const token of [`${header}.${forged}.${signature}`, `${header}.${payload}.${signature?.slice(0, -2)}AA`]) {
      const response = await request(t.app, '/api/v1/auth/sessions', json({ token }));
      expect(response.status).toBe(400);
      expect(((await response.json()) as { detail: string }).detail).toContain('ogiltig');
    }
  });

  it('answers the same for unknown and known addresses, and mails the unknown one how to register', async () => {
    await addUser('anna@foretag.se');
    const known = await request(t.app, '/api/v1/auth/sign-in-links', json({ email: 'anna@foretag.se' }));
    const unknown = await request(t.app, '/api/v1/auth/sign-in-links', json({ email: 'nobody@foretag.se' }));
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(await known.text()).toBe(await unknown.text());
    const [mail] = await listOutbox(t.deps.db, 'nobody@foretag.se');
    expect(mail?.kind).toBe('no-account');
    expect(mail?.links[0]).toBe('http://localhost:8787/register');
  });

  it('limits links per address: of 20 requests in a minute the excess get 429 with Retry-After, known or not', async () => {
    await addUser('anna@foretag.se');
    for (const email of ['anna@foretag.se', 'nobody@foretag.se']) {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 20; i++) {
        t.setNow(new Date(T0.getTime() + i * 2_000));
        const response = await request(t.app, '/api/v1/auth/sign-in-links', json({ email }));
        statuses.push(response.status);
        if (response.status === 429) retryAfter = response.headers.get('retry-after');
      }
      expect(statuses.filter((s) => s === 202)).toHaveLength(5);
      expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      t.setNow(T0);
    }
    const mails = await listOutbox(t.deps.db, 'anna@foretag.se');
    expect(mails).toHaveLength(5);
  });

  it('keeps the limit in the database, so a restarted app still enforces it', async () => {
    await addUser('anna@foretag.se');
    for (let i = 0; i < 5; i++) await request(t.app, '/api/v1/auth/sign-in-links', json({ email: 'anna@foretag.se' }));
    const restarted = await createTestApp({ database: t.database, now: T0 });
    const response = await request(restarted.app, '/api/v1/auth/sign-in-links', json({ email: 'anna@foretag.se' }));
    expect(response.status).toBe(429);
  });

  it('lets the address in ADMIN_EMAILS sign in as the secretariat without an account beforehand', async () => {
    const cookie = await signInByMail('chef@region.se');
    const me = await (await request(t.app, '/api/v1/me', { headers: { cookie } })).json();
    expect(me).toMatchObject({ email: 'chef@region.se', roles: ['secretariat'] });
  });

  it('validates the address with a clear message', async () => {
    const response = await request(t.app, '/api/v1/auth/sign-in-links', json({ email: 'not an address' }));
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: { path: string; message: string }[] };
    expect(body.errors).toEqual([{ path: 'email', message: 'Ange en e-postadress i formatet namn@exempel.se.' }]);
  });
});

describe('invitation links', () => {
  async function invite(email: string) {
    const at = T0.toISOString();
    await t.deps.db
      .insertInto('organisations')
      .values({
        id: 'org-a',
        name: 'Org A',
        org_number: '556036-0793',
        sector: 'naringsliv',
        size_class: '1-9',
        municipality_code: '1080',
        is_education_provider: 0,
        is_demo: 0,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await t.deps.db
      .insertInto('invitations')
      .values({
        id: 'inv-1',
        organisation_id: 'org-a',
        email,
        role: 'member',
        created_at: at,
        expires_at: new Date(T0.getTime() + 14 * 86_400_000).toISOString(),
      })
      .execute();
    const link = await issueLinkToken(t.deps, { email, purpose: 'invitation', invitationId: 'inv-1' });
    await t.deps.atomic([link.query]);
    return link.token;
  }

  it('signs the invitee in, creates the account and adds the membership, once', async () => {
    const token = await invite('ny@foretag.se');
    const response = await request(t.app, '/api/v1/auth/sessions', json({ token }));
    expect(response.status).toBe(201);
    const { user } = (await response.json()) as {
      user: { roles: string[]; organisations: { id: string; role: string }[] };
    };
    expect(user.organisations).toEqual([{ id: 'org-a', name: 'Org A', role: 'member' }]);
    expect(user.roles).toEqual(['member']);
    expect((await request(t.app, '/api/v1/auth/sessions', json({ token }))).status).toBe(400);
  });

  it('refuses a revoked invitation and adds nothing', async () => {
    const token = await invite('ny@foretag.se');
    await t.deps.db.updateTable('invitations').set({ revoked_at: T0.toISOString() }).execute();
    const response = await request(t.app, '/api/v1/auth/sessions', json({ token }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toContain('återkallats');
    expect(await t.deps.db.selectFrom('memberships').selectAll().execute()).toEqual([]);
    expect(await t.deps.db.selectFrom('users').selectAll().execute()).toEqual([]);
  });

  it('is valid for 14 days and not one day more', async () => {
    const token = await invite('ny@foretag.se');
    t.setNow(new Date(T0.getTime() + 15 * 86_400_000));
    expect((await request(t.app, '/api/v1/auth/sessions', json({ token }))).status).toBe(400);
  });
});

describe('sessions', () => {
  it('answers 401 to a tampered session token', async () => {
    const person = await signIn(t);
    const tampered = `${person.cookie.slice(0, -3)}abc`;
    expect((await request(t.app, '/api/v1/me', { headers: { cookie: tampered } })).status).toBe(401);
  });

  it('answers 401 to an expired session token', async () => {
    const person = await signIn(t);
    t.setNow(new Date(T0.getTime() + 13 * 3_600_000));
    expect((await request(t.app, '/api/v1/me', { headers: { cookie: person.cookie } })).status).toBe(401);
  });

  it('ends a session when its token expires, also after the same cookie was accepted before', async () => {
    const person = await signIn(t);
    const shortLived = await signToken(t.deps.keys.session, {
      sub: person.userId,
      jti: person.sessionId,
      issuedAt: T0,
      expiresAt: new Date(T0.getTime() + 5 * 60_000),
      audience: AUDIENCE.session,
      issuer: t.deps.config.publicUrl,
    });
    const cookie = `${SESSION_COOKIE}=${shortLived}`;
    expect((await request(t.app, '/api/v1/me', { headers: { cookie } })).status).toBe(200);
    t.setNow(new Date(T0.getTime() + 4 * 60_000));
    expect((await request(t.app, '/api/v1/me', { headers: { cookie } })).status).toBe(200);
    // The session row lives on (12 hours, idle limit not reached); the token's own expiry ends it.
    t.setNow(new Date(T0.getTime() + 6 * 60_000));
    expect((await request(t.app, '/api/v1/me', { headers: { cookie } })).status).toBe(401);
    expect((await request(t.app, '/api/v1/me', { headers: { cookie: person.cookie } })).status).toBe(200);
  });

  it("answers 401 to a token with alg 'none'", async () => {
    const person = await signIn(t);
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({
        sub: person.userId,
        jti: person.sessionId,
        iss: t.deps.config.publicUrl,
        aud: AUDIENCE.session,
        exp: Math.floor(T0.getTime() / 1000) + 3600,
      }),
    ).toString('base64url');
    const cookie = `${SESSION_COOKIE}=${header}.${payload}.`;
    expect((await request(t.app, '/api/v1/me', { headers: { cookie } })).status).toBe(401);
  });

  it('answers 401 to a token signed for another purpose or without an expiry', async () => {
    const person = await signIn(t);
    const linkKeyed = await signToken(t.deps.keys.link, {
      sub: person.userId,
      jti: person.sessionId,
      issuedAt: T0,
      expiresAt: new Date(T0.getTime() + 3_600_000),
      audience: AUDIENCE.session,
      issuer: t.deps.config.publicUrl,
    });
    const noExpiry = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(person.userId)
      .setJti(person.sessionId)
      .setIssuer(t.deps.config.publicUrl)
      .setAudience(AUDIENCE.session)
      .sign(t.deps.keys.session);
    for (const token of [linkKeyed, noExpiry]) {
      expect((await request(t.app, '/api/v1/me', { headers: { cookie: `${SESSION_COOKIE}=${token}` } })).status).toBe(
        401,
      );
    }
  });

  it('revokes the session on the server when signing out', async () => {
    const person = await signIn(t);
    const out = await request(t.app, '/api/v1/auth/session', { method: 'DELETE', headers: { cookie: person.cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/__Host-session=;/);
    expect((await request(t.app, '/api/v1/me', { headers: { cookie: person.cookie } })).status).toBe(401);
    const row = await t.deps.db
      .selectFrom('sessions')
      .select('revoked_at')
      .where('id', '=', person.sessionId)
      .executeTakeFirst();
    expect(row?.revoked_at).toBe(T0.toISOString());
  });

  it('ends a session that has been idle longer than the idle limit', async () => {
    const person = await signIn(t);
    t.setNow(new Date(T0.getTime() + 60 * 60_000));
    expect((await request(t.app, '/api/v1/me', { headers: { cookie: person.cookie } })).status).toBe(200);
    t.setNow(new Date(T0.getTime() + 60 * 60_000 + 121 * 60_000));
    expect((await request(t.app, '/api/v1/me', { headers: { cookie: person.cookie } })).status).toBe(401);
  });

  it('applies a role change on the next request', async () => {
    const admin = await signIn(t, { roles: ['secretariat'] });
    const person = await signIn(t);
    const grant = await request(t.app, `/api/v1/users/${person.userId}/roles`, {
      ...json({ role: 'reviewer' }),
      headers: { 'content-type': 'application/json', cookie: admin.cookie },
    });
    expect(grant.status).toBe(204);
    const me = (await (await request(t.app, '/api/v1/me', { headers: { cookie: person.cookie } })).json()) as {
      roles: string[];
    };
    expect(me.roles).toEqual(['reviewer']);
  });
});

describe('students', () => {
  it('register themselves and sign in through the mailed link as students', async () => {
    const registered = await request(t.app, '/api/v1/students', json({ email: 'stina@student.bth.se', name: 'Stina' }));
    expect(registered.status).toBe(202);
    const response = await request(
      t.app,
      '/api/v1/auth/sessions',
      json({ token: await tokenFromMail('stina@student.bth.se') }),
    );
    expect(response.status).toBe(201);
    expect(((await response.json()) as { user: unknown }).user).toMatchObject({ name: 'Stina', roles: ['student'] });
  });

  it('need a name and an address', async () => {
    const response = await request(t.app, '/api/v1/students', json({ email: '', name: ' ' }));
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: { path: string }[] };
    expect(body.errors.map((e) => e.path).sort()).toEqual(['email', 'name']);
  });
});

describe('personal data', () => {
  it('exports what the service holds about the person', async () => {
    const cookie = await signInByMail('chef@region.se');
    const response = await request(t.app, '/api/v1/me/export', { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const data = (await response.json()) as {
      user: { email: string };
      sessions: unknown[];
      activity: { action: string }[];
    };
    expect(data.user.email).toBe('chef@region.se');
    expect(data.sessions).toHaveLength(1);
    expect(data.activity.map((a) => a.action)).toContain('sign-in');
  });

  it('erases the account: the session ends, name and address are gone, and the erasure is audited', async () => {
    const id = await addUser('anna@foretag.se', ['student']);
    const cookie = await signInByMail('anna@foretag.se');
    const erase = await request(t.app, '/api/v1/me', { method: 'DELETE', headers: { cookie } });
    expect(erase.status).toBe(204);
    expect((await request(t.app, '/api/v1/me', { headers: { cookie } })).status).toBe(401);
    const user = await t.deps.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(user.email).toBe(`erased-${id}@invalid`);
    expect(user.name).toBe('');
    expect(user.erased_at).not.toBeNull();
    const dump =
      JSON.stringify(await t.deps.db.selectFrom('outbox').selectAll().execute()) +
      JSON.stringify(await t.deps.db.selectFrom('sign_in_tokens').selectAll().execute());
    expect(dump).not.toContain('anna@foretag.se');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'ip'])
      .where('actor_user_id', '=', user.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('account.erased');
    // The address can register again as a new person.
    expect((await request(t.app, '/api/v1/students', json({ email: 'anna@foretag.se', name: 'Anna' }))).status).toBe(
      202,
    );
  });
});

describe('API tokens and the audit log', () => {
  it('lets the secretariat issue a scoped token that reads the audit log until revoked', async () => {
    const admin = await signIn(t, { roles: ['secretariat'] });
    const issued = await request(t.app, '/api/v1/api-tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.cookie },
      body: JSON.stringify({ name: 'Regionens BI', scopes: ['audit:read'] }),
    });
    expect(issued.status).toBe(201);
    const { id, token } = (await issued.json()) as { id: string; token: string };
    expect(token).toMatch(/^kb_/);
    const stored = await t.deps.db.selectFrom('api_tokens').select('token_hash').executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    const read = await request(t.app, '/api/v1/audit', { headers: { authorization: `Bearer ${token}` } });
    expect(read.status).toBe(200);
    const entries = (await read.json()) as { items: { action: string }[] };
    expect(entries.items.map((e) => e.action)).toContain('api-token.created');
    // The token cannot do what its scopes do not name.
    expect((await request(t.app, '/api/v1/users', { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
    await request(t.app, `/api/v1/api-tokens/${id}`, { method: 'DELETE', headers: { cookie: admin.cookie } });
    expect((await request(t.app, '/api/v1/audit', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('records sign-ins with who, when and from where (the peer, not a forwarding header nobody vouches for)', async () => {
    await addUser('anna@foretag.se');
    await request(t.app, '/api/v1/auth/sign-in-links', json({ email: 'anna@foretag.se' }));
    await request(t.app, '/api/v1/auth/sessions', {
      ...json({ token: await tokenFromMail('anna@foretag.se') }),
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': '203.0.113.7',
        'user-agent': 'TestBrowser/1.0',
      },
    });
    const admin = await signIn(t, { roles: ['secretariat'] });
    const body = (await (
      await request(t.app, '/api/v1/audit?action=sign-in', { headers: { cookie: admin.cookie } })
    ).json()) as {
      items: { at: string; actor: { email: string }; ip: string; userAgent: string }[];
    };
    expect(body.items[0]).toMatchObject({
      at: T0.toISOString(),
      actor: { email: 'anna@foretag.se' },
      ip: TEST_PEER_ADDRESS,
      userAgent: 'TestBrowser/1.0',
    });
  });

  it('keeps the audit log from anyone but the secretariat', async () => {
    const person = await signIn(t, { roles: ['student'] });
    expect((await request(t.app, '/api/v1/audit')).status).toBe(401);
    expect((await request(t.app, '/api/v1/audit', { headers: { cookie: person.cookie } })).status).toBe(403);
  });
});
