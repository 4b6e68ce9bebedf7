import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { type PlantedLine, plantRound, WELDER } from '../support/demand.ts';

/**
 * Recruitment difficulty, strategies and change between rounds over constructed rounds whose
 * figures are known: seven organisations, one need line each.
 */
let t: TestApp;
const ORGS = ['ia', 'ib', 'ic', 'id', 'ie', 'if', 'ig'];
const PUBLIC_SECTOR = new Set(['ic', 'id', 'if', 'ig']);
const LINES: PlantedLine[] = [
  { org: 'ia', headcount: 10, difficulty: 4, strategies: ['recruit_outside', 'remote'] },
  { org: 'ib', headcount: 8, difficulty: 4, strategies: ['recruit_outside'] },
  { org: 'ic', headcount: 6, difficulty: 3, strategies: ['train_staff'] },
  { org: 'id', headcount: 5, difficulty: 3, strategies: ['recruit_outside', 'train_staff'] },
  { org: 'ie', headcount: 4, difficulty: 5, strategies: ['recruit_local'] },
  { org: 'if', headcount: 7, difficulty: 3, strategies: ['recruit_outside'] },
  { org: 'ig', headcount: 3, difficulty: 3, strategies: ['train_staff'] },
];

beforeAll(async () => {
  t = await createTestApp();
  const orgs = ORGS.map((id) => ({ id, sector: PUBLIC_SECTOR.has(id) ? 'offentlig' : 'naringsliv' }));
  await plantRound(t, { id: 'ind-1', opensAt: '2026-03-01T00:00:00.000Z' }, orgs, LINES);
  // A year earlier every organisation needed one person fewer; a year later ia also needs welders.
  await plantRound(t, { id: 'ind-0', opensAt: '2025-03-01T00:00:00.000Z' }, orgs, [
    ...LINES.map((l) => ({ ...l, headcount: l.headcount - 1 })),
  ]);
  await plantRound(t, { id: 'ind-2', opensAt: '2027-03-01T00:00:00.000Z', status: 'open' }, orgs, [
    ...LINES,
    { org: 'ia', headcount: 2, occupation: WELDER, horizon: '0-1' },
  ]);
});

interface Share {
  headcount: number | null;
  share: number | null;
  suppressed: boolean;
  reason: string | null;
}
interface Indicators {
  base: { headcount: number | null; organisations: number | null };
  difficulty: {
    mean: number | null;
    suppressed: boolean;
    reason: string | null;
    distribution: (Share & { level: number })[];
  };
  strategies: (Share & { code: string })[];
}
const indicators = async (query: string) =>
  (await (await request(t.app, `/api/v1/demand/indicators?${query}`)).json()) as Indicators;

describe('GET /api/v1/demand/indicators', () => {
  it('weights difficulty and strategies by headcount, and agrees with a direct count', async () => {
    const result = await indicators('round=ind-1');
    expect(result.base).toMatchObject({ headcount: 43, organisations: 7 });
    const outside = result.strategies.find((s) => s.code === 'recruit-outside');
    const direct = t.database.sqlite.raw
      .prepare("select sum(headcount) as hc from need_lines where round_id = 'ind-1' and recruit_outside = 1")
      .get() as { hc: number };
    expect(outside).toMatchObject({ headcount: direct.hc, share: Math.round((direct.hc / 43) * 10_000) / 10_000 });
    expect(result.difficulty.distribution.find((d) => d.level === 3)).toMatchObject({
      headcount: 21,
      suppressed: false,
    });
  });

  it('hides a figure that fewer than three organisations make, and its complement', async () => {
    const result = await indicators('round=ind-1');
    const level = (n: number) => result.difficulty.distribution.find((d) => d.level === n);
    expect(level(4)).toMatchObject({ headcount: null, share: null, suppressed: true, reason: 'few' });
    expect(level(5)).toMatchObject({ headcount: null, suppressed: true, reason: 'few' });
    // Only ie recruits locally: hidden. Only ia works remotely: hidden.
    for (const code of ['recruit-local', 'remote'])
      expect(result.strategies.find((s) => s.code === code)).toMatchObject({ headcount: null, reason: 'few' });
    // Training their own staff: ic, id and ig (14 people); the rest (29 people) do not. Both published.
    expect(result.strategies.find((s) => s.code === 'train-staff')).toMatchObject({ headcount: 14, suppressed: false });
  });

  it('hides the mean while a level of the distribution is hidden, and shows it when none is', async () => {
    expect((await indicators('round=ind-1')).difficulty).toMatchObject({
      mean: null,
      suppressed: true,
      reason: 'secondary',
    });
    // Public sector only: ic, id, if and ig, all at difficulty 3.
    const publicSector = await indicators('round=ind-1&sector=offentlig');
    expect(publicSector.base).toMatchObject({ headcount: 21, organisations: 4 });
    expect(publicSector.difficulty).toMatchObject({ mean: 3, suppressed: false });
    expect(publicSector.difficulty.distribution.map((d) => d.headcount)).toEqual([0, 0, 21, 0, 0]);
  });

  it('publishes no figure whose base has fewer organisations than the rule asks for', async () => {
    const strict = await createTestApp({ database: t.database, config: { DISCLOSURE_MIN_ORGS: '8' } });
    const result = (await (await request(strict.app, '/api/v1/demand/indicators?round=ind-1')).json()) as Indicators;
    expect(result.base).toMatchObject({ headcount: null, organisations: null });
    expect([...result.difficulty.distribution, ...result.strategies].every((f) => f.suppressed)).toBe(true);
  });
});

