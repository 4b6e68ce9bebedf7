import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, signIn } from '../support/auth.ts';
import { plantRound } from '../support/demand.ts';
import { createProvider, OCCUPATION, plantOffering, WELDING_SKILLS } from '../support/education.ts';

let t: TestApp;
let provider: { id: string };
let staff: string;

beforeEach(async () => {
  t = await createTestApp();
  const orgs = ['a', 'b', 'c'].map((n) => ({ id: `page-org-${n}` }));
  await plantRound(
    t,
    { id: 'r1' },
    orgs,
    orgs.map((o) => ({ org: o.id, headcount: 5, occupation: OCCUPATION.welder, horizon: '0-1' as const })),
  );
  provider = await createProvider(t);
  await plantOffering(t, provider.id, {
    name: 'Svetsteknik',
    graduates: 12,
    skillIds: WELDING_SKILLS.map((s) => s.id),
  });
  staff = (await signIn(t, { memberships: [{ organisationId: provider.id, role: 'provider' }] })).cookie;
});
afterEach(async () => {
  await t.database.close();
});

const pages = [
  '/education',
  '/education/gaps?round=r1',
  '/education/my-demand?round=r1',
  '/education/dialogue',
  '/education/offerings/new',
  '/education/offerings/import',
  '/education/evidence?round=r1&occupation=7212',
];

describe('education pages', () => {
  for (const lang of ['sv', 'en'])
    it(`render in ${lang} with no message key in place of a text`, async () => {
      for (const path of pages) {
        const response = await request(t.app, path, { headers: { cookie: cookies(staff, `lang=${lang}`) } });
        expect(response.status, path).toBe(200);
        const html = await response.text();
        expect(html, path).toContain(`lang="${lang}"`);
        expect(html.match(/education\.[a-z]+\.[a-zA-Z.-]+/g) ?? [], path).toEqual([]);
      }
    });

  it('shows the gap with its skill match explained and bookmarkable filters', async () => {
    const html = await (await request(t.app, '/education/gaps?round=r1&horizon=0-1')).text();
    expect(html).toContain('Svetsteknik');
    expect(html).toContain('Påläggssvetsning');
    expect(html).toMatch(/<option value="0-1" selected>/);
    expect(html).toContain('80\u00a0%');
  });

  it('re-renders the offering form with 422 and the messages in place, then stores a good one and redirects', async () => {
    const csrf = await csrfPair(t.app);
    const post = (fields: Record<string, string>) =>
      request(t.app, '/education/offerings/new', {
        method: 'POST',
        headers: { cookie: cookies(csrf.cookie, staff), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf.token, ...fields }).toString(),
      });
    const good = {
      providerId: provider.id,
      name: 'Svetsare',
      form: 'yh',
      sunLevel: '41',
      sunField: '521',
      occupations: '7212',
      skills: 'Påläggssvetsning',
      annualPlaces: '20',
      annualGraduates: '16',
      municipalityCode: '1080',
      language: 'sv',
      pace: '100',
      startDates: '2027-08-23',
    };
    const bad = await post({ ...good, occupations: '9999', annualGraduates: '' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('href="#field-occupations"');
    expect(html).toContain('href="#field-annualGraduates"');
    expect(html).toContain('value="Svetsare"');
    const ok = await post(good);
    expect(ok.status).toBe(303);
    const location = ok.headers.get('location') ?? '';
    const detail = await (await request(t.app, location)).text();
    expect(detail).toContain('Svetsare och gasskärare');
  });

  it('lets a member set the contact consent on its page, and refuses showing to providers without the secretariat', async () => {
    const member = (await signIn(t, { memberships: [{ organisationId: 'page-org-a' }] })).cookie;
    const csrf = await csrfPair(t.app);
    const post = (fields: Record<string, string>) =>
      request(t.app, '/organisations/page-org-a/contact-consent', {
        method: 'POST',
        headers: { cookie: cookies(csrf.cookie, member), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf.token, ...fields }).toString(),
      });
    const refused = await post({ shownToProviders: 'true', version: '0' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('href="#field-secretariatMayContact"');
    const saved = await post({ secretariatMayContact: 'true', shownToProviders: 'true', version: '0' });
    expect(saved.status).toBe(303);
    const page = await (
      await request(t.app, saved.headers.get('location') ?? '', { headers: { cookie: member } })
    ).text();
    expect(page).toMatch(/id="field-shownToProviders" name="shownToProviders" type="checkbox" value="true" checked/);
  });
});
