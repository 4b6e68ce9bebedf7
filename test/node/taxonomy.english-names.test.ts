import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson, signIn } from '../support/auth.ts';
import { plantRound, SOFTWARE } from '../support/demand.ts';
import { createOpenRound, createOrganisation, orgNumber } from '../support/surveys.ts';

/**
 * Reference names in the English interface: SCB's English SSYK names where they exist, Swedish
 * names marked lang="sv" where the reference data has no English one (JobTech's own groups and
 * skills).
 */
let t: TestApp;
const EN = 'lang=en';
/** A JobTech group without an SSYK code in the reference data, hence without an English name. */
const BLASTERS = { id: 'sX9n_CWa_KVC', ssyk: null };
const BLASTERS_SV = 'Bergsprängare';
/** JobTech's merged code 1410 (SSYK 1411 + 1412): SCB's minor group 141 names it in English. */
const SCHOOL_MANAGERS = { id: 'z8di_AqX_GBr', ssyk: '1410' };

beforeEach(async () => {
  t = await createTestApp({ now: new Date('2026-11-28T09:00:00Z') });
});

describe('the English demand page', () => {
  beforeEach(async () => {
    const orgs = ['ea', 'eb', 'ec', 'ed'].map((id) => ({ id }));
    await plantRound(t, { id: 'en-round', opensAt: '2026-03-01T00:00:00.000Z' }, orgs, [
      ...orgs.map((o, i) => ({ org: o.id, headcount: 3 + i, occupation: SOFTWARE })),
      ...orgs.map((o, i) => ({ org: o.id, headcount: 2 + i, occupation: SCHOOL_MANAGERS })),
      ...orgs.map((o, i) => ({ org: o.id, headcount: 1 + i, occupation: BLASTERS })),
    ]);
  });

  it('names occupation groups by SCB\'s English SSYK names, and a group with only a Swedish name in Swedish, marked lang="sv"', async () => {
    const html = await (
      await request(t.app, '/demand?round=en-round&table=ssyk4-horizon', { headers: { cookie: EN } })
    ).text();
    expect(html).toContain('<th scope="row">Software- and system developers</th>');
    expect(html).not.toContain('Mjukvaru- och systemutvecklare');
    expect(html).toContain('<th scope="row">Primary and secondary schools and adult education managers</th>');
    expect(html).toContain(`<th scope="row" lang="sv">${BLASTERS_SV}</th>`);
  });

  it('marks nothing on the Swedish page, where every name is Swedish', async () => {
    const html = await (await request(t.app, '/demand?round=en-round&table=ssyk4-horizon')).text();
    expect(html).toContain('<th scope="row">Mjukvaru- och systemutvecklare m.fl.</th>');
    expect(html).not.toMatch(/<(th|label)[^>]* lang="sv"/);
  });
});

describe('the occupation picker of the English response form', () => {
  let anna: SignedInPerson;
  const form = '/rounds/round-1/responses/org-a';

  beforeEach(async () => {
    await createOrganisation(t, 'org-a', { orgNumber: orgNumber(1) });
    await createOpenRound(t);
    anna = await signIn(t, { memberships: [{ organisationId: 'org-a' }] });
  });

  async function post(fields: [string, string][]) {
    const csrf = await csrfPair(t.app);
    const html = await (await request(t.app, form, { headers: { cookie: cookies(anna.cookie, EN) } })).text();
    const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
    const response = await request(t.app, form, {
      method: 'POST',
      headers: { cookie: cookies(csrf.cookie, anna.cookie, EN), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([
        ['_csrf', csrf.token],
        ['version', hidden('version')],
        ['submissionId', hidden('submissionId')],
        ['needs.0.line', '1'],
        ...fields,
      ]).toString(),
    });
    expect(response.status).toBe(200);
    return response.text();
  }

  it('offers the group by its English name, and a Swedish-only group marked lang="sv"', async () => {
    const found = await post([
      ['needs.0.occupationQuery', 'systemutvecklare'],
      ['action', 'search:0'],
    ]);
    expect(found).toMatch(/<label for="[^"]*">[^<]*Software- and system developers \(2512\)<\/label>/);
    const blasters = await post([
      ['needs.0.occupationQuery', BLASTERS_SV],
      ['action', 'search:0'],
    ]);
    expect(blasters).toMatch(new RegExp(`<label for="[^"]*" lang="sv">[^<]*${BLASTERS_SV}</label>`));
  });

  it('marks the suggested skills, which JobTech names in Swedish only, lang="sv"', async () => {
    const html = await post([
      ['needs.0.occupationId', SOFTWARE.id],
      ['action', 'skills:0'],
    ]);
    const skills = [...html.matchAll(/<label for="field-needs\.0\.skillIds[^"]*"( lang="sv")?>/g)];
    expect(skills.length).toBeGreaterThan(0);
    for (const label of skills) expect(label[1]).toBe(' lang="sv"');
  });
});
