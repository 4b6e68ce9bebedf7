import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { cookies, signIn, signInSecretariat } from '../support/auth.ts';
import { plantRound, publishClosedRounds } from '../support/demand.ts';
import { createProvider, OCCUPATION, plantOffering, WELDING_SKILLS } from '../support/education.ts';
import { json } from '../support/organisations.ts';

/**
 * A constructed round and four offerings, with the gap table computed by hand:
 *
 * demand (round r1, specialisation tech)          offerings (annual graduates)
 *   2512 × 1-3: A10 B10 C10 D10 = 40               O1 Systemutvecklare: lists 2512            30 → 2512: 30
 *   2512 × 3-5: A6 B6 C8 = 20                      O2 Svetsteknik: three welder-only skills   12 → 7212: 12 (skills only)
 *   7212 × 0-1: A5 B5 C5 = 15                      O3 IT-säkerhet: lists 2512 and 2516        20 → 2512: 10, 2516: 10 (split)
 *   7212 × 1-3: B3 C3 D4 = 10                      O4 Floristik: no occupation, no skills      8 → nothing
 *   2516 × 1-3: A3 (one organisation: hidden, too few answers)
 *   2511 × 1-3: B2 (one organisation: hidden, too few answers)
 *
 * The publication protects the tables together: besides 2516 and 2511 it hides 2512 × 1-3 (which
 * with the published group 251 × 1-3 = 45 would give away their sum) and every SSYK-4 cell of 251
 * over all horizons. Those three rows get their coverage from the group 251 (SSYK 3) in 1–3 years,
 * the nearest published cell above them.
 *
 * supply: 2512 = 40, 7212 = 12, 2516 = 10, 2511 = 0; group 251 = 50. Horizons count 1 (0-1) or
 * 2 (1-3, 3-5) years:
 *   2512 × 3-5: 80 / 20 = 4.0     251 × 1-3: 100 / 45 = 2.22
 *   7212 × 0-1: 12 / 15 = 0.8 (shortage 3)    7212 × 1-3: 24 / 10 = 2.4
 */
const SYSTEMS_ANALYST = { id: 'UXKZ_3zZ_ipB', ssyk: '2511' };

let t: TestApp;
const ids: Record<string, string> = {};

beforeEach(async () => {
  t = await createTestApp();
  const orgs = ['A', 'B', 'C', 'D'].map((n) => ({ id: `gap-org-${n}` }));
  const at = (org: string) => `gap-org-${org}`;
  await plantRound(t, { id: 'r1' }, orgs, [
    ...['A', 'B', 'C', 'D'].map((o) => ({
      org: at(o),
      headcount: 10,
      occupation: OCCUPATION.software,
      horizon: '1-3' as const,
    })),
    { org: at('A'), headcount: 6, occupation: OCCUPATION.software, horizon: '3-5' },
    { org: at('B'), headcount: 6, occupation: OCCUPATION.software, horizon: '3-5' },
    { org: at('C'), headcount: 8, occupation: OCCUPATION.software, horizon: '3-5' },
    ...['A', 'B', 'C'].map((o) => ({
      org: at(o),
      headcount: 5,
      occupation: OCCUPATION.welder,
      horizon: '0-1' as const,
    })),
    { org: at('B'), headcount: 3, occupation: OCCUPATION.welder, horizon: '1-3' },
    { org: at('C'), headcount: 3, occupation: OCCUPATION.welder, horizon: '1-3' },
    { org: at('D'), headcount: 4, occupation: OCCUPATION.welder, horizon: '1-3' },
    { org: at('A'), headcount: 3, occupation: OCCUPATION.security, horizon: '1-3' },
    { org: at('B'), headcount: 2, occupation: SYSTEMS_ANALYST, horizon: '1-3' },
  ]);
  const p1 = await createProvider(t, { name: 'Yrkeshögskolan Syd' });
  const p2 = await createProvider(t, { name: 'Blekinge Tekniska Högskola' });
  ids.p1 = p1.id;
  ids.p2 = p2.id;
  ids.o1 = await plantOffering(t, p1.id, {
    name: 'Systemutvecklare',
    graduates: 30,
    occupationIds: [OCCUPATION.software.id],
  });
  ids.o2 = await plantOffering(t, p1.id, {
    name: 'Svetsteknik',
    graduates: 12,
    skillIds: WELDING_SKILLS.map((s) => s.id),
  });
  ids.o3 = await plantOffering(t, p2.id, {
    name: 'IT-säkerhet',
    graduates: 20,
    occupationIds: [OCCUPATION.software.id, OCCUPATION.security.id],
  });
  ids.o4 = await plantOffering(t, p2.id, { name: 'Floristik', graduates: 8 });
});
afterEach(async () => {
  await t.database.close();
});

