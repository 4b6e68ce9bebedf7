import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, createApiToken, type SignedInPerson, signIn, signInSecretariat } from '../support/auth.ts';
import { createOrganisation, json, organisationBody, type TestOrganisation } from '../support/organisations.ts';

/**
 * Who may touch which organisation. The rule a member meets is "403 or 404, never content": for
 * another organisation's objects the answer names nothing of it, and nothing changes.
 */
let t: TestApp;
let orgA: TestOrganisation;
let orgB: TestOrganisation;
let memberA: SignedInPerson;
let memberB: SignedInPerson;
let invitationB: string;
let csrf: { cookie: string; token: string };

beforeEach(async () => {
  t = await createTestApp();
  orgA = await createOrganisation(t, { name: 'Alfa Varv AB' });
  orgB = await createOrganisation(t, { name: 'Hemliga Beta AB' });
  memberA = await signIn(t, { memberships: [{ organisationId: orgA.id }] });
  memberB = await signIn(t, {
    name: 'Berit Beta',
    email: 'berit@beta.example',
    memberships: [{ organisationId: orgB.id }],
  });
  const response = await request(t.app, `/api/v1/organisations/${orgB.id}/invitations`, {
    method: 'POST',
    ...json({ email: 'gast@beta.example' }, { cookie: memberB.cookie }),
  });
  invitationB = (await response.json()).id;
  csrf = await csrfPair(t.app);
});

type Call = { method: string; path: string; body?: 'json' | 'form' };
const callsOnB = (): Call[] => [
  { method: 'GET', path: `/api/v1/organisations/${orgB.id}` },
  { method: 'PATCH', path: `/api/v1/organisations/${orgB.id}`, body: 'json' },
  { method: 'GET', path: `/api/v1/organisations/${orgB.id}/members` },
  { method: 'GET', path: `/api/v1/organisations/${orgB.id}/invitations` },
  { method: 'POST', path: `/api/v1/organisations/${orgB.id}/invitations`, body: 'json' },
  { method: 'DELETE', path: `/api/v1/organisations/${orgB.id}/invitations/${invitationB}` },
  { method: 'GET', path: `/organisations/${orgB.id}` },
  { method: 'POST', path: `/organisations/${orgB.id}/invitations`, body: 'form' },
  { method: 'POST', path: `/organisations/${orgB.id}/invitations/${invitationB}/revoke`, body: 'form' },
  { method: 'GET', path: `/admin/organisations/${orgB.id}` },
  { method: 'POST', path: `/admin/organisations/${orgB.id}`, body: 'form' },
];

