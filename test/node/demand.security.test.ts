import { beforeAll, describe, expect, it } from 'vitest';
import { DIMENSIONS } from '../../src/demand/dimensions.ts';
import { DEMAND_TABLE_IDS } from '../../src/demand/tables.ts';
import type { RouteSpec } from '../../src/http/routes.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { signIn } from '../support/auth.ts';
import { plantRound, SECURITY, SOFTWARE, WELDER } from '../support/demand.ts';

/**
 * A planted sensitive cell: one organisation, alone in its occupation, municipality, focus area,
 * education level, sector and size class, needs 4711 people. Every public and provider route of
 * the demand feature, walked from the route table with typical parameters, must not show it.
 */
const PLANTED = 4711;
const SHAPES = ['4711', '4 711', '4\u00a0711', '4,711', '4.711'];
const ROUND = 'sweep-round';
const BEFORE = 'sweep-before';

let t: TestApp;
const callers: Record<string, string | undefined> = {};

beforeAll(async () => {
  t = await createTestApp();
  const usual = ['s1', 's2', 's3', 's4', 's5', 's6'].map((id, i) => ({
    id,
    municipality: ['1080', '1081', '1082'][i % 3],
    sector: i % 2 ? 'offentlig' : 'naringsliv',
  }));
  const lines = usual.flatMap((o, i) => [
    {
      org: o.id,
      headcount: 3 + i,
      occupation: SOFTWARE,
      horizon: '1-3' as const,
      strategies: ['recruit_local' as const],
    },
    {
      org: o.id,
      headcount: 2 + (i % 3),
      occupation: WELDER,
      horizon: '0-1' as const,
      specialisation: 'smart-industri',
      focusArea: 'marin-teknik',
    },
  ]);
  await plantRound(t, { id: BEFORE, opensAt: '2025-03-01T00:00:00.000Z' }, usual, lines);
  await plantRound(
    t,
    { id: ROUND, opensAt: '2026-03-01T00:00:00.000Z' },
    [...usual, { id: 'planted', municipality: '1083', sector: 'civilsamhalle', sizeClass: '250+' }],
    [
      ...lines,
      {
        org: 'planted',
        headcount: PLANTED,
        occupation: SECURITY,
        horizon: '3-5',
        educationLevel: 'doctoral',
        difficulty: 1,
        strategies: ['consultants', 'relocation_family'],
        specialisation: 'missions',
        focusArea: 'friska-hav',
      },
    ],
  );
  await createProviderOrganisation();
  callers.anonymous = undefined;
  callers.provider = (await signIn(t, { memberships: [{ organisationId: 'provider', role: 'provider' }] })).cookie;
  callers.member = (await signIn(t, { memberships: [{ organisationId: 's1' }] })).cookie;
});

async function createProviderOrganisation() {
  const { createOrganisation, orgNumber } = await import('../support/surveys.ts');
  await createOrganisation(t, 'provider', { orgNumber: orgNumber(9001), sector: 'akademi' });
}

const breakdowns = [
  ...DIMENSIONS.map((d) => [d]),
  ...DIMENSIONS.flatMap((a, i) => DIMENSIONS.slice(i + 1).map((b) => [a, b])),
];
const filterSets = [
  '',
  '&occupation=2516',
  '&municipality=1083',
  '&focusArea=friska-hav&horizon=3-5',
  '&sector=civilsamhalle',
];
const pageBreakdowns = breakdowns.filter((by) => !by.includes('skill'));

/**
 * Typical calls of each public route of the demand feature; a new route must be added here. Every
 * catalogue table with every filter set, and every breakdown (most of which no table holds: a 422).
 */
