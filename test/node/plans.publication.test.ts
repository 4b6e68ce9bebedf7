import { beforeEach, describe, expect, it } from 'vitest';
import { coarserCells } from '../../src/publication/read.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { signInSecretariat } from '../support/auth.ts';
import { plantRound, publishClosedRounds, SECURITY, SOFTWARE, WELDER } from '../support/demand.ts';
import { adoptThroughApi, createPlanThroughApi, PLANTED, type PlanBody, plantPlanRound } from '../support/plans.ts';

/**
 * A plan's figures are cells of the round's publication (issue 16): the protected plan shows the
 * same cell with the same value and status as /api/v1/demand; the secretariat's draft shows the same
 * cells' true figures, marked where the publication hides them.
 */
let t: TestApp;
let admin: string;

beforeEach(async () => {
  t = await createTestApp();
  admin = (await signInSecretariat(t)).cookie;
});

interface Entry {
  key: Record<string, string>;
  headcount: number | null;
  organisations: number | null;
  suppressed: boolean;
  reason: string | null;
}
interface DemandTable {
  cells: Entry[];
  totals: Entry[];
}

const table = (plan: PlanBody, key: string) => {
  const found = plan.tables.find((tb) => tb.key === key);
  if (!found) throw new Error(`no table ${key}`);
  return found;
};

async function planAs(id: string, view: 'raw' | 'protected') {
  const response = await request(t.app, `/api/v1/plans/${id}?view=${view}`, { headers: { cookie: admin } });
  expect(response.status).toBe(200);
  return (await response.json()) as PlanBody;
}

