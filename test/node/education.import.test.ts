import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, signIn } from '../support/auth.ts';
import { createProvider } from '../support/education.ts';

let t: TestApp;
let providerId: string;
let staff: string;

beforeEach(async () => {
  t = await createTestApp();
  providerId = (await createProvider(t)).id;
  staff = cookies((await signIn(t, { memberships: [{ organisationId: providerId, role: 'provider' }] })).cookie);
});
afterEach(async () => {
  await t.database.close();
});

const header =
  'name;providerId;form;sunLevel;sunField;occupations;skills;annualPlaces;annualGraduates;municipalityCode;distance;language;pace;startDates;url';
/** A browser-made CSV upload carries the double-submit CSRF token in its header. */
const post = async (body: string) => {
  const csrf = await csrfPair(t.app);
  return request(t.app, '/api/v1/offerings/import', {
    method: 'POST',
    headers: { cookie: cookies(staff, csrf.cookie), 'x-csrf-token': csrf.token, 'content-type': 'text/csv' },
    body,
  });
};

describe('offerings CSV import', () => {
  it('stores every row of a good file, with occupations by SSYK code and skills by label', async () => {
    const csv = [
      header,
      `Svetstekniker;${providerId};yh;41;521;7212;Påläggssvetsning|Olegerat stål, materialkunskap svets;30;24;1060;nej;sv;100;2027-08-23|2028-01-15;https://example.se/svets`,
      `Systemutvecklare;${providerId};yh;41;481;2512;;40;32;;ja;sv;50;;`,
    ].join('\n');
    const response = await post(csv);
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ imported: 2 });
    const list = await (await request(t.app, `/api/v1/offerings?provider=${providerId}`)).json();
    const welder = list.items.find((o: { name: string }) => o.name === 'Svetstekniker');
    expect(welder).toMatchObject({ occupationIds: ['wQ1E_Bzk_ZyA'], startDates: ['2027-08-23', '2028-01-15'] });
    expect(welder.skills.map((s: { label: string }) => s.label).sort()).toEqual([
      'Olegerat stål, materialkunskap svets',
      'Påläggssvetsning',
    ]);
    expect(list.items.find((o: { name: string }) => o.name === 'Systemutvecklare')).toMatchObject({
      distance: true,
      municipalityCode: null,
      pace: 50,
    });
  });

  it('refuses the whole file with a row-by-row report when any row is bad', async () => {
    const other = await createProvider(t, { name: 'Annan skola' });
    const csv = [
      header,
      `Bra rad;${providerId};yh;41;521;7212;;30;24;1060;nej;sv;100;;`,
      `Fel nivå;${providerId};yh;99;521;7212;;30;24;1060;nej;sv;100;;`,
      `Okänt yrke;${providerId};yh;41;521;0000;;30;;1060;nej;sv;100;;`,
      `Fel anordnare;${other.id};yh;41;521;7212;;30;24;1060;nej;sv;100;;`,
    ].join('\n');
    const response = await post(csv);
    expect(response.status).toBe(422);
    const problems = (await response.json()).errors.map((e: { row: number; field: string }) => [e.row, e.field]);
    expect(problems).toEqual([
      [3, 'sunLevel'],
      [4, 'annualGraduates'],
      [5, 'providerId'],
    ]);
    expect(await t.deps.db.selectFrom('offerings').select('id').execute()).toEqual([]);
  });
});
