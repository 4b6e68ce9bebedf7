import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson, signIn, signInSecretariat } from '../support/auth.ts';
import { addContact, answers, createRound, outbox, send, submit } from '../support/rounds.ts';
import { createOrganisation, need, orgNumber } from '../support/surveys.ts';

let t: TestApp;
let admin: SignedInPerson;
let csrf: { cookie: string; token: string };

beforeEach(async () => {
  t = await createTestApp({ now: new Date('2026-11-28T09:00:00Z') });
  admin = await signInSecretariat(t);
  csrf = await csrfPair(t.app);
  await createOrganisation(t, 'org-a', { orgNumber: orgNumber(1) });
  await createOrganisation(t, 'org-b', { orgNumber: orgNumber(2), sector: 'offentlig', sizeClass: '250+' });
  await createOrganisation(t, 'org-c', { orgNumber: orgNumber(3), municipality: '1082' });
});

const page = (path: string, who = admin, lang?: string) =>
  request(t.app, path, { headers: { cookie: cookies(who.cookie, lang ? `lang=${lang}` : undefined) } });
function postForm(path: string, fields: Record<string, string | string[]>, who = admin) {
  const body = new URLSearchParams({ _csrf: csrf.token });
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  return request(t.app, path, {
    method: 'POST',
    headers: { cookie: cookies(who.cookie, csrf.cookie), 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}
function postFile(path: string, csv: string) {
  const body = new FormData();
  body.set('_csrf', csrf.token);
  body.set('file', new File([csv], 'svar.csv', { type: 'text/csv' }));
  return request(t.app, path, { method: 'POST', headers: { cookie: cookies(admin.cookie, csrf.cookie) }, body });
}
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const form = {
  name: 'Kompetensbehov 2027',
  period: '2027',
  opensDate: '2027-02-01',
  opensTime: '08:00',
  closesDate: '2027-06-15',
  closesTime: '17:00',
};

describe('/admin/rounds/new', () => {
  it('creates a draft from Swedish local times and the target checkboxes, then shows it (303)', async () => {
    const response = await postForm('/admin/rounds/new', {
      ...form,
      sectors: ['naringsliv', 'offentlig'],
      sizeClasses: '250+',
      municipalities: ['1080', '1081'],
      sniSections: 'J',
    });
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^\/admin\/rounds\/[\w-]+\?notice=created$/);
    const stored = await t.deps.db.selectFrom('rounds').selectAll().executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      name: 'Kompetensbehov 2027',
      status: 'draft',
      opens_at: '2027-02-01T07:00:00.000Z',
      closes_at: '2027-06-15T15:00:00.000Z',
    });
    expect(JSON.parse(stored.target)).toEqual({
      sectors: ['naringsliv', 'offentlig'],
      sizeClasses: ['250+'],
      municipalities: ['1080', '1081'],
      sniSections: ['J'],
    });
    const html = text(await (await page(location)).text());
    expect(html).toContain('Omgången är skapad som utkast');
    expect(html).toContain('1 februari 2027 kl. 08:00');
    expect(html).toContain('Sektor: Näringsliv, Offentlig sektor');
    expect(html).toContain('Öppna omgången och skicka inbjudningar');
  });

  it('re-renders with 422, an error summary linked to each field and the input kept', async () => {
    const response = await postForm('/admin/rounds/new', {
      ...form,
      name: '',
      opensDate: '2027-02-30',
      closesDate: '2027-01-01',
      sectors: 'rymden',
    });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('data-error-summary');
    for (const field of ['name', 'opensDate', 'sectors']) expect(html).toContain(`href="#field-${field}"`);
    expect(html).toMatch(/id="field-opensDate"[^>]*value="2027-02-30"/s);
    expect(html).toContain('Ange ett riktigt datum');
    expect(await t.deps.db.selectFrom('rounds').selectAll().execute()).toEqual([]);
  });

  it('refuses a round that closes before it opens, at the closing date', async () => {
    const response = await postForm('/admin/rounds/new', { ...form, closesDate: '2027-01-15' });
    expect(response.status).toBe(422);
    expect(await response.text()).toMatch(/href="#field-closesDate">Omgången måste stänga efter att den öppnar/);
  });

  it('starts from sensible times and lists the region’s municipalities first', async () => {
    const html = await (await page('/admin/rounds/new')).text();
    expect(html).toMatch(/id="field-opensDate"[^>]*value="2026-11-29"/s);
    expect(html).toMatch(/id="field-closesTime"[^>]*value="17:00"/s);
    expect(html.indexOf('Karlskrona (1080)')).toBeLessThan(html.indexOf('Stockholm (0180)'));
  });
});