type Item = Record<string, unknown> & {
  offerings: { id: string; via: string; matchedOn: string[]; graduatesCounted: number }[];
};

const pick = (item: Item) => ({
  occupation: item.occupation,
  horizon: item.horizon,
  demand: item.demand,
  suppressed: item.suppressed,
  demandPerYear: item.demandPerYear,
  supply: item.supply,
  supplyInHorizon: item.supplyInHorizon,
  coverage: item.coverage,
  shortage: item.shortage,
  level: (item.coverageLevel as { label: string; coverage: number } | null)?.label ?? null,
  levelCoverage: (item.coverageLevel as { coverage: number } | null)?.coverage ?? null,
});

const GROUP_251 = 'Yrkesgrupp 251, om 1–3 år';

describe('gap analysis', () => {
  it('equals the hand-computed table, with an occupation matched only through skills', async () => {
    const response = await request(t.app, '/api/v1/gaps?round=r1&specialisation=tech');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.protected).toBe(true);
    expect(body.publication).toEqual({ version: 1, publishedAt: expect.any(String) });
    expect(body.items.map(pick)).toEqual([
      {
        occupation: '2511',
        horizon: '1-3',
        demand: null,
        suppressed: true,
        demandPerYear: null,
        supply: 0,
        supplyInHorizon: 0,
        coverage: null,
        shortage: null,
        level: GROUP_251,
        levelCoverage: 2.22,
      },
      {
        occupation: '2512',
        horizon: '1-3',
        demand: null,
        suppressed: true,
        demandPerYear: null,
        supply: 40,
        supplyInHorizon: 80,
        coverage: null,
        shortage: null,
        level: GROUP_251,
        levelCoverage: 2.22,
      },
      {
        occupation: '2512',
        horizon: '3-5',
        demand: 20,
        suppressed: false,
        demandPerYear: 10,
        supply: 40,
        supplyInHorizon: 80,
        coverage: 4,
        shortage: 0,
        level: 'Yrke 2512, om 3–5 år',
        levelCoverage: 4,
      },
      {
        occupation: '2516',
        horizon: '1-3',
        demand: null,
        suppressed: true,
        demandPerYear: null,
        supply: 10,
        supplyInHorizon: 20,
        coverage: null,
        shortage: null,
        level: GROUP_251,
        levelCoverage: 2.22,
      },
      {
        occupation: '7212',
        horizon: '0-1',
        demand: 15,
        suppressed: false,
        demandPerYear: 15,
        supply: 12,
        supplyInHorizon: 12,
        coverage: 0.8,
        shortage: 3,
        level: 'Yrke 7212, inom 1 år',
        levelCoverage: 0.8,
      },
      {
        occupation: '7212',
        horizon: '1-3',
        demand: 10,
        suppressed: false,
        demandPerYear: 5,
        supply: 12,
        supplyInHorizon: 24,
        coverage: 2.4,
        shortage: 0,
        level: 'Yrke 7212, om 1–3 år',
        levelCoverage: 2.4,
      },
    ]);
    expect(body.items.find((i: Item) => i.occupation === '2516').coverageLevel).toEqual({
      ssykLevel: 3,
      occupation: '251',
      occupationName: 'IT-arkitekter, systemutvecklare och testledare m.fl.',
      horizon: '1-3',
      table: 'specialisation-ssyk3-horizon',
      cell: 'horizon=1-3|occupation@3=251|specialisation=tech',
      label: GROUP_251,
      demand: 45,
      supply: 50,
      supplyInHorizon: 100,
      coverage: 2.22,
      shortage: 0,
    });
    expect(body).toMatchObject({ hiddenRows: 3, rowsWithoutCoverage: 0 });

    const welder = body.items.find((i: Item) => i.occupation === '7212') as Item;
    expect(welder.offerings).toEqual([
      expect.objectContaining({
        id: ids.o2,
        via: 'skills',
        graduatesCounted: 12,
        matchedOn: WELDING_SKILLS.map((s) => s.label).sort((a, b) => a.localeCompare(b, 'sv')),
      }),
    ]);
    const software = body.items.find((i: Item) => i.occupation === '2512') as Item;
    expect(software.offerings.map((o) => [o.id, o.via, o.graduatesCounted])).toEqual([
      [ids.o3, 'occupation', 10],
      [ids.o1, 'occupation', 30],
    ]);
    expect(software.offerings[0]?.matchedOn).toEqual(['Mjukvaru- och systemutvecklare m.fl.']);

    // Each published figure once: the group 251 stands for its three hidden rows.
    expect(
      body.shortages.map((s: { occupation: string; horizon: string; coverage: number; rows: number }) => [
        s.occupation,
        s.horizon,
        s.coverage,
        s.rows,
      ]),
    ).toEqual([
      ['7212', '0-1', 0.8, 1],
      ['251', '1-3', 2.22, 3],
      ['7212', '1-3', 2.4, 1],
      ['2512', '3-5', 4, 1],
    ]);
    expect(body.demandWithoutOffering).toEqual([
      expect.objectContaining({ occupation: '2511', horizon: '1-3', demand: null }),
    ]);
    expect(body.offeringsWithoutDemand.map((o: { id: string }) => o.id)).toEqual([ids.o4]);
  });

  it('keeps hidden demand hidden in the CSV, coverage included', async () => {
    const response = await request(t.app, '/api/v1/gaps.csv?round=r1&specialisation=tech');
    expect(response.status).toBe(200);
    const lines = (await response.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const security = lines.find((l) => l.startsWith('2516,')) ?? '';
    expect(security.split(',').slice(2, 10)).toEqual(['1-3', ':c', ':c', '10', '20', ':c', ':c', 'few']);
    // The coverage it has is the group's, named by the publication's cell id.
    expect(security.split(',').slice(-2)).toEqual(['horizon=1-3|occupation@3=251|specialisation=tech', '2.22']);
    expect(lines.join('\n')).not.toMatch(/^2516,[^\n]*,3,/m);
  });

  it('shows a provider the same protected figures, and the secretariat raw ones', async () => {
    const staff = await signIn(t, { memberships: [{ organisationId: ids.p1 ?? '', role: 'provider' }] });
    const asProvider = await (
      await request(t.app, '/api/v1/gaps?round=r1&specialisation=tech', { headers: { cookie: cookies(staff.cookie) } })
    ).json();
    expect(asProvider.items.find((i: Item) => i.occupation === '2516').demand).toBeNull();
    // The provider's own view: its occupations, the same published cells, the group's coverage named.
    const mine = await (
      await request(t.app, `/education/my-demand?round=r1&specialisation=tech&provider=${ids.p1}`, {
        headers: { cookie: cookies(staff.cookie, 'lang=sv') },
      })
    ).text();
    const software = /2512<\/span><\/th>\s*<td>Om 1–3 år<\/td>[\s\S]*?<\/tr>/.exec(mine)?.[0] ?? '';
    expect(software).toMatch(/<td class="num cell-hidden">dold<span class="cell-reason">skyddar en annan siffra</);
    expect(software).toContain('Täckningsgrad för Yrkesgrupp 251, om 1–3 år');
    expect(software).not.toContain('200\u00a0%');
    expect(mine).toContain('Publicerade siffror, version 1');
    const secretariat = await signInSecretariat(t);
    const raw = await (
      await request(t.app, '/api/v1/gaps?round=r1&specialisation=tech', {
        headers: { cookie: cookies(secretariat.cookie) },
      })
    ).json();
    expect(raw).toMatchObject({ protected: false, internal: true, publication: null });
    expect(raw.items.find((i: Item) => i.occupation === '2516')).toMatchObject({
      demand: 3,
      coverage: 6.67,
      coverageLevel: { ssykLevel: 4, horizon: '1-3', demand: 3 },
    });
    const page = await (
      await request(t.app, '/education/gaps?round=r1&specialisation=tech', {
        headers: { cookie: cookies(secretariat.cookie, 'lang=sv') },
      })
    ).text();
    expect(page).toContain('Internt: oskyddade siffror, bara för sekretariatet.');
  });

  it('narrows to the occupations a provider’s offerings prepare for, and to one horizon', async () => {
    const body = await (
      await request(t.app, `/api/v1/gaps?round=r1&specialisation=tech&provider=${ids.p1}&horizon=1-3`)
    ).json();
    expect(body.items.map((i: Item) => [i.occupation, i.horizon])).toEqual([
      ['2512', '1-3'],
      ['7212', '1-3'],
    ]);
  });
});

