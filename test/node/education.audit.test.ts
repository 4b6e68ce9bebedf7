import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, signIn, signInSecretariat } from '../support/auth.ts';
import { createProvider, offeringBody } from '../support/education.ts';
import { json } from '../support/organisations.ts';

let t: TestApp;
let provider: { id: string };
let staff: { userId: string; cookie: string };
let otherStaff: string;

beforeEach(async () => {
  t = await createTestApp();
  provider = await createProvider(t);
  const person = await signIn(t, { memberships: [{ organisationId: provider.id, role: 'provider' }] });
  staff = { userId: person.userId, cookie: cookies(person.cookie) };
  const other = await createProvider(t, { name: 'Annan skola' });
  otherStaff = cookies((await signIn(t, { memberships: [{ organisationId: other.id, role: 'provider' }] })).cookie);
});
afterEach(async () => {
  await t.database.close();
});

async function entries(action: string) {
  const rows = await t.deps.db
    .selectFrom('audit_log')
    .select(['actor_user_id', 'target_type', 'target_id', 'detail'])
    .where('action', '=', action)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null }));
}

const send = (method: string, path: string, cookie: string, body?: unknown) =>
  request(t.app, path, body === undefined ? { method, headers: { cookie } } : { method, ...json(body, { cookie }) });

async function create(): Promise<{ id: string }> {
  const response = await send('POST', '/api/v1/offerings', staff.cookie, offeringBody(provider.id));
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string };
}

describe('audit entries for offering writes', () => {
  it('records a registration once, and nothing for one refused with 403 or 422', async () => {
    expect((await send('POST', '/api/v1/offerings', otherStaff, offeringBody(provider.id))).status).toBe(403);
    const bad = await send('POST', '/api/v1/offerings', staff.cookie, offeringBody(provider.id, { sunLevel: '99' }));
    expect(bad.status).toBe(422);
    expect(await entries('offering.created')).toEqual([]);
    const offering = await create();
    expect(await entries('offering.created')).toEqual([
      {
        actor_user_id: staff.userId,
        target_type: 'offering',
        target_id: offering.id,
        detail: { providerId: provider.id },
      },
    ]);
  });

  it('records a change once with the fields that changed, and nothing for a stale, foreign or invalid one', async () => {
    const offering = await create();
    const path = `/api/v1/offerings/${offering.id}`;
    const body = { version: 1, annualGraduates: 30, name: 'Systemutvecklare .NET' };
    expect((await send('PATCH', path, staff.cookie, body)).status).toBe(200);
    expect((await send('PATCH', path, staff.cookie, { version: 1, annualGraduates: 1 })).status).toBe(409);
    expect((await send('PATCH', path, otherStaff, { version: 2, name: 'Kapad' })).status).toBe(403);
    expect((await send('PATCH', path, staff.cookie, { version: 2, sunField: '123' })).status).toBe(422);
    expect(
      (await send('PATCH', path, staff.cookie, { version: 2, municipalityCode: null, distance: false })).status,
    ).toBe(422);
    expect(await entries('offering.updated')).toEqual([
      {
        actor_user_id: staff.userId,
        target_type: 'offering',
        target_id: offering.id,
        detail: { providerId: provider.id, fromVersion: 1, changed: ['annualGraduates'] },
      },
    ]);
  });

  it('records a removal once, by the secretariat too, and nothing for a refused or repeated one', async () => {
    const first = await create();
    const second = await create();
    const admin = cookies((await signInSecretariat(t)).cookie);
    expect((await send('DELETE', `/api/v1/offerings/${first.id}`, otherStaff)).status).toBe(403);
    expect((await send('DELETE', `/api/v1/offerings/${first.id}`, staff.cookie)).status).toBe(204);
    expect((await send('DELETE', `/api/v1/offerings/${first.id}`, staff.cookie)).status).toBe(404);
    expect((await send('DELETE', `/api/v1/offerings/${second.id}`, admin)).status).toBe(204);
    expect((await entries('offering.deleted')).map((e) => [e.target_id, e.actor_user_id === staff.userId])).toEqual([
      [first.id, true],
      [second.id, false],
    ]);
  });

  it('records a CSV import once with the ids stored, and nothing for a refused file', async () => {
    const header = 'name;providerId;form;sunLevel;sunField;annualPlaces;annualGraduates;municipalityCode';
    const importCsv = async (rows: string[]) => {
      const csrf = await csrfPair(t.app);
      return request(t.app, '/api/v1/offerings/import', {
        method: 'POST',
        headers: {
          cookie: cookies(staff.cookie, csrf.cookie),
          'x-csrf-token': csrf.token,
          'content-type': 'text/csv',
        },
        body: [header, ...rows].join('\n'),
      });
    };
    const refused = await importCsv([
      `Bra;${provider.id};yh;41;521;30;24;1060`,
      `Fel;${provider.id};yh;99;521;30;24;1060`,
    ]);
    expect(refused.status).toBe(422);
    expect(await entries('offering.imported')).toEqual([]);
    const good = await importCsv([
      `Svets;${provider.id};yh;41;521;30;24;1060`,
      `Data;${provider.id};yh;41;481;40;32;1080`,
    ]);
    expect(good.status).toBe(201);
    const stored = await t.deps.db.selectFrom('offerings').select('id').orderBy('id').execute();
    const imports = await entries('offering.imported');
    expect(imports).toHaveLength(1);
    expect(imports[0]).toMatchObject({ actor_user_id: staff.userId, target_type: 'offering', target_id: null });
    expect(imports[0]?.detail).toEqual({ count: 2, ids: stored.map((r) => r.id) });
  });
});

describe("the offerings' version that gap figures are kept under", () => {
  const version = async () =>
    (await t.deps.db.selectFrom('data_versions').select('version').where('name', '=', 'offerings').executeTakeFirst())
      ?.version ?? 0;

  it('rises with each registration, change and deletion, and not with a refused one', async () => {
    const before = await version();
    expect((await send('POST', '/api/v1/offerings', otherStaff, offeringBody(provider.id))).status).toBe(403);
    expect(await version()).toBe(before);
    const offering = await create();
    expect(await version()).toBe(before + 1);
    const stale = await send('PATCH', `/api/v1/offerings/${offering.id}`, staff.cookie, { version: 7, name: 'X' });
    expect(stale.status).toBe(409);
    expect(await send('DELETE', `/api/v1/offerings/${offering.id}`, otherStaff)).toHaveProperty('status', 403);
    expect(await version()).toBe(before + 1);
    const changed = await send('PATCH', `/api/v1/offerings/${offering.id}`, staff.cookie, { version: 1, name: 'Y' });
    expect(changed.status).toBe(200);
    expect(await version()).toBe(before + 2);
    expect((await send('DELETE', `/api/v1/offerings/${offering.id}`, staff.cookie)).status).toBe(204);
    expect(await version()).toBe(before + 3);
  });
});
