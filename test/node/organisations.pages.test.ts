import { beforeEach, describe, expect, it } from 'vitest';
import { en, sv } from '../../src/messages.ts';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson, signIn, signInSecretariat } from '../support/auth.ts';
import { createOrganisation, nextOrgNumber } from '../support/organisations.ts';

let t: TestApp;
let admin: SignedInPerson;
let csrf: { cookie: string; token: string };
beforeEach(async () => {
  t = await createTestApp();
  admin = await signInSecretariat(t);
  csrf = await csrfPair(t.app);
});

const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/'/g, '&#x27;').replace(/"/g, '&quot;');
const page = (path: string, person = admin, headers: Record<string, string> = {}) =>
  request(t.app, path, { headers: { cookie: person.cookie, ...headers } });
function postForm(path: string, fields: Record<string, string>, person = admin) {
  return request(t.app, path, {
    method: 'POST',
    headers: { cookie: cookies(person.cookie, csrf.cookie), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf.token, ...fields }),
  });
}
const validForm = (overrides: Record<string, string> = {}) => ({
  name: 'Nya Varvet AB',
  orgNumber: nextOrgNumber(),
  sector: 'naringsliv',
  sniDivision: '30',
  sizeClass: '50-249',
  municipalityCode: '1080',
  ...overrides,
});

describe('/admin/organisations', () => {
  it('lists organisations with search and filters kept in the address, and pages through them', async () => {
    for (let i = 0; i < 3; i++) await createOrganisation(t, { name: `Varv ${i} AB`, municipalityCode: '1081' });
    await createOrganisation(t, { name: 'Annat AB', municipalityCode: '1080' });
    const html = await (await page('/admin/organisations?q=varv&municipality=1081&sector=&limit=2')).text();
    expect(html).toContain('Varv 0 AB');
    expect(html).toContain('Varv 1 AB');
    expect(html).not.toContain('Varv 2 AB');
    expect(html).not.toContain('Annat AB');
    expect(html).toMatch(/<input id="field-q" name="q" type="search" value="varv"/);
    expect(html).toMatch(/<option value="1081" selected>/);
    const next =
      /<a href="([^"]+)" rel="next">/
        .exec(html)?.[1]
        ?.replace(/&amp;/g, '&')
        .replace(/&#x3D;/g, '=') ?? '';
    expect(next).toMatch(/q=varv/);
    expect(next).toMatch(/municipality=1081/);
    const second = await (await page(next)).text();
    expect(second).toContain('Varv 2 AB');
    expect(second).toMatch(/rel="prev"/);
    expect(second).not.toMatch(/rel="next"/);
  });

  it('has an Organisationer link in the nav for the secretariat only', async () => {
    expect(await (await page('/')).text()).toContain('href="/admin/organisations"');
    const member = await signIn(t);
    expect(await (await page('/', member)).text()).not.toContain('href="/admin/organisations"');
  });

  it('speaks English when asked', async () => {
    const html = await (await page('/admin/organisations', admin, { 'accept-language': 'en' })).text();
    expect(html).toContain(`<h1>${en['organisation.list.title']}</h1>`);
  });
});

describe('/admin/organisations/new', () => {
  it('shows a labelled form with a CSRF token', async () => {
    const html = await (await page('/admin/organisations/new')).text();
    for (const name of [
      'name',
      'orgNumber',
      'sector',
      'sniDivision',
      'sizeClass',
      'municipalityCode',
      'isEducationProvider',
    ]) {
      expect(html, name).toContain(`for="field-${name}"`);
      expect(html, name).toContain(`id="field-${name}"`);
    }
    expect(html).toMatch(/name="_csrf" value="[\w-]{43}"/);
  });

  it('creates the organisation and redirects (303) to its page, which says so', async () => {
    const response = await postForm('/admin/organisations/new', validForm({ isEducationProvider: 'true' }));
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^\/admin\/organisations\/[\w-]+\?created=1$/);
    const html = await (await page(location)).text();
    expect(html).toContain(escaped(sv['organisation.created']));
    expect(html).toContain('Nya Varvet AB');
    const stored = await t.deps.db.selectFrom('organisations').selectAll().executeTakeFirstOrThrow();
    expect(stored.is_education_provider).toBe(1);
  });

  it('re-renders with 422, an error summary linked to each field and the input kept', async () => {
    const response = await postForm(
      '/admin/organisations/new',
      validForm({ name: 'Kvar AB', orgNumber: '556036-0794', sector: '' }),
    );
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain(escaped(sv['form.errorSummary.title']));
    expect(html).toContain(`<a href="#field-orgNumber">${escaped(sv['validation.orgNumber.checkDigit'])}</a>`);
    expect(html).toContain(`<a href="#field-sector">${escaped(sv['validation.sector.invalid'])}</a>`);
    expect(html).toContain('value="Kvar AB"');
    expect(html).toContain('value="556036-0794"');
    expect(html).toMatch(/id="field-orgNumber"[^>]*aria-invalid="true"/s);
    expect(await t.deps.db.selectFrom('organisations').selectAll().execute()).toEqual([]);
  });

  it('shows a duplicate org number in the form (409), naming it', async () => {
    const existing = await createOrganisation(t);
    const response = await postForm('/admin/organisations/new', validForm({ orgNumber: existing.orgNumber }));
    expect(response.status).toBe(409);
    expect(await response.text()).toContain(`<a href="#field-orgNumber">`);
  });
});