const TYPICAL: Record<string, () => string[]> = {
  '/api/v1/demand': () =>
    breakdowns
      .flatMap((by) => filterSets.map((f) => `?round=${ROUND}&by=${by.join(',')}${f}`))
      .concat(DEMAND_TABLE_IDS.flatMap((table) => filterSets.map((f) => `?round=${ROUND}&table=${table}${f}`)))
      .concat(`?round=${ROUND}&by=occupation&ssykLevel=1`),
  '/api/v1/demand.csv': () =>
    breakdowns
      .flatMap((by) => filterSets.map((f) => `?round=${ROUND}&by=${by.join(',')}${f}`))
      .concat(DEMAND_TABLE_IDS.flatMap((table) => filterSets.map((f) => `?round=${ROUND}&table=${table}${f}`))),
  '/api/v1/demand/indicators': () => filterSets.map((f) => `?round=${ROUND}${f}`),
  '/api/v1/demand/change': () => breakdowns.map((by) => `?from=${BEFORE}&to=${ROUND}&by=${by.join(',')}`),
  '/api/v1/open-data/demand': () => [`?round=${ROUND}`, ''],
  '/api/v1/open-data/demand.csv': () => [`?round=${ROUND}`, ''],
  '/data/dictionary': () => [''],
  '/demand': () => [
    ...DEMAND_TABLE_IDS.flatMap((table) =>
      filterSets.map((f) => `?round=${ROUND}&compare=${BEFORE}&table=${table}${f}`),
    ),
    ...pageBreakdowns.map((by) => `?round=${ROUND}&compare=${BEFORE}&${by.map((d) => `by=${d}`).join('&')}`),
    `?round=${ROUND}&by=occupation&by=municipality&by=horizon`,
    `?round=${ROUND}&by=municipality&ssykLevel=1&occupation=2516`,
    ...filterSets.map((f) => `?round=${ROUND}&by=horizon&by=sector${f}`),
  ],
};

/** The public GET routes of the demand feature, from the route table. */
function demandRoutes(): RouteSpec[] {
  return t.app.routeTable.filter((r) => r.method === 'get' && r.access.kind === 'public' && r.tags?.includes('Demand'));
}

describe('a planted sensitive cell', () => {
  it('is visible in the raw figures the secretariat sees, so the sweep below can fail', async () => {
    const admin = await signIn(t, { roles: ['secretariat'] });
    const body = await (
      await request(t.app, `/api/v1/demand?round=${ROUND}&by=occupation`, { headers: { cookie: admin.cookie } })
    ).text();
    expect(body).toContain(String(PLANTED));
    const page = await (
      await request(t.app, `/demand?round=${ROUND}&by=occupation`, { headers: { cookie: admin.cookie } })
    ).text();
    expect(SHAPES.some((shape) => page.includes(shape))).toBe(true);
  });

  it('appears in no body of any public or provider route of the demand feature: pages, CSV, JSON, open data, charts, refusals', async () => {
    const routes = demandRoutes();
    expect(routes.map((r) => r.path).sort()).toEqual(Object.keys(TYPICAL).sort());
    const leaks: string[] = [];
    let calls = 0;
    let answered = 0;
    for (const route of routes) {
      const queries = TYPICAL[route.path]?.() ?? [];
      for (const query of queries) {
        for (const [who, cookie] of Object.entries(callers)) {
          const response = await request(t.app, `${route.path}${query}`, { headers: cookie ? { cookie } : {} });
          calls++;
          const body = await response.text();
          // A combination no catalogue table holds, or a filter value no select offers, is a 422.
          if (response.status !== 200 && response.status !== 422)
            leaks.push(`${who} ${route.path}${query}: status ${response.status}`);
          if (response.status === 200) answered++;
          for (const shape of SHAPES) if (body.includes(shape)) leaks.push(`${who} ${route.path}${query}: "${shape}"`);
          // No published figure can contain the planted one: nothing at or above it either.
          if (route.kind === 'api' && !route.path.endsWith('.csv')) {
            const numbers = [...body.matchAll(/"(?:headcount|from|to|change)":(-?\d+)/g)].map((m) =>
              Math.abs(Number(m[1])),
            );
            if (numbers.some((n) => n >= PLANTED)) leaks.push(`${who} ${route.path}${query}: a figure ≥ ${PLANTED}`);
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(500);
    expect(answered).toBeGreaterThan(300);
    expect(leaks).toEqual([]);
  }, 120_000);
});
