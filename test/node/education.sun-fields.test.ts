import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, signIn } from '../support/auth.ts';
import { createProvider, offeringBody } from '../support/education.ts';
import { json } from '../support/organisations.ts';

/**
 * Issue 15, item 4: offerings take every SUN 2020 field code in the reference data, at any level
 * (data/reference/sun2020_fields.csv holds 377 four-position codes such as 840c), and refuse a code
 * the table does not hold with a 422 naming `sunField`.
 */
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

const create = (body: Record<string, unknown>) =>
  request(t.app, '/api/v1/offerings', { method: 'POST', ...json(body, { cookie: staff }) });
const patch = (id: string, body: Record<string, unknown>) =>
  request(t.app, `/api/v1/offerings/${id}`, { method: 'PATCH', ...json(body, { cookie: staff }) });
const sunFieldErrors = async (response: Response) =>
  ((await response.json()).errors as { path: string }[]).filter((e) => e.path === 'sunField');

describe('SUN 2020 field codes on offerings', () => {
  it('accepts the four-position code 840c on create and names it from the reference data', async () => {
    const created = await create(offeringBody(providerId, { sunField: '840c' }));
    expect(created.status).toBe(201);
    const offering = await created.json();
    expect(offering).toMatchObject({ sunField: '840c', sunFieldName: 'Utbildning för sjöfart' });
    const read = await (await request(t.app, `/api/v1/offerings/${offering.id}`)).json();
    expect(read.sunField).toBe('840c');
    const page = await (await request(t.app, `/education/offerings/${offering.id}`)).text();
    expect(page).toContain('840c Utbildning för sjöfart');
  });

  it('accepts codes of every level: one, two and three digits', async () => {
    for (const [code, name] of [
      ['8', 'Tjänster'],
      ['84', 'Transporttjänster'],
      ['840', 'Transporttjänster'],
    ]) {
      const created = await create(offeringBody(providerId, { sunField: code }));
      expect(created.status, code).toBe(201);
      expect(await created.json(), code).toMatchObject({ sunField: code, sunFieldName: name });
    }
  });

  it('changes an offering to 840c with PATCH, reading an upper-case letter as the code', async () => {
    const offering = await (await create(offeringBody(providerId))).json();
    const changed = await patch(offering.id, { version: 1, sunField: '840C' });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({
      version: 2,
      sunField: '840c',
      sunFieldName: 'Utbildning för sjöfart',
    });
  });

  it('refuses an unknown code such as 84zz with 422 naming sunField, on create and on PATCH', async () => {
    for (const code of ['84zz', '840q', '123', 'sjöfart']) {
      const refused = await create(offeringBody(providerId, { sunField: code }));
      expect(refused.status, code).toBe(422);
      expect(await sunFieldErrors(refused), code).toHaveLength(1);
    }
    expect(await t.deps.db.selectFrom('offerings').select('id').execute()).toEqual([]);
    const offering = await (await create(offeringBody(providerId))).json();
    const refused = await patch(offering.id, { version: 1, sunField: '84zz' });
    expect(refused.status).toBe(422);
    expect(await sunFieldErrors(refused)).toHaveLength(1);
    const read = await (await request(t.app, `/api/v1/offerings/${offering.id}`)).json();
    expect(read).toMatchObject({ version: 1, sunField: '481' });
  });

  it('offers 840c in the offering form, stores it from the form, and re-renders 84zz with the error on the field', async () => {
    const form = await (await request(t.app, '/education/offerings/new', { headers: { cookie: staff } })).text();
    expect(form).toContain('<option value="840c">840c Utbildning för sjöfart</option>');
    const csrf = await csrfPair(t.app);
    const post = (path: string, fields: Record<string, string>) =>
      request(t.app, path, {
        method: 'POST',
        headers: { cookie: cookies(csrf.cookie, staff), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf.token, ...fields }).toString(),
      });
    const fields = {
      providerId,
      name: 'Sjökapten',
      form: 'university-programme',
      sunLevel: '52',
      sunField: '840c',
      occupations: '',
      skills: '',
      annualPlaces: '30',
      annualGraduates: '25',
      municipalityCode: '1080',
      language: 'sv',
      pace: '100',
      startDates: '',
    };
    const bad = await post('/education/offerings/new', { ...fields, sunField: '84zz' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('href="#field-sunField"');
    const ok = await post('/education/offerings/new', fields);
    expect(ok.status).toBe(303);
    const id = new URL(ok.headers.get('location') ?? '', 'http://x').pathname.split('/').pop() ?? '';
    const stored = await (await request(t.app, `/api/v1/offerings/${id}`)).json();
    expect(stored.sunField).toBe('840c');

    const edit = await post(`/education/offerings/${id}/edit`, { ...fields, sunField: '840d', version: '1' });
    expect(edit.status).toBe(303);
    expect((await (await request(t.app, `/api/v1/offerings/${id}`)).json()).sunField).toBe('840d');
  });

  it('re-renders the edit form with 409, the input kept and the stale version named, when someone saved first', async () => {
    const offering = await (await create(offeringBody(providerId))).json();
    expect((await patch(offering.id, { version: 1, name: 'Ändrad av en kollega' })).status).toBe(200);
    const csrf = await csrfPair(t.app);
    const stale = await request(t.app, `/education/offerings/${offering.id}/edit`, {
      method: 'POST',
      headers: { cookie: cookies(csrf.cookie, staff), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: csrf.token,
        ...Object.fromEntries(Object.entries(offeringBody(providerId)).map(([k, v]) => [k, String(v)])),
        name: 'Min version',
        occupations: '',
        skills: '',
        startDates: '',
        version: '1',
      }).toString(),
    });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain('<form');
    expect(html).toContain('value="Min version"');
    expect(html).toContain('Du ändrade version 1, men den sparade är version 2.');
    const read = await (await request(t.app, `/api/v1/offerings/${offering.id}`)).json();
    expect(read).toMatchObject({ version: 2, name: 'Ändrad av en kollega' });
  });

  it('imports 840c from the offering CSV and refuses a file with 84zz, naming the row and sunField', async () => {
    const header = 'name;providerId;form;sunLevel;sunField;annualPlaces;annualGraduates;municipalityCode';
    const upload = async (body: string) => {
      const csrf = await csrfPair(t.app);
      return request(t.app, '/api/v1/offerings/import', {
        method: 'POST',
        headers: { cookie: cookies(staff, csrf.cookie), 'x-csrf-token': csrf.token, 'content-type': 'text/csv' },
        body,
      });
    };
    const refused = await upload(
      [header, `Sjökapten;${providerId};yh;41;840c;30;24;1080`, `Fel;${providerId};yh;41;84zz;30;24;1080`].join('\n'),
    );
    expect(refused.status).toBe(422);
    expect((await refused.json()).errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [3, 'sunField'],
    ]);
    expect(await t.deps.db.selectFrom('offerings').select('id').execute()).toEqual([]);
    const imported = await upload([header, `Sjökapten;${providerId};yh;41;840c;30;24;1080`].join('\n'));
    expect(imported.status).toBe(201);
    const list = await (await request(t.app, `/api/v1/offerings?provider=${providerId}`)).json();
    expect(list.items.map((o: { sunField: string }) => o.sunField)).toEqual(['840c']);
  });
});