describe('the gaps list in pages', () => {
  const path = '/api/v1/gaps?round=r1&specialisation=tech';

  it('pages through the rows in the ranking order with an opaque cursor, summaries on the first page', async () => {
    const whole = await (await request(t.app, `${path}&limit=500`)).json();
    expect(whole.items).toHaveLength(6);
    expect(whole.nextCursor).toBeNull();

    const first = await (await request(t.app, `${path}&limit=4`)).json();
    expect(first.items).toHaveLength(4);
    expect(typeof first.nextCursor).toBe('string');
    expect(first.shortages).toEqual(whole.shortages);
    expect(first.demandWithoutOffering).toEqual(whole.demandWithoutOffering);
    expect(first.offeringsWithoutDemand).toEqual(whole.offeringsWithoutDemand);

    const second = await (
      await request(t.app, `${path}&limit=4&cursor=${encodeURIComponent(first.nextCursor)}`)
    ).json();
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect(second).toMatchObject({ round: { id: 'r1' }, protected: true, filters: { specialisation: 'tech' } });
    expect(second.shortages).toBeUndefined();
    expect([...first.items, ...second.items]).toEqual(whole.items);
    expect(whole.items.map((i: Item) => `${i.occupation} ${i.horizon}`)).toEqual([
      '2511 1-3',
      '2512 1-3',
      '2512 3-5',
      '2516 1-3',
      '7212 0-1',
      '7212 1-3',
    ]);
  });

  it('lists 100 rows by default and refuses a bad limit or cursor with a 4xx', async () => {
    const body = await (await request(t.app, path)).json();
    expect(body.items).toHaveLength(6);
    for (const bad of ['limit=0', 'limit=501', 'limit=x', 'cursor=not-a-cursor']) {
      const response = await request(t.app, `${path}&${bad}`);
      expect(response.status, bad).toBeGreaterThanOrEqual(400);
      expect(response.status, bad).toBeLessThan(500);
    }
  });

  it('keeps the CSV download complete', async () => {
    const csv = await (await request(t.app, '/api/v1/gaps.csv?round=r1&specialisation=tech&limit=1')).text();
    expect(csv.trim().split('\r\n')).toHaveLength(7);
  });
});