describe('/admin/rounds/:id', () => {
  async function openedRound() {
    const id = await createRound(t, admin, { target: { municipalities: ['1080'] } });
    await addContact(t, 'org-a', 'Anna');
    const response = await postForm(`/admin/rounds/${id}/open`, {});
    expect(response.status).toBe(303);
    return { id, location: response.headers.get('location') ?? '' };
  }

  it('opens the round with a confirmation, invites by mail and says how it went', async () => {
    const draft = await createRound(t, admin, { target: { municipalities: ['1080'] } });
    expect(await (await page(`/admin/rounds/${draft}`)).text()).toMatch(/data-confirm="Öppna omgången\?/);
    await addContact(t, 'org-a', 'Anna');
    const response = await postForm(`/admin/rounds/${draft}/open`, {});
    expect(response.status).toBe(303);
    const html = text(await (await page(response.headers.get('location') ?? '')).text());
    expect(html).toContain(
      'Omgången är öppen. Vi har skickat 1 inbjudningar via e-post till kontaktpersoner i 1 organisationer.',
    );
    expect(html).toContain('1 organisationer i målgruppen har ingen kontaktperson');
    expect(await outbox(t, 'round-invitation')).toHaveLength(1);
  });

  it('shows response rates by every dimension, non-responders with contacts and links to responses', async () => {
    const { id } = await openedRound();
    const member = await signIn(t, { memberships: [{ organisationId: 'org-b' }] });
    await submit(t, member, id, 'org-b', { organisation: answers, needs: [need()] });
    const html = await (await page(`/admin/rounds/${id}`)).text();
    const plain = text(html);
    expect(plain).toContain('Totalt har 1 av 2 organisationer svarat (50 %)');
    for (const caption of ['sektor', 'storlek', 'kommun', 'bransch (SNI-avdelning)']) {
      expect(plain).toContain(`Svarsfrekvens per ${caption}`);
    }
    expect(plain).toMatch(/Offentlig sektor 1 1 100 %/);
    expect(plain).toContain('Anna &lt;kontakt');
    expect(html).toContain(`href="/rounds/${id}/responses/org-b"`);
    expect(html).toContain(`href="/api/v1/rounds/${id}/responses.csv"`);
    expect(html).toContain('enctype="multipart/form-data"');
  });

  it('sends reminders and closes, each after a post that redirects (303)', async () => {
    const { id } = await openedRound();
    const reminded = await postForm(`/admin/rounds/${id}/reminders`, {});
    expect(reminded.status).toBe(303);
    expect(text(await (await page(reminded.headers.get('location') ?? '')).text())).toContain(
      'Vi har skickat 1 påminnelser via e-post till kontaktpersoner i 1 organisationer.',
    );
    const closed = await postForm(`/admin/rounds/${id}/close`, {});
    expect(closed.status).toBe(303);
    const html = text(await (await page(closed.headers.get('location') ?? '')).text());
    expect(html).toContain('Omgången är stängd och svaren är låsta.');
    expect(html).toContain('Svar kan bara importeras medan omgången är öppen.');
  });

  it('shows the import report row by row with 422, and imports a good file (303)', async () => {
    const { id } = await openedRound();
    const header = 'orgNumber,occupationId,specialisations,headcount,horizon,educationLevel,difficulty';
    const bad = await postFile(
      `/admin/rounds/${id}/import`,
      `${header}\n${orgNumber(1)},DJh5_yyF_hEM,tech,0,1-3,bachelor,3\n`,
    );
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('id="report"');
    expect(text(html)).toMatch(/2 headcount Ange antal personer/);
    const good = await postFile(
      `/admin/rounds/${id}/import`,
      `${header}\n${orgNumber(1)},DJh5_yyF_hEM,tech,2,1-3,bachelor,3\n`,
    );
    expect(good.status).toBe(303);
    expect(text(await (await page(good.headers.get('location') ?? '')).text())).toContain(
      '1 svar importerades och skickades in.',
    );
    const none = await postForm(`/admin/rounds/${id}/import`, {});
    expect(none.status).toBe(422);
  });

  it('speaks English to an English reader', async () => {
    const { id } = await openedRound();
    const html = text(await (await page(`/admin/rounds/${id}`, admin, 'en')).text());
    expect(html).toContain('Response rate by municipality');
    expect(html).toContain('Remind those who have not answered');
    const list = text(await (await page('/admin/rounds', admin, 'en')).text());
    expect(list).toContain('Survey rounds');
    expect(list).toContain('0 of 2 (0 %)');
  });
});

describe('/admin/rounds', () => {
  it('lists every round with its status and response rate, and the administration page links to it', async () => {
    const id = await createRound(t, admin, { name: 'Våren 2027' });
    await send(t, 'POST', `/api/v1/rounds/${id}/open`, admin);
    await createRound(t, admin, { name: 'Hösten 2027' });
    const html = text(await (await page('/admin/rounds')).text());
    expect(html).toContain('Våren 2027');
    expect(html).toContain('Hösten 2027');
    expect(html).toContain('0 av 3 (0 %)');
    expect(html).toContain('Ingen målgrupp än');
    expect(await (await page('/admin')).text()).toContain('href="/admin/rounds"');
  });

  it('is for the secretariat: a member gets 403 and no content', async () => {
    const member = await signIn(t, { memberships: [{ organisationId: 'org-a' }] });
    const id = await createRound(t, admin);
    for (const path of ['/admin/rounds', '/admin/rounds/new', `/admin/rounds/${id}`]) {
      const response = await page(path, member);
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain('Kompetensbehov 2027');
    }
    expect((await postForm(`/admin/rounds/${id}/open`, {}, member)).status).toBe(403);
    expect((await t.deps.db.selectFrom('rounds').select('status').executeTakeFirstOrThrow()).status).toBe('draft');
  });
});
