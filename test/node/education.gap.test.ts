import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { cookies, signIn, signInSecretariat } from '../support/auth.ts';
import { plantRound } from '../support/demand.ts';
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
 *   2516 × 1-3: A3 (one organisation: hidden)
 *   2511 × 1-3: B2 (one organisation: hidden; with 2516 the horizon line has two hidden cells)
 *
 * supply: 2512 = 40, 7212 = 12, 2516 = 10, 2511 = 0. Horizons count 1 (0-1) or 2 (1-3, 3-5) years:
 *   2512 × 1-3: 80 / 40 = 2.0    2512 × 3-5: 80 / 20 = 4.0
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
});

describe('gap analysis', () => {
  it('equals the hand-computed table, with an occupation matched only through skills', async () => {
    const response = await request(t.app, '/api/v1/gaps?round=r1&specialisation=tech');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.protected).toBe(true);
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
      },
      {
        occupation: '2512',
        horizon: '1-3',
        demand: 40,
        suppressed: false,
        demandPerYear: 20,
        supply: 40,
        supplyInHorizon: 80,
        coverage: 2,
        shortage: 0,
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
      },
    ]);

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

    expect(
      body.shortages.map((s: { occupation: string; horizon: string; coverage: number }) => [
        s.occupation,
        s.horizon,
        s.coverage,
      ]),
    ).toEqual([
      ['7212', '0-1', 0.8],
      ['2512', '1-3', 2],
      ['7212', '1-3', 2.4],
      ['2512', '3-5', 4],
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
    expect(lines.join('\n')).not.toMatch(/^2516,[^\n]*,3,/m);
  });

  it('shows a provider the same protected figures, and the secretariat raw ones', async () => {
    const staff = await signIn(t, { memberships: [{ organisationId: ids.p1 ?? '', role: 'provider' }] });
    const asProvider = await (
      await request(t.app, '/api/v1/gaps?round=r1&specialisation=tech', { headers: { cookie: cookies(staff.cookie) } })
    ).json();
    expect(asProvider.items.find((i: Item) => i.occupation === '2516').demand).toBeNull();
    const secretariat = await signInSecretariat(t);
    const raw = await (
      await request(t.app, '/api/v1/gaps?round=r1&specialisation=tech', {
        headers: { cookie: cookies(secretariat.cookie) },
      })
    ).json();
    expect(raw.protected).toBe(false);
    expect(raw.items.find((i: Item) => i.occupation === '2516')).toMatchObject({ demand: 3, coverage: 6.67 });
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

describe('the gap page with a filter the strategy does not have', () => {
  it('says so at the select (422) and shows the table without that filter, in Swedish and English', async () => {
    const response = await request(t.app, '/education/gaps?round=r1&specialisation=tech&focusArea=rymdfart', {
      headers: { cookie: 'lang=sv' },
    });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('href="#field-focusArea"');
    expect(html).toContain('Okänt fokusområde. Välj bland alternativen i listan.');
    expect(html).not.toContain('href="#field-specialisation"');
    // The known specialisation stays chosen, and the table is the one for it, not an empty one.
    expect(html).toMatch(/<option value="tech" selected/);
    const rows = (text: string) => (text.match(/<th scope="row">/g) ?? []).length;
    const filtered = await (await request(t.app, '/education/gaps?round=r1&specialisation=tech')).text();
    expect(rows(filtered)).toBeGreaterThan(0);
    expect(rows(html)).toBe(rows(filtered));
    const english = await request(t.app, '/education/gaps?round=r1&specialisation=rymdfart', {
      headers: { cookie: 'lang=en' },
    });
    expect(english.status).toBe(422);
    expect(await english.text()).toContain('Unknown specialisation. Choose one of the options in the list.');
  });
});

describe('the gap page body kept in demand_cache', () => {
  const page = '/education/gaps?round=r1&specialisation=tech';
  const html = async (path: string, headers: Record<string, string> = {}) =>
    (await request(t.app, path, { headers })).text();
  const pageRows = () =>
    t.database.sqlite.raw
      .prepare(
        `select query_key from demand_cache where round_id = 'r1' and query_key like '{"page":"education/gaps"%'`,
      )
      .all() as { query_key: string }[];
  // An edit of the stored row behind the server's back; raising the round's figures stamp, as
  // every writer of figures does, makes the server's memory let go and read the row again.
  const plantMarker = () => {
    t.database.sqlite.raw
      .prepare(
        `update demand_cache set entries = ? where round_id = 'r1' and query_key like '{"page":"education/gaps"%'`,
      )
      .run(JSON.stringify('<p id="marker">from the cache</p>'));
    t.database.sqlite.raw.prepare(`update rounds set figures_stamp = figures_stamp + 1 where id = 'r1'`).run();
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