describe('the gap page’s link to a row’s other offerings', () => {
  it('opens that one row of the JSON list with every offering', async () => {
    for (let n = 1; n <= 5; n++)
      await plantOffering(t, ids.p2 ?? '', {
        name: `Kurs ${n}`,
        graduates: 1,
        occupationIds: [OCCUPATION.software.id],
      });
    const page = await (await request(t.app, '/education/gaps?round=r1&specialisation=tech')).text();
    const hrefs = [...page.matchAll(/href="(\/api\/v1\/gaps\?[^"]*)"/g)]
      .map((m) => (m[1] ?? '').replaceAll('&amp;', '&').replaceAll('&#x3D;', '='))
      .filter((href) => new URLSearchParams(href.split('?')[1]).get('limit') === '1');
    expect(hrefs).toHaveLength(2);
    for (const [href, horizon] of hrefs.map((h, i) => [h, ['1-3', '3-5'][i]] as const)) {
      const body = await (await request(t.app, href)).json();
      expect(body.items).toHaveLength(1);
      expect(body.items[0]).toMatchObject({ occupation: '2512', horizon, offeringCount: 7 });
      expect(body.items[0].offerings).toHaveLength(7);
    }
  });
});

describe('the gap page with a filter it cannot show', () => {
  const rows = (text: string) => (text.match(/<th scope="row">/g) ?? []).length;

  it('says so for an unknown specialisation (422) and shows the table without that filter, in Swedish and English', async () => {
    const response = await request(t.app, '/education/gaps?round=r1&specialisation=rymdfart', {
      headers: { cookie: 'lang=sv' },
    });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('href="#field-specialisation"');
    expect(html).toContain('Okänt specialiseringsområde. Välj bland alternativen i listan.');
    const whole = await (await request(t.app, '/education/gaps?round=r1')).text();
    expect(rows(whole)).toBeGreaterThan(0);
    expect(rows(html)).toBe(rows(whole));
    const english = await request(t.app, '/education/gaps?round=r1&specialisation=rymdfart', {
      headers: { cookie: 'lang=en' },
    });
    expect(english.status).toBe(422);
    expect(await english.text()).toContain('Unknown specialisation. Choose one of the options in the list.');
  });

  it('answers a focus area with its specialisation’s table (422), naming the nearest published table, in Swedish and English', async () => {
    // tech/ai-data is a focus area of the specialisation tech (data/reference/blekinge-strategy.json).
    const focusArea = (
      await t.deps.db.selectFrom('focus_areas').select(['code', 'specialisation_code']).execute()
    ).find((f) => f.specialisation_code === 'tech');
    expect(focusArea).toBeDefined();
    const response = await request(t.app, `/education/gaps?round=r1&focusArea=${focusArea?.code}`, {
      headers: { cookie: 'lang=sv' },
    });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('href="#field-specialisation"');
    expect(html).toContain('Fokusområden publiceras inte per yrke');
    expect(html).toContain('Närmaste publicerade tabell: Specialiseringsområde, yrke (SSYK 4) och tidshorisont.');
    expect(html).toContain('Här visas i stället specialiseringsområdet');
    expect(html).toMatch(/<option value="tech" selected/);
    expect(html).not.toContain('name="focusArea"');
    const tech = await (await request(t.app, '/education/gaps?round=r1&specialisation=tech')).text();
    expect(rows(html)).toBe(rows(tech));

    const english = await (
      await request(t.app, `/education/gaps?round=r1&focusArea=${focusArea?.code}`, { headers: { cookie: 'lang=en' } })
    ).text();
    expect(english).toContain('Focus areas are not published by occupation');
    expect(english).toContain('Nearest published table: Specialisation, occupation (SSYK 4) and horizon.');
  });

  it('refuses a focus area in the API with 422 naming the nearest published table', async () => {
    for (const path of ['/api/v1/gaps?round=r1&focusArea=x', '/api/v1/gaps.csv?round=r1&focusArea=x']) {
      const response = await request(t.app, path);
      expect(response.status, path).toBe(422);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = await response.json();
      expect(problem.nearestTable).toEqual({
        id: 'specialisation-ssyk4-horizon',
        dimensions: ['specialisation', 'occupation@4', 'horizon'],
      });
      expect(problem.errors[0].path).toBe('focusArea');
    }
  });
});