function send(call: Call, person: SignedInPerson | null) {
  const cookie = cookies(person?.cookie, csrf.cookie);
  if (call.body === 'json') {
    const body = call.method === 'PATCH' ? { version: 1, name: 'Kapad AB' } : { email: 'inkrktare@example.se' };
    return request(t.app, call.path, { method: call.method, ...json(body, { cookie }) });
  }
  if (call.body === 'form') {
    const form = new URLSearchParams({
      _csrf: csrf.token,
      email: 'inkraktare@example.se',
      name: 'Kapad AB',
      version: '1',
    });
    return request(t.app, call.path, {
      method: call.method,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
  }
  return request(t.app, call.path, { method: call.method, headers: { cookie } });
}

async function nothingChangedInB() {
  const b = await t.deps.db.selectFrom('organisations').selectAll().where('id', '=', orgB.id).executeTakeFirstOrThrow();
  expect(b).toMatchObject({ name: 'Hemliga Beta AB', version: 1 });
  const invitations = await t.deps.db
    .selectFrom('invitations')
    .selectAll()
    .where('organisation_id', '=', orgB.id)
    .execute();
  expect(invitations).toHaveLength(1);
  expect(invitations[0]?.revoked_at).toBeNull();
}

describe("a member of organisation A and organisation B's objects", () => {
  it('gets 403 or 404 and none of B’s content for every route, and changes nothing', async () => {
    for (const call of callsOnB()) {
      const response = await send(call, memberA);
      expect([403, 404], `${call.method} ${call.path}`).toContain(response.status);
      const text = await response.text();
      for (const secret of ['Hemliga Beta', orgB.orgNumber, 'berit@beta.example', 'gast@beta.example']) {
        expect(text, `${call.method} ${call.path}`).not.toContain(secret);
      }
    }
    await nothingChangedInB();
  });

  it("cannot revoke B's invitation through A's own path", async () => {
    const api = await request(t.app, `/api/v1/organisations/${orgA.id}/invitations/${invitationB}`, {
      method: 'DELETE',
      headers: { cookie: memberA.cookie },
    });
    expect(api.status).toBe(404);
    const page = await send(
      { method: 'POST', path: `/organisations/${orgA.id}/invitations/${invitationB}/revoke`, body: 'form' },
      memberA,
    );
    expect(page.status).toBe(404);
    await nothingChangedInB();
  });

  it('does not find B in the list, whatever the search', async () => {
    for (const query of ['', `?q=${encodeURIComponent('Hemliga')}`, `?q=${orgB.orgNumber}`]) {
      const list = await (
        await request(t.app, `/api/v1/organisations${query}`, { headers: { cookie: memberA.cookie } })
      ).json();
      expect(list.items.map((o: { id: string }) => o.id)).toEqual(query ? [] : [orgA.id]);
    }
  });

  it('may not create, import or use the secretariat’s pages', async () => {
    const create = await request(t.app, '/api/v1/organisations', {
      method: 'POST',
      ...json(organisationBody(), { cookie: memberA.cookie }),
    });
    expect(create.status).toBe(403);
    for (const path of ['/admin/organisations', '/admin/organisations/new', '/admin/organisations/import']) {
      expect((await request(t.app, path, { headers: { cookie: memberA.cookie } })).status, path).toBe(403);
    }
  });

  it('is the same for education-provider staff of A', async () => {
    const providerA = await signIn(t, { memberships: [{ organisationId: orgA.id, role: 'provider' }] });
    for (const call of callsOnB()) {
      expect([403, 404], `${call.method} ${call.path}`).toContain((await send(call, providerA)).status);
    }
    await nothingChangedInB();
  });
});

describe('people without a membership', () => {
  it('anonymous callers get 401 from the API and are sent to sign in from pages', async () => {
    expect((await request(t.app, '/api/v1/organisations')).status).toBe(401);
    for (const call of callsOnB()) {
      const response = await send(call, null);
      const expected = call.path.startsWith('/api/') ? [401] : call.method === 'GET' ? [303] : [401];
      expect(expected, `${call.method} ${call.path}`).toContain(response.status);
      if (response.status === 303) expect(response.headers.get('location')).toMatch(/^\/sign-in\?next=/);
    }
    await nothingChangedInB();
  });

  it('a student sees no organisations and none of B’s objects', async () => {
    const student = await signIn(t, { roles: ['student'] });
    const list = await (await request(t.app, '/api/v1/organisations', { headers: { cookie: student.cookie } })).json();
    expect(list.items).toEqual([]);
    for (const call of callsOnB()) {
      expect([403, 404], `${call.method} ${call.path}`).toContain((await send(call, student)).status);
    }
    await nothingChangedInB();
  });
});

describe('the secretariat and API tokens', () => {
  it('the secretariat may read any organisation, its people and its invitations', async () => {
    const admin = await signInSecretariat(t);
    const expected: [string, string][] = [
      [`/api/v1/organisations/${orgB.id}`, 'Hemliga Beta AB'],
      [`/api/v1/organisations/${orgB.id}/members`, 'Berit Beta'],
      [`/api/v1/organisations/${orgB.id}/invitations`, 'gast@beta.example'],
      [`/organisations/${orgB.id}`, 'gast@beta.example'],
      [`/admin/organisations/${orgB.id}`, 'Hemliga Beta AB'],
    ];
    for (const [path, content] of expected) {
      const response = await request(t.app, path, { headers: { cookie: admin.cookie } });
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toContain(content);
    }
  });

  it('an organisations:read token reads organisations but not people, and may not write', async () => {
    const { authorization } = await createApiToken(t, ['organisations:read']);
    const headers = { authorization };
    expect((await request(t.app, `/api/v1/organisations/${orgB.id}`, { headers })).status).toBe(200);
    expect((await request(t.app, `/api/v1/organisations/${orgB.id}/members`, { headers })).status).toBe(404);
    expect((await request(t.app, `/api/v1/organisations/${orgB.id}/invitations`, { headers })).status).toBe(404);
    const patch = await request(t.app, `/api/v1/organisations/${orgB.id}`, {
      method: 'PATCH',
      ...json({ version: 1, name: 'X' }, headers),
    });
    expect(patch.status).toBe(403);
    await nothingChangedInB();
  });

  it('a token without the scope, or a revoked one, gets nothing', async () => {
    const audit = await createApiToken(t, ['audit:read']);
    expect(
      (await request(t.app, '/api/v1/organisations', { headers: { authorization: audit.authorization } })).status,
    ).toBe(403);
    const revoked = await createApiToken(t, ['organisations:read'], { revoked: true });
    expect(
      (await request(t.app, '/api/v1/organisations', { headers: { authorization: revoked.authorization } })).status,
    ).toBe(401);
  });
});