describe('/admin/organisations/{id}', () => {
  it('edits with the version in a hidden field, then redirects to a saved page', async () => {
    const org = await createOrganisation(t, { name: 'Före AB' });
    const form = await (await page(`/admin/organisations/${org.id}`)).text();
    expect(form).toContain('<input type="hidden" name="version" value="1">');
    const response = await postForm(
      `/admin/organisations/${org.id}`,
      validForm({ name: 'Efter AB', orgNumber: org.orgNumber, version: '1' }),
    );
    expect(response.status).toBe(303);
    const html = await (await page(response.headers.get('location') ?? '')).text();
    expect(html).toContain(escaped(sv['organisation.saved']));
    expect(html).toContain('Efter AB');
  });

  it('on a stale save says someone else changed it, shows what is stored and keeps the input', async () => {
    const org = await createOrganisation(t, { name: 'Original AB' });
    await postForm(
      `/admin/organisations/${org.id}`,
      validForm({ name: 'Kollegans AB', orgNumber: org.orgNumber, version: '1' }),
    );
    const stale = await postForm(
      `/admin/organisations/${org.id}`,
      validForm({ name: 'Mitt AB', orgNumber: org.orgNumber, version: '1' }),
    );
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain(escaped(sv['organisation.conflict.title']));
    expect(html).toContain('<h1>Kollegans AB</h1>');
    expect(html).toContain('value="Mitt AB"');
    expect(html).toContain('<input type="hidden" name="version" value="2">');
    const stored = await t.deps.db
      .selectFrom('organisations')
      .select('name')
      .where('id', '=', org.id)
      .executeTakeFirst();
    expect(stored?.name).toBe('Kollegans AB');
  });
});

describe('/admin/organisations/import', () => {
  const HEADER = 'name;orgNumber;sector;sniDivision;sizeClass;municipalityCode;isEducationProvider';
  function upload(csv: string | null) {
    const form = new FormData();
    form.set('_csrf', csrf.token);
    if (csv !== null) form.set('file', new File([csv], 'organisationer.csv', { type: 'text/csv' }));
    return request(t.app, '/admin/organisations/import', {
      method: 'POST',
      headers: { cookie: cookies(admin.cookie, csrf.cookie) },
      body: form,
    });
  }

  it('offers a labelled file upload and explains the columns', async () => {
    const html = await (await page('/admin/organisations/import')).text();
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('<label for="field-file">');
    expect(html).toContain('<code>municipalityCode</code>');
  });

  it('shows the row-by-row report (422) and stores nothing; the corrected file imports and redirects', async () => {
    const bad = [
      HEADER,
      `Ett AB;${nextOrgNumber()};naringsliv;62;1-9;1080;nej`,
      'Två AB;556036-0794;naringsliv;62;1-9;1080;nej',
    ];
    const refused = await upload(bad.join('\n'));
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toMatch(/<td class="num">3<\/td><td><code>orgNumber<\/code><\/td><td>[^<]*kontrollsiffran/i);
    expect(await t.deps.db.selectFrom('organisations').selectAll().execute()).toEqual([]);

    bad[2] = 'Två AB;556036-0793;naringsliv;62;1-9;1080;nej';
    const accepted = await upload(bad.join('\n'));
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe('/admin/organisations?imported=2');
    const list = await (await page('/admin/organisations?imported=2')).text();
    expect(list).toContain(escaped(sv['organisation.list.imported'].replace('{count}', '2')));
  });

  it('asks for a file when none is chosen', async () => {
    const response = await upload(null);
    expect(response.status).toBe(422);
    expect(await response.text()).toContain(`<a href="#field-file">${escaped(sv['import.error.noFile'])}</a>`);
  });
});

describe('/organisations/{id}', () => {
  it('shows its members the organisation, their colleagues, pending invitations and an invite form', async () => {
    const org = await createOrganisation(t, { name: 'Vårt AB' });
    const me = await signIn(t, { name: 'Mia Medlem', memberships: [{ organisationId: org.id }] });
    await signIn(t, { name: 'Kim Kollega', memberships: [{ organisationId: org.id }] });
    const invited = await postForm(
      `/organisations/${org.id}/invitations`,
      { email: 'ny@example.se', role: 'member' },
      me,
    );
    expect(invited.status).toBe(303);
    expect(invited.headers.get('location')).toBe(`/organisations/${org.id}?invited=1`);
    const html = await (await page(invited.headers.get('location') ?? '', me)).text();
    expect(html).toContain('<h1>Vårt AB</h1>');
    expect(html).toContain('Kim Kollega');
    expect(html).toContain('ny@example.se');
    expect(html).toContain(escaped(sv['invitation.sent']));
    expect(html).toContain(`action="/organisations/${org.id}/invitations"`);
  });

  it('keeps the typed address and links the error (422) when it is not an address', async () => {
    const org = await createOrganisation(t);
    const me = await signIn(t, { memberships: [{ organisationId: org.id }] });
    const response = await postForm(
      `/organisations/${org.id}/invitations`,
      { email: 'inte-en-adress', role: 'member' },
      me,
    );
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain(`<a href="#field-email">${escaped(sv['validation.email.invalid'])}</a>`);
    expect(html).toContain('value="inte-en-adress"');
  });

  it('revokes a pending invitation from the page', async () => {
    const org = await createOrganisation(t);
    const me = await signIn(t, { memberships: [{ organisationId: org.id }] });
    await postForm(`/organisations/${org.id}/invitations`, { email: 'bort@example.se', role: 'member' }, me);
    const html = await (await page(`/organisations/${org.id}`, me)).text();
    const action = /action="(\/organisations\/[^"]+\/revoke)"/.exec(html)?.[1] ?? '';
    const response = await postForm(action, {}, me);
    expect(response.status).toBe(303);
    const after = await (await page(response.headers.get('location') ?? '', me)).text();
    expect(after).toContain(escaped(sv['invitation.revoked']));
    expect(after).not.toContain('bort@example.se');
  });
});