describe('coverage where the occupation’s own figure is hidden', () => {
  it('is given at the nearest coarser published level, which the API and the page name', async () => {
    // The ladder's cells through the demand API: the row's own cell and the occupation over all
    // horizons are hidden; the group 251 in 1–3 years is the first one published.
    const cells = async (ssykLevel: number) =>
      (await (
        await request(t.app, `/api/v1/demand?round=r1&by=occupation,horizon&specialisation=tech&ssykLevel=${ssykLevel}`)
      ).json()) as {
        cells: { key: Record<string, string>; headcount: number | null; suppressed: boolean }[];
        totals: { key: Record<string, string>; headcount: number | null; suppressed: boolean }[];
      };
    const ssyk4 = await cells(4);
    expect(ssyk4.cells.find((c) => c.key.occupation === '2516' && c.key.horizon === '1-3')?.suppressed).toBe(true);
    expect(ssyk4.totals.find((c) => c.key.occupation === '2516' && !c.key.horizon)?.suppressed).toBe(true);
    const ssyk3 = await cells(3);
    expect(ssyk3.cells.find((c) => c.key.occupation === '251' && c.key.horizon === '1-3')).toMatchObject({
      headcount: 45,
      suppressed: false,
    });

    const body = await (await request(t.app, '/api/v1/gaps?round=r1&specialisation=tech')).json();
    const security = body.items.find((i: Item) => i.occupation === '2516');
    expect(security).toMatchObject({ demand: null, coverage: null, coverageLevel: { ssykLevel: 3, demand: 45 } });

    const sv = await (
      await request(t.app, '/education/gaps?round=r1&specialisation=tech', { headers: { cookie: 'lang=sv' } })
    ).text();
    expect(sv).toMatch(
      /2516<\/span><\/th>[\s\S]*?dold[\s\S]*?222\u00a0%<span class="cell-reason">Täckningsgrad för Yrkesgrupp 251, om 1–3 år</,
    );
    expect(sv).toContain('Yrkesgrupp 251, om 1–3 år (IT-arkitekter, systemutvecklare och testledare m.fl.)');
    expect(sv).toContain('i stället för 3 rader med dold efterfrågan');
    expect(sv).not.toContain(':c');
    const en = await (
      await request(t.app, '/education/gaps?round=r1&specialisation=tech', { headers: { cookie: 'lang=en' } })
    ).text();
    expect(en).toContain('Coverage for Minor occupation group 251, in 1–3 years');
    expect(en).toContain('>hidden<');
  });

  it('falls back to the occupation over all horizons before a wider group', async () => {
    // Round r3: each 2512 horizon has two organisations (hidden), together five (published).
    const orgs = ['P', 'Q', 'R', 'S', 'T'].map((n) => ({ id: `gap3-${n}` }));
    await plantRound(t, { id: 'r3', opensAt: '2026-09-02T00:00:00.000Z' }, orgs, [
      { org: 'gap3-P', headcount: 4, occupation: OCCUPATION.software, horizon: '0-1' },
      { org: 'gap3-Q', headcount: 4, occupation: OCCUPATION.software, horizon: '0-1' },
      { org: 'gap3-R', headcount: 4, occupation: OCCUPATION.software, horizon: '1-3' },
      { org: 'gap3-S', headcount: 4, occupation: OCCUPATION.software, horizon: '1-3' },
      { org: 'gap3-T', headcount: 4, occupation: OCCUPATION.software, horizon: '3-5' },
    ]);
    const body = await (await request(t.app, '/api/v1/gaps?round=r3')).json();
    expect(body.items.map((i: Item) => [i.horizon, i.demand, (i.coverageLevel as { label: string }).label])).toEqual([
      ['0-1', null, 'Yrke 2512, alla tidshorisonter'],
      ['1-3', null, 'Yrke 2512, alla tidshorisonter'],
      ['3-5', null, 'Yrke 2512, alla tidshorisonter'],
    ]);
    // Supply over five years (40 a year) against the occupation's 20: coverage 10.
    expect(body.items[0].coverageLevel).toMatchObject({
      horizon: null,
      demand: 20,
      supplyInHorizon: 200,
      coverage: 10,
    });
    expect(body.shortages).toEqual([expect.objectContaining({ occupation: '2512', horizon: null, rows: 3 })]);
  });
});