interface Change {
  from: { id: string };
  to: { id: string };
  cells: {
    key: Record<string, string>;
    from: number | null;
    to: number | null;
    change: number | null;
    suppressed: boolean;
  }[];
  totals: { key: Record<string, string>; change: number | null }[];
}

describe('GET /api/v1/demand/change', () => {
  it("compares the two rounds' protected tables, and shows a change only where both publish the cell", async () => {
    const response = await request(t.app, '/api/v1/demand/change?from=ind-0&to=ind-1&by=sector');
    expect(response.status).toBe(200);
    const change = (await response.json()) as Change;
    expect([change.from.id, change.to.id]).toEqual(['ind-0', 'ind-1']);
    const table = async (round: string) =>
      (await (await request(t.app, `/api/v1/demand?round=${round}&by=sector`)).json()) as {
        cells: { key: Record<string, string>; headcount: number | null }[];
      };
    const [before, after] = await Promise.all([table('ind-0'), table('ind-1')]);
    for (const cell of change.cells) {
      const a = before.cells.find((c) => c.key.sector === cell.key.sector)?.headcount ?? null;
      const b = after.cells.find((c) => c.key.sector === cell.key.sector)?.headcount ?? null;
      expect(cell.change).toBe(a === null || b === null ? null : b - a);
    }
    // Every organisation needs one more: the public sector's four, four more.
    expect(change.cells.find((c) => c.key.sector === 'offentlig')).toMatchObject({ from: 17, to: 21, change: 4 });
    expect(change.totals.find((c) => Object.keys(c.key).length === 0)?.change).toBe(7);
  });

  it('shows no change for a cell that one of the rounds hides', async () => {
    const change = (await (
      await request(t.app, '/api/v1/demand/change?from=ind-1&to=ind-2&by=occupation')
    ).json()) as Change;
    // Only ia needs welders in ind-2: hidden there, so no change is shown.
    expect(change.cells.find((c) => c.key.occupation === WELDER.ssyk)).toMatchObject({
      to: null,
      change: null,
      suppressed: true,
    });
  });

  it('refuses rounds whose questionnaires do not both ask the questions of the breakdown', async () => {
    await t.deps.db
      .insertInto('questionnaires')
      .values({
        version: 99,
        definition: JSON.stringify({
          version: 99,
          organisation: [],
          need: [{ code: 'occupationId' }, { code: 'headcount' }],
        }),
        created_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    await plantRound(
      t,
      { id: 'ind-v99', opensAt: '2024-03-01T00:00:00.000Z', questionnaireVersion: 99 },
      [{ id: 'ia' }],
      [],
    );
    const refused = await request(t.app, '/api/v1/demand/change?from=ind-v99&to=ind-1&by=horizon');
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { detail: string }).detail).toContain('horizon');
    expect((await request(t.app, '/api/v1/demand/change?from=ind-v99&to=ind-1&by=occupation')).status).toBe(200);
  });

  it('answers 404 for an unknown round and 422 without a breakdown', async () => {
    expect((await request(t.app, '/api/v1/demand/change?from=nope&to=ind-1&by=horizon')).status).toBe(404);
    expect((await request(t.app, '/api/v1/demand/change?from=ind-0&to=ind-1')).status).toBe(422);
  });
});
