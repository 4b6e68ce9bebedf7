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
  await plantRound(t, { id: 'ind-2', opensAt: '2027-03-01T00:00:00.000Z' }, orgs, [
    ...LINES,
    { org: 'ia', headcount: 2, occupation: WELDER, horizon: '0-1' },
  ]);
  // Four organisations of similar size, all finding it neither easy nor hard, in Missions only.
  await plantRound(
    t,
    { id: 'ind-m', opensAt: '2023-03-01T00:00:00.000Z' },
    orgs.slice(0, 4),
    orgs.slice(0, 4).map((o, i) => ({ org: o.id, headcount: 4 + i, difficulty: 3, specialisation: 'missions' })),
  );
  await plantRound(t, { id: 'ind-open', opensAt: '2028-03-01T00:00:00.000Z', status: 'open' }, orgs, LINES);
});

interface Share {
  headcount: number | null;
  share: number | null;
  suppressed: boolean;
  reason: string | null;
}
interface Indicators {
  publication: { version: number };
  tables: string[];
  specialisation: string | null;
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
/** A cell of a round's publication: its true headcount and its status. */
const published = (round: string, cell: string) =>
  t.database.sqlite.raw
    .prepare(
      `select c.true_headcount as headcount, c.status from publication_cells c join publications p on p.id = c.publication_id
       where p.round_id = ? and p.status = 'published' and c.cell_id = ?`,
    )
    .get(round, cell) as { headcount: number; status: string } | undefined;

describe('GET /api/v1/demand/indicators', () => {
  it("reads the publication's difficulty and strategy tables, weighted by headcount, each figure its cell's true value or hidden as the publication hides it", async () => {
    const result = await indicators('round=ind-1');
    expect(result).toMatchObject({
      publication: { version: 1 },
      tables: ['difficulty-specialisation', 'strategy-specialisation'],
      specialisation: null,
      base: { headcount: 43, organisations: 7 },
    });
    for (const level of result.difficulty.distribution) {
      const cell = published('ind-1', `difficulty=${level.level}`);
      if (!cell) expect(level).toMatchObject({ headcount: 0, suppressed: false });
      else if (cell.status === 'published') expect(level.headcount).toBe(cell.headcount);
      else expect(level).toMatchObject({ headcount: null, share: null, suppressed: true, reason: cell.status });
    }
    const outside = result.strategies.find((s) => s.code === 'recruit-outside');
    const direct = t.database.sqlite.raw
      .prepare("select sum(headcount) as hc from need_lines where round_id = 'ind-1' and recruit_outside = 1")
      .get() as { hc: number };
    expect(outside).toMatchObject({ headcount: direct.hc, share: Math.round((direct.hc / 43) * 10_000) / 10_000 });
  });

  it('hides a figure that fewer than three organisations make', async () => {
    const result = await indicators('round=ind-1');
    const level = (n: number) => result.difficulty.distribution.find((d) => d.level === n);
    expect(level(4)).toMatchObject({ headcount: null, share: null, suppressed: true, reason: 'few' });
    expect(level(5)).toMatchObject({ headcount: null, suppressed: true, reason: 'few' });
    // Only ie recruits locally: hidden. Only ia works remotely: hidden.
    for (const code of ['recruit-local', 'remote'])
      expect(result.strategies.find((s) => s.code === code)).toMatchObject({ headcount: null, reason: 'few' });
    // Training their own staff: ic, id and ig (14 people).
    expect(result.strategies.find((s) => s.code === 'train-staff')).toMatchObject({ headcount: 14, suppressed: false });
  });

  it('hides the mean while a level of the distribution is hidden, and shows it when the whole distribution is published', async () => {
    expect((await indicators('round=ind-1')).difficulty).toMatchObject({
      mean: null,
      suppressed: true,
      reason: 'secondary',
    });
    const missions = await indicators('round=ind-m&specialisation=missions');
    expect(missions).toMatchObject({ specialisation: 'missions', base: { headcount: 22, organisations: 4 } });
    expect(missions.difficulty).toMatchObject({ mean: 3, suppressed: false });
    expect(missions.difficulty.distribution.map((d) => d.headcount)).toEqual([0, 0, 22, 0, 0]);
  });

  it('refuses a filter the catalogue does not publish them by (422 at the field), and an open round (409)', async () => {
    for (const query of ['round=ind-1&sector=offentlig', 'round=ind-1&specialisation=tech,missions']) {
      const response = await request(t.app, `/api/v1/demand/indicators?${query}`);
      expect(response.status, query).toBe(422);
      const problem = (await response.json()) as { detail: string; errors: { path: string }[]; tables: string[] };
      expect(problem.errors[0]?.path).toBe(query.includes('sector') ? 'sector' : 'specialisation');
      expect(problem.tables).toEqual(['difficulty-specialisation', 'strategy-specialisation']);
      expect(problem.detail).toContain('per specialiseringsområde');
    }
    expect((await request(t.app, '/api/v1/demand/indicators?round=ind-open')).status).toBe(409);
  });
});

interface Change {
  from: { id: string };
  to: { id: string };
  table: string;
  publications: { from: { version: number }; to: { version: number } };
  cells: {
    cell: string;
    key: Record<string, string>;
    from: number | null;
    to: number | null;
    change: number | null;
    suppressed: boolean;
  }[];
  totals: { key: Record<string, string>; change: number | null }[];
}

describe('GET /api/v1/demand/change', () => {
  it("compares the two rounds' publications cell by cell, and shows a change only where both publish the cell", async () => {
    const response = await request(t.app, '/api/v1/demand/change?from=ind-0&to=ind-1&by=sector');
    expect(response.status).toBe(200);
    const change = (await response.json()) as Change;
    expect([change.from.id, change.to.id]).toEqual(['ind-0', 'ind-1']);
    expect(change).toMatchObject({
      table: 'sector-horizon',
      publications: { from: { version: 1 }, to: { version: 1 } },
    });
    const table = async (round: string) =>
      (await (await request(t.app, `/api/v1/demand?round=${round}&by=sector`)).json()) as {
        cells: { cell: string; headcount: number | null }[];
      };
    const [before, after] = await Promise.all([table('ind-0'), table('ind-1')]);
    for (const cell of change.cells) {
      const a = before.cells.find((c) => c.cell === cell.cell)?.headcount ?? null;
      const b = after.cells.find((c) => c.cell === cell.cell)?.headcount ?? null;
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

  it('answers 404 for an unknown round, 422 without a breakdown or for one no table holds, 409 for an open round', async () => {
    expect((await request(t.app, '/api/v1/demand/change?from=nope&to=ind-1&by=horizon')).status).toBe(404);
    expect((await request(t.app, '/api/v1/demand/change?from=ind-0&to=ind-1')).status).toBe(422);
    expect((await request(t.app, '/api/v1/demand/change?from=ind-0&to=ind-1&by=sector,municipality')).status).toBe(422);
    expect((await request(t.app, '/api/v1/demand/change?from=ind-1&to=ind-open&by=sector')).status).toBe(409);
  });
});

describe('the demand page for two closed rounds', () => {
  it('shows the change per row of the chosen table as the API gives it, and the indicators for the chosen specialisation', async () => {
    const html = await (await request(t.app, '/demand?round=ind-1&compare=ind-0&table=sector-horizon')).text();
    const change = (await (
      await request(t.app, '/api/v1/demand/change?from=ind-0&to=ind-1&by=sector')
    ).json()) as Change;
    for (const cell of change.cells) {
      const row = new RegExp(
        `data-cell="${cell.cell.replace(/=/g, '&#x3D;')}"><th scope="row">[^<]*</th><td class="num">([^<]*)</td><td class="num">([^<]*)</td><td class="num">([^<]*)</td>`,
      ).exec(html);
      expect(row?.slice(1), cell.cell).toEqual([
        String(cell.from),
        String(cell.to),
        cell.change === null ? 'dold' : `+${cell.change}`,
      ]);
    }
    const missions = await (
      await request(t.app, '/demand?round=ind-m&table=specialisation-horizon&specialisation=missions')
    ).text();
    expect(missions).toContain('Siffrorna gäller specialiseringsområdet Missions');
    const municipality = await (
      await request(t.app, '/demand?round=ind-1&table=municipality-horizon&municipality=1080')
    ).text();
    expect(municipality).toContain('Siffrorna gäller hela omgången. De publiceras inte per kommun');
  });
});