describe('the largest shortage where figures are hidden', () => {
  beforeEach(async () => {
    // Round r2: two organisations only, so every figure at every level is hidden.
    await plantRound(
      t,
      { id: 'r2', opensAt: '2026-09-02T00:00:00.000Z' },
      [{ id: 'gap2-A' }, { id: 'gap2-B' }],
      [
        { org: 'gap2-A', headcount: 9, occupation: OCCUPATION.welder, horizon: '0-1' },
        { org: 'gap2-B', headcount: 8, occupation: OCCUPATION.software, horizon: '1-3' },
      ],
    );
  });

  it('is never reported as none: the page says the demand is hidden where it cannot know', async () => {
    const body = await (await request(t.app, '/api/v1/gaps?round=r2')).json();
    expect(body.items).toHaveLength(2);
    expect(body).toMatchObject({ shortages: [], hiddenRows: 2, rowsWithoutCoverage: 2 });
    const sv = await (await request(t.app, '/education/gaps?round=r2', { headers: { cookie: 'lang=sv' } })).text();
    const section = sv.slice(sv.indexOf('Störst brist'), sv.indexOf('Efterfrågan utan utbildning'));
    expect(section).not.toContain('Inga.');
    expect(section).toContain('För 2 rader i urvalet är efterfrågan dold, också på alla grövre nivåer.');
    const en = await (await request(t.app, '/education/gaps?round=r2', { headers: { cookie: 'lang=en' } })).text();
    const enSection = en.slice(en.indexOf('Largest shortages'), en.indexOf('Demand with no offering'));
    expect(enSection).not.toContain('None.');
    expect(enSection).toContain('For 2 rows of the selection the demand is hidden');
  });

  it('lists the published shortage, with no note on hidden rows, where every row has a figure', async () => {
    const body = await (await request(t.app, '/api/v1/gaps?round=r1&specialisation=tech&horizon=0-1')).json();
    expect(body.rowsWithoutCoverage).toBe(0);
    const html = await (await request(t.app, '/education/gaps?round=r1&specialisation=tech&horizon=0-1')).text();
    const section = html.slice(html.indexOf('Störst brist'), html.indexOf('Efterfrågan utan utbildning'));
    expect(section).toContain('Svetsare och gasskärare, Inom 1 år: efterfrågan 15, täckningsgrad 80\u00a0%');
    expect(section).not.toContain('gap-without-coverage');
  });
});

describe('one cell, one value', () => {
  it('gives the same figure for a cell on the gap page, in /api/v1/gaps and in the demand API', async () => {
    const demand = await (
      await request(t.app, '/api/v1/demand?round=r1&by=occupation,horizon&specialisation=tech')
    ).json();
    const cell = (occupation: string, horizon: string) =>
      demand.cells.find(
        (c: { key: Record<string, string> }) => c.key.occupation === occupation && c.key.horizon === horizon,
      );
    const gaps = await (await request(t.app, '/api/v1/gaps?round=r1&specialisation=tech')).json();
    const row = (occupation: string, horizon: string) =>
      gaps.items.find((i: Item) => i.occupation === occupation && i.horizon === horizon);
    const page = await (
      await request(t.app, '/education/gaps?round=r1&specialisation=tech', { headers: { cookie: 'lang=sv' } })
    ).text();
    const pageDemand = (occupation: string, horizonLabel: string) =>
      new RegExp(`${occupation}</span></th>\\s*<td>${horizonLabel}</td>\\s*<td class="num[^"]*">([^<]*)`).exec(
        page,
      )?.[1];

    for (const [occupation, horizon, label, value] of [
      ['7212', '0-1', 'Inom 1 år', 15],
      ['7212', '1-3', 'Om 1–3 år', 10],
      ['2512', '3-5', 'Om 3–5 år', 20],
    ] as const) {
      expect(cell(occupation, horizon)).toMatchObject({ headcount: value, suppressed: false });
      expect(row(occupation, horizon).demand).toBe(value);
      expect(pageDemand(occupation, label)).toBe(String(value));
    }
    // A hidden cell is hidden in all three, with the same reason.
    expect(cell('2512', '1-3')).toMatchObject({ headcount: null, suppressed: true, reason: 'secondary' });
    expect(row('2512', '1-3')).toMatchObject({ demand: null, suppressed: true, reason: 'secondary' });
    expect(pageDemand('2512', 'Om 1–3 år')).toBe('dold');
  });
});

