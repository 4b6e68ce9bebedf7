import { beforeEach, describe, expect, it } from 'vitest';
import { sv } from '../../src/messages.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { createApiToken, type SignedInPerson, signIn, signInSecretariat } from '../support/auth.ts';
import { createOrganisation, json, organisationBody } from '../support/organisations.ts';

let t: TestApp;
let admin: SignedInPerson;
beforeEach(async () => {
  t = await createTestApp();
  admin = await signInSecretariat(t);
});

const post = (body: unknown, cookie = admin.cookie) =>
  request(t.app, '/api/v1/organisations', { method: 'POST', ...json(body, { cookie }) });
const patch = (id: string, body: unknown, cookie = admin.cookie) =>
  request(t.app, `/api/v1/organisations/${id}`, { method: 'PATCH', ...json(body, { cookie }) });
const get = (path: string, cookie = admin.cookie) => request(t.app, path, { headers: { cookie } });

interface Problem {
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

const auditActions = async (action: string) =>
  t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

describe('POST /api/v1/organisations', () => {
  it('creates an organisation and answers 201 with every field in camelCase and version 1', async () => {
    const body = organisationBody({ orgNumber: '5560360793', isEducationProvider: true });
    const response = await post(body);
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(created).toMatchObject({
      name: body.name,
      orgNumber: '556036-0793',
      sector: 'naringsliv',
      sniDivision: '30',
      sizeClass: '50-249',
      municipalityCode: '1080',
      municipalityName: 'Karlskrona',
      isEducationProvider: true,
      version: 1,
    });
    expect(response.headers.get('location')).toBe(`/api/v1/organisations/${created.id}`);
    expect(await (await get(`/api/v1/organisations/${created.id}`)).json()).toEqual(created);
  });

  it('records organisation.created in the audit log with the person who did it', async () => {
    const created = await (await post(organisationBody())).json();
    const [entry] = await auditActions('organisation.created');
    expect(entry).toMatchObject({ actor_user_id: admin.userId, target_type: 'organisation', target_id: created.id });
  });

  it('refuses an org number that is already stored with 409 naming it, and stores and audits nothing', async () => {
    const existing = await createOrganisation(t, { name: 'Första AB' });
    const response = await post(organisationBody({ orgNumber: existing.orgNumber.replace('-', '') }));
    expect(response.status).toBe(409);
    const problem = (await response.json()) as Problem;
    expect(problem.detail).toContain(existing.orgNumber);
    expect(problem.detail).toContain('Första AB');
    expect(problem.errors?.[0]?.path).toBe('orgNumber');
    const count = await t.deps.db
      .selectFrom('organisations')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(count?.n)).toBe(1);
    expect(await auditActions('organisation.created')).toHaveLength(0);
  });

  it('refuses 556036-0794 with the check-digit message on orgNumber', async () => {
    const response = await post(organisationBody({ orgNumber: '556036-0794' }));
    expect(response.status).toBe(422);
    const problem = (await response.json()) as Problem;
    expect(problem.errors).toEqual([{ path: 'orgNumber', message: sv['validation.orgNumber.checkDigit'] }]);
  });

  it.each([
    ['name', { name: '' }, 'validation.organisationName.required'],
    ['name', { name: 'x'.repeat(201) }, 'validation.organisationName.tooLong'],
    ['orgNumber', { orgNumber: '123' }, 'validation.orgNumber.format'],
    ['orgNumber', { orgNumber: '801218-1234' }, 'validation.orgNumber.personnummer'],
    ['orgNumber', { orgNumber: undefined }, 'validation.orgNumber.required'],
    ['sector', { sector: 'privat' }, 'validation.sector.invalid'],
    ['sniDivision', { sniDivision: '6' }, 'validation.sniDivision.format'],
    ['sniDivision', { sniDivision: '04' }, 'validation.sniDivision.unknown'],
    ['sizeClass', { sizeClass: '5' }, 'validation.sizeClass.invalid'],
    ['municipalityCode', { municipalityCode: '10800' }, 'validation.municipalityCode.format'],
    ['municipalityCode', { municipalityCode: '9999' }, 'validation.municipalityCode.unknown'],
    ['isEducationProvider', { isEducationProvider: 'maybe' }, 'validation.isEducationProvider.invalid'],
  ] as const)('refuses a bad %s with 422, its path and the message %s', async (path, change, key) => {
    const response = await post(organisationBody(change));
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as Problem;
    expect(problem.errors).toContainEqual({ path, message: sv[key] });
  });

  it('answers in English when the reader asks for English', async () => {
    const response = await request(t.app, '/api/v1/organisations', {
      method: 'POST',
      ...json(organisationBody({ orgNumber: '556036-0794' }), { cookie: admin.cookie, 'accept-language': 'en' }),
    });
    expect(((await response.json()) as Problem).errors?.[0]?.message).toMatch(/check digit/);
  });

  it('lets an API token with organisations:write create', async () => {
    const token = await createApiToken(t, ['organisations:write']);
    const response = await request(t.app, '/api/v1/organisations', {
      method: 'POST',
      ...json(organisationBody(), { authorization: token.authorization }),
    });
    expect(response.status).toBe(201);
    const [entry] = await auditActions('organisation.created');
    expect(entry?.actor_token_id).toBe(token.tokenId);
  });
});

