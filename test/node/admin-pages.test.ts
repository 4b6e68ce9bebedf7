import { beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../src/audit/audit.ts';
import { en, sv } from '../../src/messages.ts';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson, signIn } from '../support/auth.ts';

let t: TestApp;
let admin: SignedInPerson;
let csrf: { cookie: string; token: string };
beforeEach(async () => {
  t = await createTestApp();
  admin = await signIn(t, { roles: ['secretariat'], email: 'sara@region.se' });
  csrf = await csrfPair(t.app);
});

function post(path: string, body: URLSearchParams) {
  body.set('_csrf', csrf.token);
  return request(t.app, path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies(csrf.cookie, admin.cookie) },
    body: body.toString(),
  });
}

const get = (path: string) => request(t.app, path, { headers: { cookie: admin.cookie } });

describe('API token page', () => {
  it('issues a token, shows the secret once, and revokes it', async () => {
    const issued = await post(
      '/admin/api-tokens',
      new URLSearchParams([
        ['name', 'BI'],
        ['scopes', 'audit:read'],
        ['scopes', 'organisations:read'],
      ]),
    );
    expect(issued.status).toBe(201);
    expect(issued.headers.get('cache-control')).toBe('no-store');
    const html = await issued.text();
    const secret = /<code class="secret">(kb_[\w-]+)<\/code>/.exec(html)?.[1] ?? '';
    expect(secret).toMatch(/^kb_/);
    expect((await request(t.app, '/api/v1/audit', { headers: { authorization: `Bearer ${secret}` } })).status).toBe(
      200,
    );
    const list = await (await get('/admin/api-tokens')).text();
    expect(list).not.toContain(secret);
    expect(list).toContain('audit:read, organisations:read');
    const id = /action="\/admin\/api-tokens\/([^/]+)\/revoke"/.exec(list)?.[1] ?? '';
    expect((await post(`/admin/api-tokens/${id}/revoke`, new URLSearchParams())).status).toBe(303);
    expect((await request(t.app, '/api/v1/audit', { headers: { authorization: `Bearer ${secret}` } })).status).toBe(
      401,
    );
  });

  it('re-renders the form with errors for a token without name or scopes', async () => {
    const response = await post('/admin/api-tokens', new URLSearchParams({ name: '' }));
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('href="#field-name"');
    expect(html).toContain('Välj minst en behörighet.');
  });
});

describe('people and roles page', () => {
  it('grants and removes a role, acting on the next request', async () => {
    const person = await signIn(t, { email: 'granskare@region.se' });
    expect((await post(`/admin/users/${person.userId}/roles`, new URLSearchParams({ role: 'reviewer' }))).status).toBe(
      303,
    );
    const me = (await (await request(t.app, '/api/v1/me', { headers: { cookie: person.cookie } })).json()) as {
      roles: string[];
    };
    expect(me.roles).toEqual(['reviewer']);
    const page = await (await get('/admin/users?q=granskare')).text();
    expect(page).toContain('granskare@region.se');
    expect(page).not.toContain('sara@region.se');
    await post(`/admin/users/${person.userId}/roles/reviewer/revoke`, new URLSearchParams());
    const after = (await (await request(t.app, '/api/v1/me', { headers: { cookie: person.cookie } })).json()) as {
      roles: string[];
    };
    expect(after.roles).toEqual([]);
  });
});

describe('audit log page', () => {
  it('lists role changes with who did them, filterable by event', async () => {
    const person = await signIn(t);
    await post(`/admin/users/${person.userId}/roles`, new URLSearchParams({ role: 'reviewer' }));
    const html = await (await get('/admin/audit?action=role.granted')).text();
    expect(html).toContain('Roll given');
    expect(html).toContain('sara@region.se');
    expect(html).not.toContain('Inloggning</td>');
  });

  it('shows each event’s time in Swedish time, to the second', async () => {
    t.setNow(new Date('2026-07-01T10:15:30Z'));
    const person = await signIn(t);
    await post(`/admin/users/${person.userId}/roles`, new URLSearchParams({ role: 'reviewer' }));
    const html = await (await get('/admin/audit?action=role.granted')).text();
    expect(html).toContain('Tid (svensk tid)');
    // Summer time: UTC+2.
    expect(html).toContain('<td>2026-07-01 12:15:30</td>');
  });

  it('names every recorded event in both languages and offers each as a filter', async () => {
    const swedish = await (await get('/admin/audit')).text();
    const english = await (
      await request(t.app, '/admin/audit', { headers: { cookie: admin.cookie, 'accept-language': 'en' } })
    ).text();
    for (const action of AUDIT_ACTIONS) {
      expect(sv[`audit.action.${action}` as keyof typeof sv], action).toBeTruthy();
      expect(en[`audit.action.${action}` as keyof typeof en], action).toBeTruthy();
      expect(swedish).toContain(`value="${action}"`);
      expect(english).toContain(`value="${action}"`);
    }
  });

  it('answers an unknown event filter with 422 and a message, not an error', async () => {
    const response = await get('/admin/audit?action=nonsense');
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Det finns fel i formuläret');
  });
});
