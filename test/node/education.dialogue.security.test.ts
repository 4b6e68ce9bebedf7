import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { cookies, signIn, signInSecretariat } from '../support/auth.ts';
import { plantRound } from '../support/demand.ts';
import { createProvider, OCCUPATION, plantOffering } from '../support/education.ts';
import { json } from '../support/organisations.ts';

/**
 * Four organisations report a need for software developers (2512) in round r1:
 *   Alfa: no consent at all · Beta: shown to providers (and so the secretariat)
 *   Gamma: the secretariat may contact it, not shown to providers · Delta: ticked the survey's contact question only
 * A provider may learn Beta's name and no other; the secretariat sees Beta, Gamma and Delta.
 */
let t: TestApp;
let providerCookie: string;
let providerId: string;
const NAMES = { alfa: 'Alfa Konsult AB', beta: 'Beta Data AB', gamma: 'Gamma Mjukvara AB', delta: 'Delta System AB' };

beforeEach(async () => {
  t = await createTestApp();
  const orgs = Object.keys(NAMES).map((k) => ({ id: `org-${k}` }));
  await plantRound(
    t,
    { id: 'r1' },
    orgs,
    orgs.map((o) => ({ org: o.id, headcount: 4, occupation: OCCUPATION.software, horizon: '1-3' as const })),
  );
  const { db } = t.deps;
  for (const [key, name] of Object.entries(NAMES))
    await db.updateTable('organisations').set({ name }).where('id', '=', `org-${key}`).execute();
  const at = t.deps.now().toISOString();
  await db
    .insertInto('organisation_contact_consent')
    .values([
      {
        organisation_id: 'org-beta',
        secretariat_may_contact: 1,
        shown_to_providers: 1,
        version: 1,
        updated_at: at,
        updated_by: null,
      },
      {
        organisation_id: 'org-gamma',
        secretariat_may_contact: 1,
        shown_to_providers: 0,
        version: 1,
        updated_at: at,
        updated_by: null,
      },
    ])
    .execute();
  await db
    .updateTable('submitted_responses')
    .set({ contact_consent: 1 })
    .where('organisation_id', '=', 'org-delta')
    .execute();
  const provider = await createProvider(t);
  providerId = provider.id;
  await plantOffering(t, provider.id, {
    name: 'Systemutvecklare',
    graduates: 20,
    occupationIds: [OCCUPATION.software.id],
  });
  providerCookie = cookies(
    (await signIn(t, { memberships: [{ organisationId: provider.id, role: 'provider' }] })).cookie,
  );
});
afterEach(async () => {
  await t.database.close();
});

async function registerInterest(cookie: string) {
  const response = await request(t.app, '/api/v1/dialogue-interests', {
    method: 'POST',
    ...json({ providerId, occupation: '2512', message: 'Vi vill prata om LIA-platser.' }, { cookie }),
  });
  expect(response.status).toBe(201);
  return (await response.json()).id as string;
}

describe('dialogue and contact consent', () => {
  it('shows a provider only the organisations that opted in to being shown to providers', async () => {
    const id = await registerInterest(providerCookie);
    const response = await request(t.app, `/api/v1/dialogue-interests/${id}?round=r1`, {
      headers: { cookie: providerCookie },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(JSON.parse(text).organisations.map((o: { name: string }) => o.name)).toEqual([NAMES.beta]);
    for (const hidden of [NAMES.alfa, NAMES.gamma, NAMES.delta]) expect(text).not.toContain(hidden);
  });

  it('never names an organisation to a provider on the gap, dialogue or offering pages and APIs', async () => {
    const id = await registerInterest(providerCookie);
    const paths = [
      '/api/v1/gaps?round=r1',
      '/api/v1/gaps.csv?round=r1',
      `/api/v1/dialogue-interests/${id}?round=r1`,
      '/api/v1/dialogue-interests',
      '/api/v1/offerings',
      '/education/gaps?round=r1',
      '/education/my-demand?round=r1',
      `/education/dialogue/${id}?round=r1`,
      `/education/evidence?round=r1&occupation=2512`,
      `/education/evidence.csv?round=r1&occupation=2512`,
    ];
    for (const path of paths) {
      const response = await request(t.app, path, { headers: { cookie: providerCookie } });
      expect(response.status, path).toBe(200);
      const text = await response.text();
      for (const hidden of [NAMES.alfa, NAMES.gamma, NAMES.delta]) expect(text, path).not.toContain(hidden);
    }
  });

  it('lists for the secretariat every organisation that consented, by setting or in the survey', async () => {
    const id = await registerInterest(providerCookie);
    const secretariat = cookies((await signInSecretariat(t)).cookie);
    const body = await (
      await request(t.app, `/api/v1/dialogue-interests/${id}?round=r1`, { headers: { cookie: secretariat } })
    ).json();
    expect(body.organisations.map((o: { name: string; via: string[] }) => [o.name, o.via])).toEqual([
      [NAMES.beta, ['setting']],
      [NAMES.delta, ['survey']],
      [NAMES.gamma, ['setting']],
    ]);
  });

  it('lets a member set its organisation’s consent at the version read, and shows the provider once it opts in', async () => {
    const member = cookies((await signIn(t, { memberships: [{ organisationId: 'org-alfa' }] })).cookie);
    const first = await request(t.app, '/api/v1/organisations/org-alfa/contact-consent', {
      method: 'PUT',
      ...json({ secretariatMayContact: true, shownToProviders: true, version: 0 }, { cookie: member }),
    });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ shownToProviders: true, version: 1 });
    const stale = await request(t.app, '/api/v1/organisations/org-alfa/contact-consent', {
      method: 'PUT',
      ...json({ secretariatMayContact: false, shownToProviders: false, version: 0 }, { cookie: member }),
    });
    expect(stale.status).toBe(409);
    const implied = await request(t.app, '/api/v1/organisations/org-alfa/contact-consent', {
      method: 'PUT',
      ...json({ secretariatMayContact: false, shownToProviders: true, version: 1 }, { cookie: member }),
    });
    expect(implied.status).toBe(422);

    const id = await registerInterest(providerCookie);
    const body = await (
      await request(t.app, `/api/v1/dialogue-interests/${id}?round=r1`, { headers: { cookie: providerCookie } })
    ).json();
    expect(body.organisations.map((o: { name: string }) => o.name)).toEqual([NAMES.alfa, NAMES.beta]);
  });

  it('refuses a member of another organisation the consent, and an interest for another provider', async () => {
    const other = cookies((await signIn(t, { memberships: [{ organisationId: 'org-beta' }] })).cookie);
    const read = await request(t.app, '/api/v1/organisations/org-alfa/contact-consent', { headers: { cookie: other } });
    expect(read.status).toBe(404);
    const otherProvider = await createProvider(t, { name: 'Annan skola' });
    const response = await request(t.app, '/api/v1/dialogue-interests', {
      method: 'POST',
      ...json({ providerId: otherProvider.id, occupation: '2512' }, { cookie: providerCookie }),
    });
    expect(response.status).toBe(403);
  });
});