async function demand(query: string): Promise<DemandTable> {
  const response = await request(t.app, `/api/v1/demand?${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as DemandTable;
}

async function publicationCells(roundId: string, kinds: string[]) {
  const rows = await t.deps.db
    .selectFrom('publication_cells as c')
    .innerJoin('publications as p', 'p.id', 'c.publication_id')
    .select(['c.cell_id', 'c.headcount', 'c.organisations', 'c.status', 'c.true_headcount'])
    .where('p.round_id', '=', roundId)
    .where('p.status', '=', 'published')
    .where('c.kind', 'in', kinds)
    .execute();
  return new Map(rows.map((r) => [r.cell_id, r]));
}

const figure = (e: Entry | undefined) => [e?.suppressed ? null : e?.headcount, e?.suppressed ? null : e?.organisations];

describe('the figures of a plan', () => {
  beforeEach(async () => {
    await plantPlanRound(t);
  });

  it('are the publication’s cells: demand by horizon and the occupations equal /api/v1/demand, cell by cell', async () => {
    const { id } = await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' });
    const plan = await planAs(id, 'protected');

    const byHorizon = await demand('round=round-p1&by=horizon&specialisation=tech');
    const horizon = table(plan, 'demand-horizon');
    expect(horizon.rows.map((r) => r.key)).toEqual(['0-1', '1-3', '3-5', 'total']);
    for (const row of horizon.rows) {
      const entry =
        row.key === 'total'
          ? byHorizon.totals.find((e) => e.key.horizon === undefined)
          : byHorizon.cells.find((e) => e.key.horizon === row.key);
      expect(entry, row.key).toBeDefined();
      expect(row.cells.map((c) => c.value)).toEqual(figure(entry));
      expect(row.cells.map((c) => c.suppressed)).toEqual([entry?.suppressed, entry?.suppressed]);
      expect(row.cells[0]?.reason).toBe(entry?.reason);
    }
    // The planted cell: one organisation's 4711 welders, 3–5 years out.
    expect(horizon.rows.find((r) => r.key === '3-5')?.cells[0]).toMatchObject({ value: null, suppressed: true });

    const byOccupation = await demand('round=round-p1&by=occupation,horizon&specialisation=tech');
    for (const h of ['0-1', '1-3', '3-5']) {
      const top = table(plan, `demand-occupations-${h}`);
      const published = byOccupation.cells.filter((e) => e.key.horizon === h && !e.suppressed);
      const hidden = byOccupation.cells.filter((e) => e.key.horizon === h && e.suppressed);
      const own = top.rows.filter((r) => !r.key.startsWith('coarser:'));
      expect(own.map((r) => r.key).sort()).toEqual(published.map((e) => e.key.occupation).sort());
      for (const row of own) {
        expect(row.cells.map((c) => c.value)).toEqual(figure(published.find((e) => e.key.occupation === row.key)));
      }
      if (hidden.length > 0) expect(top.note?.en).toContain(`${hidden.length} rows are hidden`);
      else expect(top.note).toBeUndefined();
    }
  });

  it('are the same cells’ true figures in the secretariat’s draft, marked where the publication hides them', async () => {
    const { id } = await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' });
    const raw = await planAs(id, 'raw');
    expect(raw.figures).toBe('raw');
    const cells = await publicationCells('round-p1', ['horizon|specialisation', 'specialisation']);
    const horizon = table(raw, 'demand-horizon');
    for (const row of horizon.rows) {
      const cell = cells.get(row.key === 'total' ? 'specialisation=tech' : `horizon=${row.key}|specialisation=tech`);
      expect(row.cells[0]).toMatchObject({
        value: cell?.true_headcount,
        suppressed: false,
        reason: cell?.status === 'published' ? null : cell?.status,
      });
    }
    expect(horizon.rows.find((r) => r.key === '3-5')?.cells[0]).toMatchObject({ value: PLANTED, reason: 'few' });
  });

  it('give a mean difficulty only where the whole distribution is published, and shares of published cells', async () => {
    const { id } = await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' });
    const indicators = table(await planAs(id, 'protected'), 'demand-indicators');
    const difficulty = await publicationCells('round-p1', ['difficulty|specialisation']);
    const inTech = [...difficulty.values()].filter((c) => c.cell_id.endsWith('specialisation=tech'));
    // Difficulty 5: the planted welders and one other organisation, too few to publish.
    expect(inTech.some((c) => c.status !== 'published')).toBe(true);
    expect(indicators.rows.find((r) => r.key === 'difficulty-mean')?.cells[0]).toMatchObject({
      value: null,
      suppressed: true,
    });
    // The draft has the true mean: (4·3000 + 3·2500 + 2·2000 + 5·1500 + 3·1400 + 3·1000 + 5·4711) / 16111.
    const raw = table(await planAs(id, 'raw'), 'demand-indicators');
    expect(raw.rows.find((r) => r.key === 'difficulty-mean')?.cells[0]).toMatchObject({ value: 3.83 });

    const strategies = await publicationCells('round-p1', ['specialisation|strategy', 'specialisation']);
    const total = strategies.get('specialisation=tech');
    for (const code of ['recruit-outside', 'relocation-family', 'remote', 'train-staff']) {
      const part = strategies.get(`specialisation=tech|strategy=${code}`);
      const shown = indicators.rows.find((r) => r.key === `${code}-share`)?.cells[0];
      const published = total?.status === 'published' && (part === undefined || part.status === 'published');
      expect(shown?.suppressed, code).toBe(!published);
      if (published) {
        expect(shown?.value, code).toBeCloseTo((part?.headcount ?? 0) / (total?.headcount ?? 1), 4);
      } else expect(shown?.value, code).toBeNull();
    }
  });
});

describe('hidden occupations in a plan', () => {
  it('are left out of the top list and counted, with the nearest published coarser group they belong to', async () => {
    // Welders (7212) from one organisation: hidden. Other metal workers in the same SSYK 721 (founders,
    // sheet-metal and structural-steel workers) and software developers from three organisations each,
    // so that a group above the welders can be published.
    const FOUNDER = { id: 'J9Vz_JxJ_Bji', ssyk: '7211' };
    const SHEET = { id: 'bXfo_4hb_SXx', ssyk: '7213' };
    const STEEL = { id: 'TrwQ_RXT_W8a', ssyk: '7215' };
    const groups = [
      { occupation: FOUNDER, sizes: [500, 450, 550] },
      { occupation: SHEET, sizes: [3000, 3100, 2900] },
      { occupation: STEEL, sizes: [3200, 2800, 3000] },
      { occupation: SOFTWARE, sizes: [2000, 2100, 1900] },
    ];
    const lines = [
      { org: 'cg-w', headcount: PLANTED, horizon: '3-5' as const, occupation: WELDER },
      ...groups.flatMap((g, i) =>
        g.sizes.map((headcount, j) => ({
          org: `cg-${i}${j}`,
          headcount,
          horizon: '3-5' as const,
          occupation: g.occupation,
        })),
      ),
      { org: 'cg-00', headcount: 1500, horizon: '0-1' as const, occupation: SECURITY },
    ];
    const orgs = [...new Set(lines.map((l) => l.org))].map((id, i) => ({ id, municipality: i % 2 ? '1080' : '1082' }));
    await plantRound(t, { id: 'round-cg', status: 'closed' }, orgs, lines);
    const { id } = await createPlanThroughApi(t, admin, { roundId: 'round-cg', specialisation: 'tech' });
    const top = table(await planAs(id, 'protected'), 'demand-occupations-3-5');
    const welders = 'horizon=3-5|occupation@4=7212|specialisation=tech';
    const cells = await publicationCells('round-cg', [
      'horizon|occupation@4|specialisation',
      'horizon|occupation@3|specialisation',
      'horizon|occupation@2|specialisation',
      'horizon|occupation@1|specialisation',
      'occupation@1|specialisation',
    ]);
    expect(cells.get(welders)?.status).not.toBe('published');
    const nearest = coarserCells(welders).find((c) => cells.get(c)?.status === 'published');
    // The constructed round is meant to publish a coarser group; if disclosure control hides all
    // of them the test says so rather than passing on an empty list.
    expect(nearest, 'a published coarser cell for the welders').toBeDefined();
    const row = top.rows.find((r) => r.key === `coarser:${nearest}`);
    expect(row).toBeDefined();
    expect(row?.cells[0]).toMatchObject({ value: cells.get(nearest ?? '')?.headcount, suppressed: false });
    expect(row?.label.sv).toContain('grövre grupp');
    expect(row?.label.sv).toMatch(/SSYK 7\d*/);
    const hidden = [...cells.values()].filter(
      (c) => c.cell_id.startsWith('horizon=3-5|occupation@4=') && c.status !== 'published',
    ).length;
    expect(top.note?.sv).toContain(`${hidden} rader är dolda`);
    expect(top.note?.sv).toContain('grövre grupp');
    // No row names the hidden occupation itself, and its figure is nowhere.
    expect(top.rows.some((r) => r.key === '7212')).toBe(false);
    expect(JSON.stringify(top)).not.toContain('4711');
  });
});

describe('the named skills of a plan', () => {
  it('list the skills at least three organisations named, alphabetically and without figures', async () => {
    const orgs = ['s1', 's2', 's3', 's4'].map((id) => ({ id }));
    await plantRound(
      t,
      { id: 'round-sk', status: 'open' },
      orgs,
      orgs.map((o) => ({ org: o.id, headcount: 10 + o.id.length, horizon: '1-3' as const })),
    );
    const skills = await t.deps.db.selectFrom('skills').select(['id', 'label_sv']).orderBy('id').limit(3).execute();
    const [common, other, rare] = skills;
    if (!common || !other || !rare) throw new Error('reference skills missing');
    const named: [string, string][] = [
      ['round-sk-line-1', common.id],
      ['round-sk-line-2', common.id],
      ['round-sk-line-3', common.id],
      ['round-sk-line-1', other.id],
      ['round-sk-line-2', other.id],
      ['round-sk-line-4', other.id],
      ['round-sk-line-1', rare.id],
      ['round-sk-line-2', rare.id],
    ];
    await t.deps.db
      .insertInto('need_line_skills')
      .values(named.map(([line, skill]) => ({ need_line_id: line, skill_id: skill })))
      .execute();
    await t.deps.db.updateTable('rounds').set({ status: 'closed' }).where('id', '=', 'round-sk').execute();
    await publishClosedRounds(t);
    const { id } = await createPlanThroughApi(t, admin, { roundId: 'round-sk', specialisation: 'tech' });
    for (const view of ['raw', 'protected'] as const) {
      const list = table(await planAs(id, view), 'demand-skills');
      const expected = [common, other].sort((a, b) => a.label_sv.localeCompare(b.label_sv, 'sv'));
      expect(list.rows.map((r) => r.key)).toEqual(expected.map((s) => s.id));
      expect(list.rows.every((r) => r.cells.length === 0)).toBe(true);
      expect(list.note?.sv).toContain('I bokstavsordning och utan antal');
    }
  });
});

describe('the change since the previous round', () => {
  it('is the difference of the two publications’ cells, leaving out occupations hidden in either', async () => {
    await plantPlanRound(t, 'round-p0', { opensAt: '2025-09-01T00:00:00.000Z' });
    await plantPlanRound(t, 'round-p1', { scale: 2 });
    const { id } = await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' });
    const change = table(await planAs(id, 'protected'), 'demand-change');
    const kind = ['occupation@4|specialisation'];
    const [before, after] = await Promise.all([publicationCells('round-p0', kind), publicationCells('round-p1', kind)]);
    const software = `occupation@4=${SOFTWARE.ssyk}|specialisation=tech`;
    expect(before.get(software)?.status).toBe('published');
    expect(after.get(software)?.status).toBe('published');
    const row = change.rows.find((r) => r.key === SOFTWARE.ssyk);
    expect(row?.cells.map((c) => c.value)).toEqual([
      before.get(software)?.headcount,
      after.get(software)?.headcount,
      (after.get(software)?.headcount ?? 0) - (before.get(software)?.headcount ?? 0),
    ]);
    // The welders are hidden in both rounds: left out, and counted in the note.
    expect(change.rows.some((r) => r.key === WELDER.ssyk)).toBe(false);
    expect(change.note?.en).toMatch(/occupations are hidden in one or both survey rounds/);
    expect(JSON.stringify(change)).not.toContain(String(PLANTED));
  });
});

describe('what marks a plan internal', () => {
  beforeEach(async () => {
    await plantPlanRound(t);
  });

  it('marks a draft with raw figures internal on every printed page: print view, plan page, Markdown and file names', async () => {
    const { id } = await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' });
    const headers = { cookie: admin };
    const print = await (await request(t.app, `/plans/${id}/print`, { headers })).text();
    // One mark, fixed to the page in print (plans-print.css), so the browser draws it on every page.
    expect(print).toContain('<body class="plan-print plan-internal">');
    expect(print).toContain('<p class="internal-mark" role="note">Internt – får inte spridas</p>');
    const css = await (await request(t.app, print.match(/href="([^"]*plans-print\.css[^"]*)"/)?.[1] ?? '')).text();
    expect(css).toMatch(/\.internal-mark\s*\{[^}]*position:\s*fixed/);
    const page = await (
      await request(t.app, `/plans/${id}`, { headers: { ...headers, 'accept-language': 'en' } })
    ).text();
    expect(page).toContain('<p class="internal-mark" role="note">Internal – not for distribution</p>');

    const md = await request(t.app, `/plans/${id}/plan.md`, { headers });
    const text = await md.text();
    const sections = text.split(/^## /m).slice(1);
    expect(sections).toHaveLength(7);
    for (const section of sections) expect(section).toContain('**Internt – får inte spridas**');
    expect(md.headers.get('content-disposition')).toContain('-internt.md');
    const csv = await request(t.app, `/plans/${id}/tables.csv`, { headers });
    expect(csv.headers.get('content-disposition')).toContain('-internt.csv');
  });

  it('does not mark the protected preview or the adopted plan internal, for the secretariat either', async () => {
    const { id } = await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' });
    const preview = await (
      await request(t.app, `/plans/${id}/print?view=protected`, { headers: { cookie: admin } })
    ).text();
    expect(preview).not.toContain('internal-mark');
    await adoptThroughApi(t, admin, id);
    for (const path of [`/plans/${id}/print`, `/plans/${id}/print?view=raw`, `/plans/${id}`]) {
      const html = await (await request(t.app, path, { headers: { cookie: admin } })).text();
      expect(html, path).not.toContain('internal-mark');
      expect(html, path).toContain('Alla siffror är skyddade');
      expect(html, path).not.toContain('Visa oskyddade siffror');
    }
    const md = await request(t.app, `/plans/${id}/plan.md?view=raw`, { headers: { cookie: admin } });
    expect(await md.text()).not.toContain('Internt');
    expect(md.headers.get('content-disposition')).not.toContain('internt');
  });
});
