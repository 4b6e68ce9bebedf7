import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { plantRound, WELDER } from '../support/demand.ts';
import {
  api,
  KARLSKRONA,
  OCC,
  organisationWithMember,
  placementBody,
  publish,
  RONNEBY,
  SKILL,
} from '../support/placements.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ now: new Date('2026-11-28T09:00:00Z') });
});

describe('publishing placements', () => {
  it('lets a member publish a placement for the organisation and reads it back publicly', async () => {
    const { org, member } = await organisationWithMember(t);
    const created = await publish(t, member, placementBody(org.id));
    expect(created).toMatchObject({
      kind: 'lia',
      organisationId: org.id,
      skillIds: [SKILL.python],
      open: true,
      version: 1,
    });
    const read = await api(t, 'GET', `/api/v1/placements/${created.id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({
      title: 'LIA i mjukvaruutveckling',
      specialisations: [{ code: 'tech', focusAreas: ['mjukvaruutveckling'] }],
      municipalityName: 'Karlskrona kommun',
    });
  });

  it('refuses unknown reference ids with a 422 naming each bad path', async () => {
    const { org, member } = await organisationWithMember(t);
    const response = await api(
      t,
      'POST',
      '/api/v1/placements',
      member,
      placementBody(org.id, {
        occupationId: 'nope',
        skillIds: [SKILL.python, 'bad-skill'],
        specialisations: [{ code: 'tech', focusAreas: ['friska-hav'] }],
        municipalityCode: '9999',
      }),
    );
    expect(response.status).toBe(422);
    const paths = ((await response.json()) as { errors: { path: string }[] }).errors.map((e) => e.path).sort();
    expect(paths).toEqual(['municipalityCode', 'occupationId', 'skillIds.1', 'specialisations.0.focusAreas.0']);
  });

  it('refuses a period that ends before it starts', async () => {
    const { org, member } = await organisationWithMember(t);
    const response = await api(
      t,
      'POST',
      '/api/v1/placements',
      member,
      placementBody(org.id, { periodStart: '2027-05-01', periodEnd: '2027-04-01' }),
    );
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toContain('periodEnd');
  });

  it('does not let a member of another organisation publish for it', async () => {
    const { org } = await organisationWithMember(t);
    const { member: other } = await organisationWithMember(t);
    const response = await api(t, 'POST', '/api/v1/placements', other, placementBody(org.id));
    expect(response.status).toBe(404);
    expect(await t.deps.db.selectFrom('placements').select('id').execute()).toEqual([]);
  });

  it('changes a placement at the version read and refuses a stale version with 409, changing nothing', async () => {
    const { org, member } = await organisationWithMember(t);
    const created = await publish(t, member, placementBody(org.id));
    const first = await api(t, 'PATCH', `/api/v1/placements/${created.id}`, member, {
      version: 1,
      title: 'LIA i Python och CAD',
      skillIds: [SKILL.python, SKILL.cad],
    });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ version: 2, skillIds: [SKILL.cad, SKILL.python].sort(), remote: false });
    const stale = await api(t, 'PATCH', `/api/v1/placements/${created.id}`, member, { version: 1, title: 'Gammal' });
    expect(stale.status).toBe(409);
    const read = (await (await api(t, 'GET', `/api/v1/placements/${created.id}`)).json()) as Record<string, unknown>;
    expect(read).toMatchObject({ title: 'LIA i Python och CAD', version: 2 });
  });

  it('lets only the organisation withdraw a placement, which then leaves the public list', async () => {
    const { org, member } = await organisationWithMember(t);
    const { member: other } = await organisationWithMember(t);
    const created = await publish(t, member, placementBody(org.id));
    expect((await api(t, 'DELETE', `/api/v1/placements/${created.id}`, other)).status).toBe(404);
    expect((await api(t, 'DELETE', `/api/v1/placements/${created.id}`, member)).status).toBe(204);
    expect((await api(t, 'GET', `/api/v1/placements/${created.id}`)).status).toBe(404);
    const list = (await (await api(t, 'GET', '/api/v1/placements')).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
  });
});

describe('searching placements', () => {
  it('filters by words, kind, kommun, occupation and specialisation, and pages with a cursor', async () => {
    const { org, member } = await organisationWithMember(t);
    const a = await publish(
      t,
      member,
      placementBody(org.id, { title: 'Pythonutvecklare sökes', applyBy: '2027-01-10' }),
    );
    const b = await publish(
      t,
      member,
      placementBody(org.id, {
        kind: 'exjobb',
        title: 'Exjobb om svetsrobotar',
        description: 'Automatiserad svetsning i Ronneby.',
        occupationId: OCC.welder,
        skillIds: [SKILL.cad],
        specialisations: [{ code: 'smart-industri', focusAreas: [] }],
        municipalityCode: RONNEBY,
        applyBy: '2027-01-20',
      }),
    );
    const ids = async (query: string) =>
      ((await (await api(t, 'GET', `/api/v1/placements${query}`)).json()) as { items: { id: string }[] }).items.map(
        (i) => i.id,
      );
    expect(await ids('')).toEqual([a.id, b.id]);
    expect(await ids('?q=svetsning')).toEqual([b.id]);
    expect(await ids('?q=python')).toEqual([a.id]);
    expect(await ids('?q=PYTHON%20team')).toEqual([a.id]);
    expect(await ids('?q=python%20ronneby')).toEqual([]);
    expect(await ids('?kind=exjobb')).toEqual([b.id]);
    expect(await ids(`?municipality=${KARLSKRONA}`)).toEqual([a.id]);
    expect(await ids(`?occupation=${OCC.welder}`)).toEqual([b.id]);
    expect(await ids('?specialisation=tech')).toEqual([a.id]);
    const first = (await (await api(t, 'GET', '/api/v1/placements?limit=1')).json()) as {
      items: { id: string }[];
      nextCursor: string;
    };
    expect(first.items.map((i) => i.id)).toEqual([a.id]);
    const second = (await (await api(t, 'GET', `/api/v1/placements?limit=1&cursor=${first.nextCursor}`)).json()) as {
      items: { id: string }[];
      nextCursor: string | null;
    };
    expect(second).toEqual({ items: [expect.objectContaining({ id: b.id })], nextCursor: null });
  });

  it('the page filters by an occupation typed by name, id or SSYK code, and names one it cannot find (422)', async () => {
    const { org, member } = await organisationWithMember(t);
    await publish(t, member, placementBody(org.id, { title: 'Pythonutvecklare sökes' }));
    await publish(t, member, placementBody(org.id, { title: 'Svetsare sökes', occupationId: OCC.welder }));
    const page = async (query: string, lang = 'sv') => {
      const response = await request(t.app, `/placements${query}`, { headers: { cookie: `lang=${lang}` } });
      const html = (await response.text())
        .replace(/&#x3D;/g, '=')
        .replace(/&amp;/g, '&')
        .replace(/&#x27;/g, "'");
      return { status: response.status, html };
    };
    for (const occupation of ['svetsare och gasskärare', OCC.welder, '7212']) {
      const filtered = await page(`?${new URLSearchParams({ occupation, kind: 'lia' })}`);
      expect(filtered.status).toBe(200);
      expect(filtered.html).toContain('Svetsare sökes');
      expect(filtered.html).not.toContain('Pythonutvecklare sökes');
      // The picker shows the occupation by its name, whatever was typed.
      expect(filtered.html).toContain('value="Svetsare och gasskärare"');
    }

    const unknown = await page('?occupation=Svetsere&specialisation=rymdfart');
    expect(unknown.status).toBe(422);
    expect(unknown.html).toContain('href="#field-occupation"');
    expect(unknown.html).toContain('Vi hittade inte ”Svetsere”. Menade du Svetsare och gasskärare?');
    expect(unknown.html).toContain('value="Svetsere"');
    expect(unknown.html).toContain('href="#field-specialisation"');
    // Shown without the filters that name nothing: both placements, not an empty list.
    expect(unknown.html).toContain('Svetsare sökes');
    expect(unknown.html).toContain('Pythonutvecklare sökes');
    const english = await page('?specialisation=rymdfart', 'en');
    expect(english.status).toBe(422);
    expect(english.html).toContain('Unknown specialisation area. Choose one of the options in the list.');
  });

  it('shows a change at once, though repeated searches are answered from the cache', async () => {
    const { org, member } = await organisationWithMember(t);
    const p = await publish(t, member, placementBody(org.id));
    const search = async () =>
      ((await (await api(t, 'GET', '/api/v1/placements?q=svetsrobot')).json()) as { items: { id: string }[] }).items;
    expect(await search()).toEqual([]);
    expect(await search()).toEqual([]);
    await api(t, 'PATCH', `/api/v1/placements/${p.id}`, member, { version: 1, title: 'Svetsrobot LIA' });
    expect((await search()).map((i) => i.id)).toEqual([p.id]);
    await api(t, 'DELETE', `/api/v1/placements/${p.id}`, member);
    expect(await search()).toEqual([]);
  });

  it("raises the catalogue's version with each placement write, and not for a refused one", async () => {
    const { org, member } = await organisationWithMember(t);
    const version = () =>
      (
        t.database.sqlite.raw.prepare(`select version from data_versions where name = 'placements'`).get() as
          | { version: number }
          | undefined
      )?.version ?? 0;
    const before = version();
    const p = await publish(t, member, placementBody(org.id));
    expect(version()).toBe(before + 1);
    expect(
      (await api(t, 'PATCH', `/api/v1/placements/${p.id}`, member, { version: 1, title: 'LIA i Python och CAD' }))
        .status,
    ).toBe(200);
    expect(version()).toBe(before + 2);
    expect((await api(t, 'PATCH', `/api/v1/placements/${p.id}`, member, { version: 1, title: 'Gammal' })).status).toBe(
      409,
    );
    expect(version()).toBe(before + 2);
  });

  it('drops a placement from the public list once its deadline has passed, with no job run', async () => {
    const { org, member } = await organisationWithMember(t);
    const p = await publish(t, member, placementBody(org.id, { applyBy: '2026-12-01' }));
    t.setNow(new Date('2026-12-01T22:59:00Z')); // 23:59 in Stockholm on the last day
    expect(((await (await api(t, 'GET', '/api/v1/placements')).json()) as { items: unknown[] }).items).toHaveLength(1);
    t.setNow(new Date('2026-12-01T23:00:00Z')); // midnight in Stockholm
    expect(((await (await api(t, 'GET', '/api/v1/placements?q=python')).json()) as { items: unknown[] }).items).toEqual(
      [],
    );
    expect(((await (await api(t, 'GET', '/api/v1/placements')).json()) as { items: unknown[] }).items).toEqual([]);
    expect(await (await api(t, 'GET', `/api/v1/placements/${p.id}`)).json()).toMatchObject({ open: false });
  });
});

describe('offering a placement from a need line', () => {
  it('fills occupation, skills and specialisations from the need in one request, linked by needRef', async () => {
    const { org, member } = await organisationWithMember(t);
    await plantRound(
      t,
      { id: 'round-need' },
      [{ id: org.id }],
      [{ org: org.id, headcount: 2, occupation: WELDER, specialisation: 'smart-industri', focusArea: 'marin-teknik' }],
    );
    await t.deps.db.updateTable('need_lines').set({ placement_kinds: '["lia"]', placement_count: 2 }).execute();
    await t.deps.db
      .insertInto('need_line_skills')
      .values({ need_line_id: 'round-need-line-1', skill_id: SKILL.cad })
      .execute();
    const body: Record<string, unknown> = placementBody(org.id, { needRef: 'round-need-line-1' });
    delete body.occupationId;
    delete body.skillIds;
    delete body.specialisations;
    const created = await publish(t, member, body);
    expect(created).toMatchObject({
      needRef: 'round-need-line-1',
      occupationId: OCC.welder,
      skillIds: [SKILL.cad],
      specialisations: [{ code: 'smart-industri', focusAreas: ['marin-teknik'] }],
    });
    const page = await request(t.app, `/organisations/${org.id}/placements`, { headers: { cookie: member.cookie } });
    expect(await page.text()).toContain('/placements/new?needRef=round-need-line-1');
    const form = await request(t.app, `/organisations/${org.id}/placements/new?needRef=round-need-line-1`, {
      headers: { cookie: member.cookie },
    });
    expect(await form.text()).toContain('value="Svetsare och gasskärare"');
    const list = await request(t.app, '/placements', { headers: { cookie: member.cookie } });
    expect(await list.text()).toContain(`href="/organisations/${org.id}/placements"`);
  });

  it("refuses another organisation's need line with a 422 naming needRef", async () => {
    const { org } = await organisationWithMember(t);
    const other = await organisationWithMember(t);
    await plantRound(t, { id: 'round-x' }, [{ id: org.id }], [{ org: org.id, headcount: 1 }]);
    const response = await api(
      t,
      'POST',
      '/api/v1/placements',
      other.member,
      placementBody(other.org.id, { needRef: 'round-x-line-1' }),
    );
    expect(response.status).toBe(422);
    expect(((await response.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['needRef']);
  });
});