describe('GET /api/v1/organisations', () => {
  it('searches by name (any case, å ä ö too) and org number, and filters by municipality and sector', async () => {
    await createOrganisation(t, { name: 'Östra Varvet AB', municipalityCode: '1080' });
    await createOrganisation(t, { name: 'Ronneby Kommun', municipalityCode: '1081', sector: 'offentlig' });
    const third = await createOrganisation(t, { name: 'Karlshamns Energi AB', municipalityCode: '1082' });
    const names = async (query: string) =>
      ((await (await get(`/api/v1/organisations?${query}`)).json()) as { items: { name: string }[] }).items.map(
        (o) => o.name,
      );
    expect(await names('q=östra')).toEqual(['Östra Varvet AB']);
    expect(await names('q=VARVET')).toEqual(['Östra Varvet AB']);
    expect(await names(`q=${third.orgNumber}`)).toEqual(['Karlshamns Energi AB']);
    expect(await names(`q=${third.orgNumber.replace('-', '')}`)).toEqual(['Karlshamns Energi AB']);
    expect(await names('municipality=1081')).toEqual(['Ronneby Kommun']);
    expect(await names('sector=offentlig')).toEqual(['Ronneby Kommun']);
    expect(await names('sector=naringsliv&municipality=1082')).toEqual(['Karlshamns Energi AB']);
    expect(await names('q=100%25')).toEqual([]);
  });

  it('pages with limit and an opaque cursor, ending with nextCursor null', async () => {
    for (const name of ['A AB', 'B AB', 'C AB']) await createOrganisation(t, { name });
    const first = await (await get('/api/v1/organisations?limit=2')).json();
    expect(first.items.map((o: { name: string }) => o.name)).toEqual(['A AB', 'B AB']);
    expect(typeof first.nextCursor).toBe('string');
    const second = await (await get(`/api/v1/organisations?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toMatchObject({ items: [{ name: 'C AB' }], nextCursor: null });
  });

  it('shows a signed-in member only their own organisations', async () => {
    const mine = await createOrganisation(t, { name: 'Mitt AB' });
    await createOrganisation(t, { name: 'Annat AB' });
    const member = await signIn(t, { memberships: [{ organisationId: mine.id }] });
    const list = await (await get('/api/v1/organisations', member.cookie)).json();
    expect(list.items.map((o: { id: string }) => o.id)).toEqual([mine.id]);
    const searched = await (await get('/api/v1/organisations?q=Annat', member.cookie)).json();
    expect(searched.items).toEqual([]);
  });

  it('shows everything to an API token with organisations:read', async () => {
    await createOrganisation(t);
    await createOrganisation(t);
    const token = await createApiToken(t, ['organisations:read']);
    const response = await request(t.app, '/api/v1/organisations', { headers: { authorization: token.authorization } });
    expect(((await response.json()) as { items: unknown[] }).items).toHaveLength(2);
  });

  it('refuses bad filters with 422 and their paths', async () => {
    const response = await get('/api/v1/organisations?sector=privat&municipality=x&limit=0');
    expect(response.status).toBe(422);
    const paths = ((await response.json()) as Problem).errors?.map((e) => e.path).sort();
    expect(paths).toEqual(['limit', 'municipality', 'sector']);
  });
});

describe('PATCH /api/v1/organisations/{id}', () => {
  it('changes the given fields, bumps the version and audits organisation.updated', async () => {
    const org = await createOrganisation(t);
    const response = await patch(org.id, { version: 1, name: 'Nytt namn AB', sizeClass: '250+' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: org.id, name: 'Nytt namn AB', sizeClass: '250+', version: 2 });
    const [entry] = await auditActions('organisation.updated');
    expect(entry?.target_id).toBe(org.id);
    expect(JSON.parse(entry?.detail ?? '{}')).toEqual({ fromVersion: 1, changed: ['name', 'sizeClass'] });
  });

  it('refuses a stale version with 409, changes nothing and audits nothing', async () => {
    const org = await createOrganisation(t, { name: 'Original AB' });
    expect((await patch(org.id, { version: 1, name: 'Första ändringen AB' })).status).toBe(200);
    const stale = await patch(org.id, { version: 1, name: 'Andra ändringen AB' });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as Problem).detail).toContain('2');
    const current = await (await get(`/api/v1/organisations/${org.id}`)).json();
    expect(current).toMatchObject({ name: 'Första ändringen AB', version: 2 });
    expect(await auditActions('organisation.updated')).toHaveLength(1);
  });

  it('refuses an org number that another organisation holds with 409, and changes nothing', async () => {
    const [a, b] = [await createOrganisation(t), await createOrganisation(t)];
    const response = await patch(b.id, { version: 1, orgNumber: a.orgNumber, name: 'Ändrat AB' });
    expect(response.status).toBe(409);
    expect(((await response.json()) as Problem).detail).toContain(a.orgNumber);
    expect(await (await get(`/api/v1/organisations/${b.id}`)).json()).toMatchObject({ name: b.name, version: 1 });
  });

  it('keeps its own org number when it is sent back unchanged', async () => {
    const org = await createOrganisation(t);
    expect((await patch(org.id, { version: 1, orgNumber: org.orgNumber })).status).toBe(200);
  });

  it('wants a version and validates each field with the create schema', async () => {
    const org = await createOrganisation(t);
    const response = await patch(org.id, { sector: 'privat', municipalityCode: '0000' });
    expect(response.status).toBe(422);
    const paths = ((await response.json()) as Problem).errors?.map((e) => e.path).sort();
    expect(paths).toEqual(['sector', 'version']);
    const unknown = await patch(org.id, { version: 1, municipalityCode: '0000' });
    expect(((await unknown.json()) as Problem).errors).toEqual([
      { path: 'municipalityCode', message: sv['validation.municipalityCode.unknown'] },
    ]);
  });

  it('answers 404 for an organisation that does not exist', async () => {
    expect((await patch('no-such-org', { version: 1, name: 'X AB' })).status).toBe(404);
  });
});

describe('GET /api/v1/organisations/{id}/members', () => {
  it('lists the people who act for the organisation, with their roles', async () => {
    const org = await createOrganisation(t);
    await signIn(t, { name: 'Anna Andersson', email: 'anna@example.se', memberships: [{ organisationId: org.id }] });
    await signIn(t, { name: 'Bo Berg', memberships: [{ organisationId: org.id, role: 'provider' }] });
    const list = await (await get(`/api/v1/organisations/${org.id}/members`)).json();
    expect(list.items).toEqual([
      expect.objectContaining({ name: 'Anna Andersson', email: 'anna@example.se', role: 'member' }),
      expect.objectContaining({ name: 'Bo Berg', role: 'provider' }),
    ]);
  });
});
