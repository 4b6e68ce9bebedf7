import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson, signIn, signInSecretariat } from '../support/auth.ts';
import { api, KARLSKRONA, OCC, organisationWithMember, placementBody, publish, SKILL } from '../support/placements.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ now: new Date('2026-11-28T09:00:00Z') });
});

/** The edit form's fields as a browser posts them, for placementBody's placement at `version`. */
function formFields(version: string, overrides: Record<string, string> = {}): [string, string][] {
  const fields: Record<string, string> = {
    version,
    kind: 'lia',
    title: 'LIA i mjukvaruutveckling',
    description: 'Du utvecklar webbtjänster i Python tillsammans med vårt team.',
    occupationId: OCC.software,
    skillIds: SKILL.python,
    municipalityCode: KARLSKRONA,
    periodStart: '2027-03-01',
    periodEnd: '2027-05-31',
    places: '2',
    applyBy: '2027-01-31',
    language: 'sv',
    requirements: '',
    contact: 'lia@example.se',
    ...overrides,
  };
  return [...Object.entries(fields), ['specialisations', 'tech']];
}

async function post(who: SignedInPerson | undefined, path: string, fields: [string, string][] = []) {
  const csrf = await csrfPair(t.app);
  return request(t.app, path, {
    method: 'POST',
    headers: { cookie: cookies(csrf.cookie, who?.cookie), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams([['_csrf', csrf.token], ...fields]).toString(),
  });
}

const get = (who: SignedInPerson | undefined, path: string, lang = 'sv') =>
  request(t.app, path, { headers: { cookie: cookies(who?.cookie, `lang=${lang}`) } });

async function stored(id: string) {
  return (await (await api(t, 'GET', `/api/v1/placements/${id}`)).json()) as Record<string, unknown>;
}

async function world() {
  const { org, member } = await organisationWithMember(t);
  const placement = await publish(t, member, placementBody(org.id));
  const editPath = `/organisations/${org.id}/placements/${placement.id}/edit`;
  return { org, member, placement, editPath };
}

describe('the placement edit page', () => {
  it("is linked from each row of the organisation's list and shows the placement with its version", async () => {
    const w = await world();
    const list = await (await get(w.member, `/organisations/${w.org.id}/placements`)).text();
    expect(list).toContain(`href="${w.editPath}"`);
    const page = await get(w.member, w.editPath);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('value="LIA i mjukvaruutveckling"');
    expect(html).toMatch(/<input type="hidden" name="version" value="1">/);
    expect(html).toMatch(/<option value="lia" selected>/);
    expect(html).toContain(`action="/organisations/${w.org.id}/placements/${w.placement.id}/withdraw"`);
  });

  it('saves a change at the version read and returns to the list with a notice, keeping API-set focus areas', async () => {
    const w = await world();
    const response = await post(w.member, w.editPath, formFields('1', { title: 'LIA i Python och CAD', paid: 'true' }));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/organisations/${w.org.id}/placements?updated=1`);
    const list = await (await get(w.member, response.headers.get('location') ?? '')).text();
    expect(list).toContain('Platsen är sparad.');
    expect(list).toContain('LIA i Python och CAD');
    expect(await stored(w.placement.id)).toMatchObject({
      title: 'LIA i Python och CAD',
      paid: true,
      version: 2,
      specialisations: [{ code: 'tech', focusAreas: ['mjukvaruutveckling'] }],
    });
  });

  it('re-renders the form with 422 and each message at its field for bad input, changing nothing', async () => {
    const w = await world();
    const response = await post(
      w.member,
      w.editPath,
      formFields('1', {
        title: 'x',
        occupationId: '',
        skillIds: `${SKILL.python}, not-a-skill`,
        periodStart: '2027-06-01',
        places: 'many',
      }),
    );
    expect(response.status).toBe(422);
    const html = await response.text();
    for (const field of ['title', 'occupationId', 'places'])
      expect(html, field).toContain(`<a href="#field-${field}">`);
    expect(html).toContain('Välj ett yrke.');
    expect(html).toContain('value="x"');
    expect(await stored(w.placement.id)).toMatchObject({ title: 'LIA i mjukvaruutveckling', version: 1 });

    const unknownSkill = await post(w.member, w.editPath, formFields('1', { skillIds: `${SKILL.python}, nope` }));
    expect(unknownSkill.status).toBe(422);
    expect(await unknownSkill.text()).toContain('<a href="#field-skillIds">');
    const period = await post(w.member, w.editPath, formFields('1', { periodEnd: '2027-02-01' }));
    expect(period.status).toBe(422);
    expect(await period.text()).toContain('<a href="#field-periodEnd">');
    expect((await post(w.member, w.editPath)).status).toBe(422);
    expect(await stored(w.placement.id)).toMatchObject({ version: 1 });
  });

  it('answers a stale version with 409, the input kept and the saved values named; the next save lands', async () => {
    const w = await world();
    const colleague = await api(t, 'PATCH', `/api/v1/placements/${w.placement.id}`, w.member, {
      version: 1,
      title: 'Ändrad av en kollega',
    });
    expect(colleague.status).toBe(200);
    const mine = formFields('1', { title: 'Min rubrik', contact: 'ny@example.se' });
    const response = await post(w.member, w.editPath, mine);
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toContain('Platsen har ändrats av någon annan');
    expect(html).toContain('value="Min rubrik"');
    expect(html).toContain('value="ny@example.se"');
    expect(html).toContain('<dd>Ändrad av en kollega</dd>');
    expect(html).toContain('<dd>lia@example.se</dd>');
    expect(html).toMatch(/<input type="hidden" name="version" value="2">/);
    expect(await stored(w.placement.id)).toMatchObject({ title: 'Ändrad av en kollega', version: 2 });

    const again = await post(w.member, w.editPath, formFields('2', { title: 'Min rubrik', contact: 'ny@example.se' }));
    expect(again.status).toBe(303);
    expect(await stored(w.placement.id)).toMatchObject({ title: 'Min rubrik', contact: 'ny@example.se', version: 3 });
  });

  it('names a saved date that differs as running text reads it, not as an ISO date', async () => {
    const w = await world();
    const colleague = await api(t, 'PATCH', `/api/v1/placements/${w.placement.id}`, w.member, {
      version: 1,
      applyBy: '2027-01-15',
    });
    expect(colleague.status).toBe(200);
    const response = await post(w.member, w.editPath, formFields('1', { title: 'Min rubrik' }));
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('<dd>15 januari 2027</dd>');
  });

  it('treats a missing or garbled version as stale rather than overwriting', async () => {
    const w = await world();
    const response = await post(w.member, w.editPath, formFields('abc', { title: 'Utan version' }));
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('value="Utan version"');
    expect(await stored(w.placement.id)).toMatchObject({ title: 'LIA i mjukvaruutveckling', version: 1 });
  });

  it('is open to members of the organisation and the secretariat; others get what the API gives them', async () => {
    const w = await world();
    const { org: otherOrg, member: outsider } = await organisationWithMember(t);
    const theirs = await publish(t, outsider, placementBody(otherOrg.id, { title: 'Hos någon annan' }));
    const admin = await signInSecretariat(t);
    const studentPerson = await signIn(t, { roles: ['student'] });
    expect((await get(admin, w.editPath)).status).toBe(200);
    for (const who of [outsider, studentPerson]) {
      expect((await get(who, w.editPath)).status).toBe(404);
      expect((await post(who, w.editPath, formFields('1', { title: 'Kapad' }))).status).toBe(404);
      expect((await post(who, w.editPath.replace('/edit', '/withdraw'))).status).toBe(404);
      expect((await api(t, 'PATCH', `/api/v1/placements/${w.placement.id}`, who, { version: 1 })).status).toBe(404);
    }
    const anonymous = await get(undefined, w.editPath);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/sign-in\?next=/);
    // Another organisation's placement under this organisation's address, and unknown ids.
    expect((await get(w.member, `/organisations/${w.org.id}/placements/${theirs.id}/edit`)).status).toBe(404);
    expect((await get(w.member, `/organisations/${w.org.id}/placements/nope/edit`)).status).toBe(404);
    expect((await get(w.member, `/organisations/${w.org.id}/placements/${'x'.repeat(200)}/edit`)).status).toBe(422);
    expect(await stored(w.placement.id)).toMatchObject({ title: 'LIA i mjukvaruutveckling', version: 1 });
    expect(await stored(theirs.id)).toMatchObject({ title: 'Hos någon annan', version: 1 });
  });

  it('withdraws the placement from its page: it leaves the lists and its edit page is gone', async () => {
    const w = await world();
    const response = await post(w.member, w.editPath.replace('/edit', '/withdraw'));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/organisations/${w.org.id}/placements?withdrawn=1`);
    const list = await (await get(w.member, response.headers.get('location') ?? '')).text();
    expect(list).toContain('Platsen är tillbakadragen.');
    expect(list).not.toContain(w.editPath);
    expect((await api(t, 'GET', `/api/v1/placements/${w.placement.id}`)).status).toBe(404);
    expect((await get(w.member, w.editPath)).status).toBe(404);
    expect((await post(w.member, w.editPath, formFields('2'))).status).toBe(404);
  });

  it('speaks English to an English reader, with no message key in place of a text', async () => {
    const w = await world();
    const html = await (await get(w.member, w.editPath, 'en')).text();
    expect(html).toContain('Edit the placement: LIA i mjukvaruutveckling');
    expect(html).toContain('Withdraw the placement');
    expect(html.match(/placement\.[a-z]+\.[a-zA-Z.]+/g) ?? []).toEqual([]);
  });
});
