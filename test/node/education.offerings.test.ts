import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { cookies, signIn, signInSecretariat } from '../support/auth.ts';
import { createProvider, OCCUPATION, offeringBody, WELDING_SKILLS } from '../support/education.ts';
import { createOrganisation, json } from '../support/organisations.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.database.close();
});

async function providerStaff() {
  const provider = await createProvider(t);
  const person = await signIn(t, { memberships: [{ organisationId: provider.id, role: 'provider' }] });
  return { provider, cookie: cookies(person.cookie) };
}

describe('offerings API', () => {
  it('lets provider staff register an offering and anyone read it', async () => {
    const { provider, cookie } = await providerStaff();
    const created = await request(t.app, '/api/v1/offerings', {
      method: 'POST',
      ...json(offeringBody(provider.id), { cookie }),
    });
    expect(created.status).toBe(201);
    const offering = await created.json();
    expect(offering).toMatchObject({
      name: 'Systemutvecklare .NET',
      providerId: provider.id,
      sunLevel: '41',
      sunField: '481',
      occupationIds: [OCCUPATION.software.id],
      annualGraduates: 28,
      municipalityName: 'Karlskrona',
      language: 'sv',
      pace: 100,
      startDates: ['2027-08-23'],
      version: 1,
    });
    const read = await request(t.app, `/api/v1/offerings/${offering.id}`);
    expect(read.status).toBe(200);
    const list = await (await request(t.app, `/api/v1/offerings?occupation=${OCCUPATION.software.id}`)).json();
    expect(list.items.map((o: { id: string }) => o.id)).toEqual([offering.id]);
  });

  it('refuses unknown codes with 422 and a path that names the bad id', async () => {
    const { provider, cookie } = await providerStaff();
    const response = await request(t.app, '/api/v1/offerings', {
      method: 'POST',
      ...json(
        offeringBody(provider.id, {
          sunLevel: '99',
          sunField: '123',
          occupationIds: [OCCUPATION.software.id, 'nope_nope_1'],
          skillIds: [WELDING_SKILLS[0]?.id, 'nope_nope_2'],
          municipalityCode: '9999',
        }),
        { cookie },
      ),
    });
    expect(response.status).toBe(422);
    const paths = (await response.json()).errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['municipalityCode', 'occupationIds.1', 'skillIds.1', 'sunField', 'sunLevel']);
    expect(await t.deps.db.selectFrom('offerings').select('id').execute()).toEqual([]);
  });

  it('refuses a member without the provider role, and staff of another provider', async () => {
    const { provider } = await providerStaff();
    const company = await createOrganisation(t);
    const member = await signIn(t, { memberships: [{ organisationId: company.id, role: 'member' }] });
    const asMember = await request(t.app, '/api/v1/offerings', {
      method: 'POST',
      ...json(offeringBody(provider.id), { cookie: cookies(member.cookie) }),
    });
    expect(asMember.status).toBe(403);
    const other = await createProvider(t, { name: 'Annan skola' });
    const otherStaff = await signIn(t, { memberships: [{ organisationId: other.id, role: 'provider' }] });
    const asOther = await request(t.app, '/api/v1/offerings', {
      method: 'POST',
      ...json(offeringBody(provider.id), { cookie: cookies(otherStaff.cookie) }),
    });
    expect(asOther.status).toBe(403);
    expect(await t.deps.db.selectFrom('offerings').select('id').execute()).toEqual([]);
    const anonymous = await request(t.app, '/api/v1/offerings', { method: 'POST', ...json(offeringBody(provider.id)) });
    expect(anonymous.status).toBe(401);
  });

  it('refuses an organisation that is not an education provider', async () => {
    const company = await createOrganisation(t);
    const secretariat = await signInSecretariat(t);
    const response = await request(t.app, '/api/v1/offerings', {
      method: 'POST',
      ...json(offeringBody(company.id), { cookie: cookies(secretariat.cookie) }),
    });
    expect(response.status).toBe(422);
    expect((await response.json()).errors[0].path).toBe('providerId');
  });

  it('changes an offering at the version read, replaces its skills, and refuses a stale version with 409', async () => {
    const { provider, cookie } = await providerStaff();
    const offering = await (
      await request(t.app, '/api/v1/offerings', { method: 'POST', ...json(offeringBody(provider.id), { cookie }) })
    ).json();
    const skillIds = WELDING_SKILLS.map((s) => s.id);
    const changed = await request(t.app, `/api/v1/offerings/${offering.id}`, {
      method: 'PATCH',
      ...json({ version: 1, annualGraduates: 30, skillIds }, { cookie }),
    });
    expect(changed.status).toBe(200);
    const body = await changed.json();
    expect(body).toMatchObject({ version: 2, annualGraduates: 30, occupationIds: [OCCUPATION.software.id] });
    expect([...body.skillIds].sort()).toEqual([...skillIds].sort());

    const stale = await request(t.app, `/api/v1/offerings/${offering.id}`, {
      method: 'PATCH',
      ...json({ version: 1, annualGraduates: 1, skillIds: [] }, { cookie }),
    });
    expect(stale.status).toBe(409);
    const after = await (await request(t.app, `/api/v1/offerings/${offering.id}`)).json();
    expect(after.annualGraduates).toBe(30);
    expect(after.skillIds).toHaveLength(3);
  });

  it('lets only its provider’s staff or the secretariat change or remove an offering', async () => {
    const { provider, cookie } = await providerStaff();
    const offering = await (
      await request(t.app, '/api/v1/offerings', { method: 'POST', ...json(offeringBody(provider.id), { cookie }) })
    ).json();
    const other = await createProvider(t, { name: 'Annan skola' });
    const otherStaff = cookies(
      (await signIn(t, { memberships: [{ organisationId: other.id, role: 'provider' }] })).cookie,
    );
    const patch = await request(t.app, `/api/v1/offerings/${offering.id}`, {
      method: 'PATCH',
      ...json({ version: 1, name: 'Kapad' }, { cookie: otherStaff }),
    });
    expect(patch.status).toBe(403);
    const del = await request(t.app, `/api/v1/offerings/${offering.id}`, {
      method: 'DELETE',
      headers: { cookie: otherStaff, 'content-type': 'application/json' },
    });
    expect(del.status).toBe(403);
    expect((await (await request(t.app, `/api/v1/offerings/${offering.id}`)).json()).name).toBe(offering.name);

    const secretariat = cookies((await signInSecretariat(t)).cookie);
    const removed = await request(t.app, `/api/v1/offerings/${offering.id}`, {
      method: 'DELETE',
      headers: { cookie: secretariat, 'content-type': 'application/json' },
    });
    expect(removed.status).toBe(204);
    expect((await request(t.app, `/api/v1/offerings/${offering.id}`)).status).toBe(404);
    expect(await t.deps.db.selectFrom('offering_occupations').select('offering_id').execute()).toEqual([]);
  });
});