describe('an open round', () => {
  beforeEach(async () => {
    const orgs = ['A', 'B', 'C'].map((n) => ({ id: `open-org-${n}` }));
    await plantRound(t, { id: 'r-open', status: 'open', opensAt: '2026-11-01T00:00:00.000Z' }, orgs, [
      ...orgs.map((o) => ({ org: o.id, headcount: 17, occupation: OCCUPATION.welder, horizon: '0-1' as const })),
    ]);
    const at = '2026-11-01T00:00:00.000Z';
    await t.deps.db
      .insertInto('round_targets')
      .values(
        [...orgs.map((o) => o.id), 'gap-org-D'].map((id) => ({
          round_id: 'r-open',
          organisation_id: id,
          sector: 'naringsliv',
          size_class: '10-49',
          municipality_code: '1080',
          sni_section: null,
          invited_at: at,
          reminded_at: null,
        })),
      )
      .execute();
  });

  it('shows no figures on the gap page, only how many have answered and when the figures appear', async () => {
    for (const path of ['/education/gaps?round=r-open', '/education/gaps?round=r-open&specialisation=tech']) {
      const response = await request(t.app, path, { headers: { cookie: 'lang=sv' } });
      expect(response.status, path).toBe(200);
      const html = await response.text();
      expect(html).toContain('Inga siffror ännu');
      expect(html).toContain('Enkätomgången är öppen. Siffrorna publiceras när den stänger');
      expect(html).toContain('Hittills har 3 av 4 organisationer svarat.');
      expect(html).not.toContain('gap-table');
      expect(html).not.toMatch(/\b(17|51)\b/);
    }
    const en = await (await request(t.app, '/education/gaps?round=r-open', { headers: { cookie: 'lang=en' } })).text();
    expect(en).toContain('So far 3 of 4 organisations have answered.');
  });

  it('answers the API, the CSV and the evidence pack with 409 and the count of answers, no figures', async () => {
    for (const path of ['/api/v1/gaps?round=r-open', '/api/v1/gaps.csv?round=r-open']) {
      const response = await request(t.app, path);
      expect(response.status, path).toBe(409);
      const problem = await response.json();
      expect(problem).toMatchObject({ organisationsAnswered: 3, organisationsTargeted: 4, roundStatus: 'open' });
      expect(JSON.stringify(problem)).not.toMatch(/\b(17|51)\b/);
    }
    const evidence = await request(t.app, '/education/evidence?round=r-open&occupation=7212');
    expect(evidence.status).toBe(409);
    expect(await evidence.text()).not.toMatch(/\b(17|51)\b/);
  });
});

describe('the evidence pack', () => {
  it('compares with the previous round only once that round’s figures are published, and names its version', async () => {
    const orgs = ['A', 'B', 'C'].map((n) => ({ id: `prev-org-${n}` }));
    await plantRound(
      t,
      { id: 'r0', status: 'open', opensAt: '2026-03-01T00:00:00.000Z', name: 'Våren 2026' },
      orgs,
      orgs.map((o) => ({ org: o.id, headcount: 4, occupation: OCCUPATION.welder, horizon: '0-1' as const })),
    );
    await t.deps.db.updateTable('rounds').set({ status: 'closed' }).where('id', '=', 'r0').execute();
    const before = await (
      await request(t.app, '/education/evidence?round=r1&occupation=7212', { headers: { cookie: 'lang=sv' } })
    ).text();
    expect(before).toContain('Siffrorna för Våren 2026 är inte publicerade, så ingen förändring kan visas.');
    await publishClosedRounds(t);
    const after = await (
      await request(t.app, '/education/evidence?round=r1&occupation=7212', { headers: { cookie: 'lang=sv' } })
    ).text();
    expect(after).toContain('Jämfört med Våren 2026: publicerade siffror, version 1.');
    // Welders within a year: 12 in the earlier round, 15 now.
    expect(after).toMatch(
      /<td>Inom 1 år<\/td><td class="num">12<\/td><td class="num">15<\/td><td class="num">\+3<\/td>/,
    );
  });

  it('asks for an occupation or a specialisation (422)', async () => {
    const response = await request(t.app, '/education/evidence?round=r1', { headers: { cookie: 'lang=sv' } });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Ange ett yrke (occupation) eller ett specialiseringsområde');
  });

  it('shows published figures only, names the publication’s version, and says hidden where hidden', async () => {
    const html = await (
      await request(t.app, '/education/evidence?round=r1&specialisation=tech', { headers: { cookie: 'lang=sv' } })
    ).text();
    expect(html).toContain('Publicerade, skyddade siffror: version 1');
    expect(html).not.toContain(':c');
    expect(html).toMatch(/2516\)<\/th>[\s\S]*?dold \(för få svar\)/);
    expect(html).toContain('Täckningsgrad för Yrkesgrupp 251, om 1–3 år');
    const csv = (await (await request(t.app, '/education/evidence.csv?round=r1&specialisation=tech')).text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(csv[0]?.split(',').at(-1)).toBe('publicationVersion');
    expect(csv.slice(1).every((line) => line.endsWith(',1'))).toBe(true);
    expect(
      csv
        .find((l) => l.startsWith('gap,2516,'))
        ?.split(',')
        .slice(4, 5),
    ).toEqual([':c']);
  });
});

describe('the gap page body kept in the database', () => {
  const page = '/education/gaps?round=r1&specialisation=tech';
  const html = async (path: string, headers: Record<string, string> = {}) =>
    (await request(t.app, path, { headers })).text();
  const pageRows = () =>
    t.database.sqlite.raw
      .prepare(
        `select key from cache_entries where namespace = 'gap-pages' and key like 'r1/{"page":"education/gaps"%'`,
      )
      .all() as { key: string }[];
  // An edit of the stored row behind the server's back; raising the version of the round's lines, as
  // every writer of figures does, makes the server's memory let go and read the row again. The row
  // is stamped with the versions it depends on: the round's lines and the offerings.
  const plantMarker = () => {
    t.database.sqlite.raw
      .prepare(
        `insert into data_versions (name, version) values ('round-lines:r1', 1)
         on conflict (name) do update set version = version + 1`,
      )
      .run();
    t.database.sqlite.raw
      .prepare(
        `update cache_entries set value = ?,
           stamp = json_array(
             (select version from data_versions where name = 'round-lines:r1'),
             coalesce((select version from data_versions where name = 'offerings'), 0))
         where namespace = 'gap-pages' and key like 'r1/{"page":"education/gaps"%'`,
      )
      .run(JSON.stringify('<p id="marker">from the cache</p>'));
  };

  it('serves a visitor, and a provider, the stored body; each language and page number apart', async () => {
    expect(await html(page)).toContain('gap-table');
    expect(pageRows()).toHaveLength(1);
    plantMarker();
    expect(await html(page)).toContain('from the cache');
    const staff = await signIn(t, { memberships: [{ organisationId: ids.p1 ?? '', role: 'provider' }] });
    expect(await html(page, { cookie: cookies(staff.cookie) })).toContain('from the cache');
    expect(await html(page, { 'accept-language': 'en' })).not.toContain('from the cache');
    expect(await html(`${page}&page=2`)).not.toContain('from the cache');
    expect(await html(`${page}&horizon=1-3`)).not.toContain('from the cache');
    expect(pageRows()).toHaveLength(4);
  });

  it('retires the stored body when an offering is changed', async () => {
    await html(page);
    plantMarker();
    expect(await html(page)).toContain('from the cache');
    const secretariat = await signInSecretariat(t);
    const changed = await request(t.app, `/api/v1/offerings/${ids.o1}`, {
      method: 'PATCH',
      ...json({ version: 1, annualGraduates: 31 }, { cookie: cookies(secretariat.cookie) }),
    });
    expect(changed.status).toBe(200);
    const after = await html(page);
    expect(after).not.toContain('from the cache');
    expect(after).toContain('Systemutvecklare');
  });

  it('never gives the secretariat the stored body', async () => {
    await html(page);
    plantMarker();
    const secretariat = await signInSecretariat(t);
    const own = await html(page, { cookie: cookies(secretariat.cookie) });
    expect(own).not.toContain('from the cache');
    expect(own).toContain('gap-table');
  });
});
