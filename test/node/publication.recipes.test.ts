import { parse } from 'csv-parse/sync';
import loadHighs, { type Highs } from 'highs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCell } from '../../src/plans/content.ts';
import type { PlanTable } from '../../src/plans/figures.ts';
import { CATALOGUE } from '../../src/publication/catalogue.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { signIn, signInSecretariat } from '../support/auth.ts';
import { plantRound, seedPublishedDemo } from '../support/demand.ts';
import { createProvider, OCCUPATION, plantOffering } from '../support/education.ts';
import {
  type AuditLine,
  type AuditReport,
  auditPublication,
  checkConsistency,
  type OutputFigure,
  readAuditLines,
} from '../support/lp-auditor.ts';
import { adoptThroughApi, createPlanThroughApi, json, type PlanBody, writeProse } from '../support/plans.ts';
import {
  CATALOGUE_TABLES,
  computePublication,
  issue16Round,
  readPublicationCells,
  type StoredCell,
  tableOutputs,
  writeClosedRound,
} from '../support/publication.ts';
import { submit } from '../support/rounds.ts';
import { createOrganisation, need, orgNumber } from '../support/surveys.ts';

/**
 * The attack recipes of issue 16 as named regression tests. Each is tried as an anonymous outsider,
 * through the real HTTP surface, against a constructed round that is closed and published (twelve
 * organisations in four kommuner, Sölvesborg with two of them; 72 welders, 60 of them at the press
 * plant), the demo, and an open round. A recipe recovers nothing when the view is refused with a 422
 * naming the nearest published table, or the hidden cell is hidden wherever it appears, or the
 * difference of the public figures is not the hidden value; beyond the recipe's own arithmetic, the
 * LP auditor (test/support/lp-auditor.ts) bounds the hidden cell from everything the recipe's
 * requests showed.
 */
let highs: Highs;

beforeAll(async () => {
  highs = await loadHighs();
});

interface Entry {
  cell: string;
  key: Record<string, string>;
  headcount: number | null;
  organisations: number | null;
  suppressed: boolean;
  reason: string | null;
}
interface DemandBody {
  table: string;
  by: string[];
  cells: Entry[];
  totals: Entry[];
}
interface Problem {
  status: number;
  detail: string;
  errors?: { path: string }[];
  nearestTable?: { id: string; dimensions: string[] } | null;
}

const HORIZONS = ['0-1', '1-3', '3-5'] as const;
const SPECIALISATIONS = ['smart-industri', 'tech', 'missions'] as const;
/** The catalogue's demand tables (the difficulty and strategy tables are the indicators'). */
const DEMAND_TABLE_IDS = CATALOGUE.filter(
  (table) => !table.dimensions.some((d) => d.dimension === 'difficulty' || d.dimension === 'strategy'),
).map((table) => table.id);

/** A cell id from a key: `token=code` sorted, as the publication writes it. */
const cellIdOf = (key: Record<string, string | undefined>) =>
  Object.keys(key)
    .filter((token) => key[token] !== undefined)
    .sort()
    .map((token) => `${token}=${key[token]}`)
    .join('|');

const entriesOf = (body: DemandBody) => [...body.cells, ...body.totals];

const figuresOf = (source: string, body: DemandBody): OutputFigure[] =>
  entriesOf(body).map((e) => ({ source, cellId: e.cell, value: e.suppressed ? null : e.headcount }));

/** The attack's arithmetic: a figure minus others, or null where one of them is not published. */
function difference(minuend: number | null | undefined, parts: readonly (number | null | undefined)[]): number | null {
  if (minuend === null || minuend === undefined || parts.some((p) => p === null || p === undefined)) return null;
  return parts.reduce<number>((rest, p) => rest - (p ?? 0), minuend);
}

/** The sum of figures, or null where one of them is not published. */
function sumOf(parts: readonly (number | null | undefined)[]): number | null {
  if (parts.some((p) => p === null || p === undefined)) return null;
  return parts.reduce<number>((sum, p) => sum + (p ?? 0), 0);
}

/** What the page shows of a figure: a number (with Swedish or English grouping), or null (hidden, a word). */
function shownNumber(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  return /^-?\d+$/.test(compact) ? Number(compact) : null;
}

const decode = (html: string) =>
  html
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * The publication of one round as a test knows it (read from the database, never from a view), and
 * what the recipes check against it.
 */
class Published {
  readonly byId: Map<string, StoredCell>;

  constructor(
    readonly cells: readonly StoredCell[],
    readonly lines: readonly AuditLine[],
  ) {
    this.byId = new Map(cells.map((c) => [c.cellId, c]));
  }

  static async read(t: TestApp, roundId: string): Promise<Published> {
    const row = await t.deps.db
      .selectFrom('publications')
      .select('id')
      .where('round_id', '=', roundId)
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();
    return new Published(await readPublicationCells(t, row.id), await readAuditLines(t.deps.db, roundId));
  }

  truth(cellId: string): number {
    const cell = this.byId.get(cellId);
    if (!cell) throw new Error(`no cell '${cellId}' in the publication`);
    return cell.trueHeadcount;
  }

  hidden(cellId: string): boolean {
    return this.byId.get(cellId)?.status !== 'published';
  }

  /**
   * Figures that are not the publication's: a number for a cell the publication hides, a figure
   * other than the published one, a cell shown hidden that the publication shows, or a number for a
   * cell the publication does not have (a new total). An absent cell had no need lines: a nought.
   */
  misplaced(figures: readonly OutputFigure[]): string[] {
    return figures.flatMap((f) => {
      const cell = this.byId.get(f.cellId);
      if (!cell) return f.value === null || f.value === 0 ? [] : [`${f.source}: '${f.cellId}' ${f.value} is no cell`];
      if (cell.status !== 'published') {
        return f.value === null ? [] : [`${f.source}: hidden '${f.cellId}' shown as ${f.value}`];
      }
      return f.value === cell.headcount
        ? []
        : [`${f.source}: '${f.cellId}' shown as ${f.value}, not ${cell.headcount}`];
    });
  }

  /** The same for a count of organisations. */
  misplacedOrganisations(figures: readonly OutputFigure[]): string[] {
    return figures.flatMap((f) => {
      const cell = this.byId.get(f.cellId);
      const expected = cell === undefined ? 0 : cell.status === 'published' ? cell.organisations : null;
      return f.value === expected ? [] : [`${f.source}: organisations of '${f.cellId}' shown as ${f.value}`];
    });
  }

  /**
   * The LP auditor over what some outputs showed: every figure shown is known to the attacker, and
   * every cell shown as hidden is known to hold at least one person.
   */
  attack(figures: readonly OutputFigure[]): AuditReport {
    const published = new Map<string, number>();
    const hidden = new Set<string>();
    for (const f of figures) {
      if (!this.byId.has(f.cellId)) continue;
      if (f.value === null) hidden.add(f.cellId);
      else published.set(f.cellId, f.value);
    }
    return auditPublication(highs, {
      lines: this.lines,
      tables: CATALOGUE_TABLES,
      published: [...published].map(([cellId, value]) => ({ cellId, value })),
      hidden: [...hidden].map((cellId) => ({ cellId, status: this.byId.get(cellId)?.status })),
      complete: false,
      hiddenPositive: true,
    });
  }
}

/** The attacker's interval for a hidden cell reaches its protection levels, and holds the truth strictly inside. */
function expectProtected(report: AuditReport, cellId: string, value: number) {
  const audited = report.cells.find((c) => c.cellId === cellId);
  expect(audited, `'${cellId}' is among the audited hidden cells`).toBeDefined();
  expect(audited, cellId).toMatchObject({ value, pass: true });
  expect(audited?.min ?? value, cellId).toBeLessThan(value);
  expect(audited?.max ?? value, cellId).toBeGreaterThan(value);
}

async function anonymous(t: TestApp, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return request(t.app, path, { headers });
}

async function demandOf(t: TestApp, roundId: string, query: string): Promise<DemandBody> {
  const response = await anonymous(t, `/api/v1/demand?round=${roundId}&${query}`);
  expect(response.status, `${query}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as DemandBody;
}

/** A request no catalogue table answers: a 422 naming the nearest published table, and no figure. */
async function expectRefused(t: TestApp, path: string) {
  const response = await anonymous(t, path);
  const text = await response.text();
  expect(response.status, `${path}: ${text}`).toBe(422);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const problem = JSON.parse(text) as Problem;
  expect(
    CATALOGUE.map((table) => table.id),
    path,
  ).toContain(problem.nearestTable?.id);
  expect(problem.detail, path).toContain('Närmaste publicerade tabell');
  expect(text, path).not.toMatch(/"headcount"|"cells"|"totals"/);
  return problem;
}

/** The issue 16 round, closed and published, as an outsider meets it. */
describe('the attack recipes of issue 16 on a closed, published round', () => {
  const round = issue16Round();
  const ROUND = round.id;
  let t: TestApp;
  let pub: Published;
  let admin: string;
  /** Adopted plans, and what the secretariat's draft showed before adoption. */
  const plans: { id: string; specialisation: string | null; draft: Plan }[] = [];

  beforeAll(async () => {
    t = await createTestApp({ now: new Date('2026-06-02T08:00:00Z') });
    await writeClosedRound(t, round);
    await computePublication(t, ROUND);
    pub = await Published.read(t, ROUND);
    // Offerings, so that the gap has supply and coverage to show beside demand.
    const provider = await createProvider(t);
    await plantOffering(t, provider.id, { name: 'Svetsare', graduates: 12, occupationIds: [OCCUPATION.welder.id] });
    await plantOffering(t, provider.id, {
      name: 'Systemutvecklare',
      graduates: 20,
      occupationIds: [OCCUPATION.software.id],
    });
    await plantOffering(t, provider.id, { name: 'Undersköterska', graduates: 9, occupationIds: ['jY19_knH_MJp'] });
    admin = (await signInSecretariat(t)).cookie;
    for (const specialisation of ['smart-industri', 'all']) {
      const created = await createPlanThroughApi(t, admin, { roundId: ROUND, specialisation });
      const draft = await readPlan(await request(t.app, `/api/v1/plans/${created.id}`, { headers: { cookie: admin } }));
      await adoptThroughApi(t, admin, created.id);
      plans.push({ id: created.id, specialisation: specialisation === 'all' ? null : specialisation, draft });
    }
  }, 120_000);

  afterAll(async () => {
    await t.database.close();
  });

  it('is the round the recipes were measured on: Sölvesborg from two organisations, welders dominated by one firm', () => {
    const solvesborg = pub.byId.get('municipality=1083');
    expect(solvesborg).toMatchObject({ status: 'few', trueHeadcount: 4 });
    expect(pub.lines.filter((l) => l.municipality === '1083').map((l) => l.organisation)).toEqual(
      expect.arrayContaining(['solvesborg-verkstad', 'solvesborg-data']),
    );
    expect(pub.byId.get('occupation@4=7212')).toMatchObject({ status: 'dominance', trueHeadcount: 72 });
    const pressPlantWelders = pub.lines
      .filter((l) => l.organisation === 'press-plant' && l.occupation === '7212')
      .reduce((sum, l) => sum + l.headcount, 0);
    expect(pressPlantWelders).toBe(60);
    expect(pub.byId.get('')).toMatchObject({ status: 'published', headcount: 153 });
  });

  // Recipe: total of by=municipality minus the total filtered to the other three kommuner.
  it('does not give away a kommun hidden in the kommun table as the difference of two filtered totals', async () => {
    const byMunicipality = await demandOf(t, ROUND, 'by=municipality');
    const grand = byMunicipality.totals.find((e) => e.cell === '');
    expect(grand).toMatchObject({ headcount: 153, suppressed: false });
    expect(byMunicipality.cells.find((e) => e.cell === 'municipality=1083')).toMatchObject({
      headcount: null,
      organisations: null,
      suppressed: true,
    });
    const seen = figuresOf('by=municipality', byMunicipality);
    const others = '1060,1080,1082';
    // Every way of asking for "the same data filtered to the other three kommuner".
    for (const query of [
      `by=horizon&municipality=${others}`,
      `by=municipality&municipality=${others}`,
      `table=horizon&municipality=${others}`,
      `table=municipality-horizon&municipality=${others}`,
      `by=specialisation&municipality=${others}`,
      `by=horizon,specialisation&municipality=${others}`,
    ]) {
      const body = await demandOf(t, ROUND, query);
      // A filter selects: every figure keeps its kommun; none sums over the three.
      expect(
        entriesOf(body).filter((e) => !others.split(',').includes(e.key.municipality ?? '')),
        query,
      ).toEqual([]);
      seen.push(...figuresOf(query, body));
    }
    const csv = await anonymous(t, `/api/v1/demand.csv?round=${ROUND}&by=horizon&municipality=${others}`);
    const rows = parse(await csv.text(), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    expect(
      rows.filter((r) => !others.split(',').some((k) => (r.cell ?? '').split('|').includes(`municipality=${k}`))),
    ).toEqual([]);
    for (const r of rows) {
      seen.push({
        source: 'demand.csv',
        cellId: r.cell ?? '',
        value: r.headcount === ':c' ? null : Number(r.headcount),
      });
    }
    // A total over several kommuner no table holds is refused, not computed.
    await expectRefused(t, `/api/v1/demand?round=${ROUND}&by=occupation&municipality=${others}`);

    expect(pub.misplaced(seen)).toEqual([]);
    const parts = others.split(',').map((k) => seen.find((f) => f.cellId === `municipality=${k}`)?.value);
    expect(difference(grand?.headcount, parts)).not.toBe(pub.truth('municipality=1083'));
    const report = pub.attack(seen);
    expect(report.problems).toEqual([]);
    expectProtected(report, 'municipality=1083', 4);
  });

  // Recipe: Ronneby, hidden in by=municipality, published as a total in by=horizon&municipality=1081
  // (here Karlskrona, 1080, hidden to protect the others).
  it('keeps a kommun hidden in the kommun table hidden in every other view that names it', async () => {
    const byMunicipality = await demandOf(t, ROUND, 'by=municipality');
    const hiddenKommuner = byMunicipality.cells.filter((e) => e.suppressed).map((e) => e.key.municipality ?? '');
    // The recipe's case: a kommun hidden only to protect another (secondary suppression).
    expect(byMunicipality.cells.find((e) => e.key.municipality === '1080')?.reason).toBe('secondary');
    const seen = figuresOf('by=municipality', byMunicipality);
    for (const kommun of hiddenKommuner) {
      for (const query of [
        `by=horizon&municipality=${kommun}`,
        `by=specialisation&municipality=${kommun}`,
        `by=horizon,specialisation&municipality=${kommun}`,
        `table=municipality-horizon&municipality=${kommun}`,
        `table=specialisation-municipality-horizon&municipality=${kommun}`,
      ]) {
        const body = await demandOf(t, ROUND, query);
        const total = entriesOf(body).filter((e) => e.cell === `municipality=${kommun}`);
        expect(total.length, query).toBeGreaterThan(0);
        for (const e of total) expect(e, query).toMatchObject({ headcount: null, suppressed: true });
        seen.push(...figuresOf(query, body));
      }
      // The kommun's total is not its published parts either.
      const parts = HORIZONS.map((h) => {
        const id = `horizon=${h}|municipality=${kommun}`;
        return pub.byId.has(id) ? seen.find((f) => f.cellId === id)?.value : 0;
      });
      expect(sumOf(parts), kommun).not.toBe(pub.truth(`municipality=${kommun}`));
    }
    // The page and open data show the same cells hidden.
    const page = await anonymous(t, `/demand?round=${ROUND}&table=municipality-horizon`);
    seen.push(...pageFigures('/demand', await page.text()).headcounts);
    const open = (await (await anonymous(t, `/api/v1/open-data/demand?round=${ROUND}`)).json()) as {
      rows: { cell: string; headcount: number | null }[];
    };
    seen.push(...open.rows.map((r) => ({ source: 'open data', cellId: r.cell, value: r.headcount })));
    for (const kommun of hiddenKommuner) {
      expect(seen.filter((f) => f.cellId === `municipality=${kommun}` && f.value !== null)).toEqual([]);
    }
    expect(pub.misplaced(seen)).toEqual([]);
    expect(checkConsistency(seen)).toEqual([]);
    const report = pub.attack(seen);
    expect(report.problems).toEqual([]);
    expect(report.failures).toEqual([]);
  });

  // Recipe: grand total minus the total filtered to the other occupations = welders 72 (60 one firm's).
  it('does not give away the dominated welders as the grand total minus the other occupations', async () => {
    const byOccupation = await demandOf(t, ROUND, 'by=occupation');
    const grand = byOccupation.totals.find((e) => e.cell === '');
    expect(grand?.headcount).toBe(153);
    expect(byOccupation.cells.find((e) => e.cell === 'occupation@4=7212')).toMatchObject({
      headcount: null,
      suppressed: true,
      reason: 'dominance',
    });
    const others = byOccupation.cells.map((e) => e.key.occupation ?? '').filter((code) => code !== '7212');
    expect(others.length).toBeGreaterThan(3);
    const seen = figuresOf('by=occupation', byOccupation);
    // "The total filtered to the other occupations", asked every way: a selection, never a sum over them.
    for (const query of [
      `by=horizon&occupation=${others.join(',')}`,
      `by=occupation&occupation=${others.join(',')}`,
      `table=ssyk4-horizon&occupation=${others.join(',')}`,
    ]) {
      const body = await demandOf(t, ROUND, query);
      expect(
        entriesOf(body).filter((e) => !others.includes(e.key.occupation ?? '')),
        query,
      ).toEqual([]);
      seen.push(...figuresOf(query, body));
    }
    for (const query of [
      'by=occupation&ssykLevel=3',
      'by=occupation&ssykLevel=2',
      'by=occupation&ssykLevel=1',
      'by=occupation,horizon&ssykLevel=3',
      'by=occupation,specialisation',
      'by=occupation,horizon&specialisation=smart-industri',
    ]) {
      seen.push(...figuresOf(query, await demandOf(t, ROUND, query)));
    }
    // Every welder has difficulty 4: the indicators' difficulty 4 is the welders too.
    for (const query of ['', ...SPECIALISATIONS.map((s) => `&specialisation=${s}`)]) {
      seen.push(...(await indicatorFigures(t, ROUND, query)));
    }
    expect(seen.find((f) => f.cellId === 'difficulty=4')?.value).toBeNull();
    // The groups the welders are in are hidden too, at every SSYK level.
    for (const id of ['occupation@3=721', 'occupation@2=72', 'occupation@1=7']) {
      expect(seen.filter((f) => f.cellId === id).map((f) => f.value)).toContain(null);
    }
    expect(pub.misplaced(seen)).toEqual([]);
    const parts = others.map((code) => seen.find((f) => f.cellId === `occupation@4=${code}`)?.value);
    expect(difference(grand?.headcount, parts)).not.toBe(72);
    const report = pub.attack(seen);
    expect(report.problems).toEqual([]);
    expectProtected(report, 'occupation@4=7212', 72);
    expectProtected(report, 'difficulty=4', 72);
  });

  // Recipe: two filtered totals that differ by one kommun differ by exactly one organisation's line.
  it('answers two selections that differ by one kommun with that kommun’s own cells only, hidden where the publication hides them', async () => {
    const seen: OutputFigure[] = [];
    for (const breakdown of ['by=horizon', 'by=specialisation', 'by=horizon,specialisation']) {
      const three = await demandOf(t, ROUND, `${breakdown}&municipality=1060,1080,1082`);
      const four = await demandOf(t, ROUND, `${breakdown}&municipality=1060,1080,1082,1083`);
      const one = await demandOf(t, ROUND, `${breakdown}&municipality=1083`);
      const figure = (e: Entry) => [e.cell, e.suppressed ? null : e.headcount] as const;
      // The larger selection is the smaller one and the added kommun's cells, figure for figure.
      expect(new Map(entriesOf(four).map(figure)), breakdown).toEqual(
        new Map([...entriesOf(three), ...entriesOf(one)].map(figure)),
      );
      expect(
        entriesOf(four).filter((e) => e.key.municipality === undefined),
        breakdown,
      ).toEqual([]);
      // What the two differ by: Sölvesborg's two organisations, hidden in every cell.
      expect(entriesOf(one).length).toBeGreaterThan(0);
      expect(entriesOf(one).filter((e) => !e.suppressed)).toEqual([]);
      seen.push(...figuresOf(breakdown, four));
    }
    expect(pub.misplaced(seen)).toEqual([]);
    const report = pub.attack(seen);
    expect(report.problems).toEqual([]);
    expect(report.failures).toEqual([]);
    expectProtected(report, 'municipality=1083', 4);
  });

  // Recipe: filtering by size class isolates the only large firm's total and its welders.
  it('does not isolate the only large firm of a horizon, or its welders, by filtering on size class', async () => {
    const bySize = await demandOf(t, ROUND, 'by=horizon&sizeClass=250%2B');
    // Within one year the press plant is the only large organisation with needs: 40 welders and 12 operators.
    expect(pub.byId.get('horizon=0-1|sizeClass=250+')).toMatchObject({ trueHeadcount: 52, status: 'few' });
    expect(bySize.cells.find((e) => e.cell === 'horizon=0-1|sizeClass=250+')).toMatchObject({
      headcount: null,
      suppressed: true,
    });
    expect(bySize.totals.find((e) => e.cell === 'sizeClass=250+')).toMatchObject({ headcount: null, suppressed: true });
    const seen = [
      ...figuresOf('by=horizon&sizeClass=250+', bySize),
      ...figuresOf('by=sizeClass', await demandOf(t, ROUND, 'by=sizeClass')),
      ...figuresOf('by=horizon', await demandOf(t, ROUND, 'by=horizon')),
    ];
    // The size class crossed with anything that could single out the welders is no published table.
    for (const query of [
      'by=occupation&sizeClass=250%2B',
      'by=occupation&sizeClass=250%2B&occupation=7212',
      'by=horizon&sizeClass=250%2B&occupation=7212',
      'by=sizeClass&occupation=7212',
      'by=sizeClass&specialisation=smart-industri',
      'by=sizeClass&municipality=1060',
      'by=sizeClass,municipality',
      'by=sizeClass,occupation,horizon',
    ]) {
      const problem = await expectRefused(t, `/api/v1/demand?round=${ROUND}&${query}`);
      expect(problem.errors?.[0]?.path, query).toBe('by');
    }
    expect(pub.misplaced(seen)).toEqual([]);
    const report = pub.attack(seen);
    expect(report.problems).toEqual([]);
    expectProtected(report, 'horizon=0-1|sizeClass=250+', 52);
    expectProtected(report, 'sizeClass=250+', 101);
  });

  // Recipe: a cell hidden in the demand table is published in GET /api/v1/gaps, an adopted plan's
  // tables.csv, …, and the rest of its line is public.
  it('shows every hidden cell hidden, and every cell with one figure, across every public output together', async () => {
    const seen: OutputFigure[] = [];
    const organisations: OutputFigure[] = [];
    const add = (figures: readonly OutputFigure[]) => seen.push(...figures);

    for (const table of DEMAND_TABLE_IDS) {
      add(figuresOf(`GET /api/v1/demand?table=${table}`, await demandOf(t, ROUND, `table=${table}`)));
      const csv = await anonymous(t, `/api/v1/demand.csv?round=${ROUND}&table=${table}`);
      expect(csv.status).toBe(200);
      for (const r of parse(await csv.text(), { columns: true, bom: true }) as Record<string, string>[]) {
        add([
          {
            source: `demand.csv ${table}`,
            cellId: r.cell ?? '',
            value: r.headcount === ':c' ? null : Number(r.headcount),
          },
        ]);
      }
      const page = pageFigures(
        `/demand?table=${table}`,
        await (await anonymous(t, `/demand?round=${ROUND}&table=${table}`)).text(),
      );
      add(page.headcounts);
      add(page.chart);
      organisations.push(...page.organisations);
    }
    for (const query of ['', ...SPECIALISATIONS.map((s) => `&specialisation=${s}`)]) {
      add(await indicatorFigures(t, ROUND, query));
    }
    for (const specialisation of [null, ...SPECIALISATIONS]) {
      add(await gapFigures(t, ROUND, specialisation));
    }
    for (const subject of [
      ...SPECIALISATIONS.map((s) => `specialisation=${s}`),
      'occupation=7212',
      'occupation=2512',
      'occupation=5321',
    ]) {
      add(await evidenceFigures(t, ROUND, subject));
    }
    const open = (await (await anonymous(t, `/api/v1/open-data/demand?round=${ROUND}`)).json()) as {
      rows: { cell: string; headcount: number | null; organisations: number | null }[];
    };
    add(open.rows.map((r) => ({ source: 'open data JSON', cellId: r.cell, value: r.headcount })));
    organisations.push(...open.rows.map((r) => ({ source: 'open data JSON', cellId: r.cell, value: r.organisations })));
    const openCsv = await (await anonymous(t, `/api/v1/open-data/demand.csv?round=${ROUND}`)).text();
    for (const r of parse(openCsv, { columns: true, bom: true }) as Record<string, string>[]) {
      add([{ source: 'open data CSV', cellId: r.cell ?? '', value: r.headcount === '' ? null : Number(r.headcount) }]);
    }
    for (const plan of plans) {
      const body = await readPlan(await anonymous(t, `/api/v1/plans/${plan.id}`));
      const figures = planFigures(`plan ${plan.id}`, body, plan.specialisation);
      add(figures.headcounts);
      organisations.push(...figures.organisations);
      const csv = await anonymous(t, `/plans/${plan.id}/tables.csv`, { 'accept-language': 'en' });
      add(planCsvFigures(`plan ${plan.id} tables.csv`, await csv.text(), body, plan.specialisation));
    }

    // Not vacuous: every kind of output was read, and hidden cells are among what they show.
    const sources = new Set(seen.map((f) => f.source.split(/[ ?]/)[0]));
    for (const source of [
      'GET',
      'demand.csv',
      '/demand',
      'chart',
      'indicators',
      'gaps',
      'gaps.csv',
      'evidence',
      'evidence.csv',
      'open',
      'plan',
    ]) {
      expect(sources, source).toContain(source);
    }
    expect(seen.some((f) => f.source.startsWith('gaps') && f.value === null)).toBe(true);
    expect(seen.some((f) => f.source.startsWith('plan') && f.value === null)).toBe(true);
    const hiddenShown = new Set(seen.filter((f) => f.value === null).map((f) => f.cellId));
    expect(hiddenShown).toContain('horizon=0-1|occupation@4=7212');

    // Every hidden cell of the publication is nowhere shown with a number, and each cell has one figure.
    expect(seen.filter((f) => f.value !== null && pub.hidden(f.cellId) && pub.byId.has(f.cellId))).toEqual([]);
    expect(pub.misplaced(seen)).toEqual([]);
    expect(pub.misplacedOrganisations(organisations)).toEqual([]);
    expect(checkConsistency([...tableOutputs(pub.cells), ...seen])).toEqual([]);
    // And all of it together still protects every hidden cell.
    const report = pub.attack([...tableOutputs(pub.cells), ...seen]);
    expect(report.problems).toEqual([]);
    expect(report.failures).toEqual([]);
    expect(report.cells.length).toBeGreaterThan(20);
  }, 120_000);

  // Recipe: the secretariat's print view of an adopted plan shows the raw figures.
  it('shows only published figures in an adopted plan’s print view, Markdown and CSV, to an outsider and to the secretariat', async () => {
    for (const plan of plans) {
      // Not vacuous: the secretariat's draft showed figures that the publication hides.
      const raw = planFigures('draft', plan.draft, plan.specialisation).headcounts;
      const rawOnly = raw.filter((f) => f.value !== null && pub.hidden(f.cellId));
      expect(rawOnly.length, plan.id).toBeGreaterThan(0);

      const published = await readPlan(await anonymous(t, `/api/v1/plans/${plan.id}`));
      expect(published).toMatchObject({ status: 'adopted', figures: 'protected', published: true });
      const figures = planFigures('adopted plan', published, plan.specialisation);
      expect(pub.misplaced(figures.headcounts)).toEqual([]);
      expect(pub.misplacedOrganisations(figures.organisations)).toEqual([]);
      for (const f of rawOnly) {
        expect(figures.headcounts.find((g) => g.cellId === f.cellId)?.value ?? null, f.cellId).toBeNull();
      }
      expect(indicatorsMisplaced(pub, published, plan.specialisation)).toEqual([]);

      for (const cookie of [undefined, admin]) {
        const headers: Record<string, string> = cookie ? { cookie } : {};
        const who = cookie ? 'secretariat' : 'anonymous';
        for (const view of ['', '?view=raw', '?view=protected']) {
          const api = await readPlan(await anonymous(t, `/api/v1/plans/${plan.id}${view}`, headers));
          expect(api.figures, `${who} ${view}`).toBe('protected');
          expect(api.tables, `${who} ${view}`).toEqual(published.tables);
          for (const lang of ['sv', 'en'] as const) {
            const expected = displayed(published, lang);
            const at = `${who} ${lang} ${view}`;
            const print = await anonymous(t, `/plans/${plan.id}/print${view}`, { ...headers, 'accept-language': lang });
            expect(print.status, at).toBe(200);
            const html = await print.text();
            expect(html, at).not.toContain('internal-mark');
            expect(printTables(html), `print ${at}`).toEqual(expected);
            const md = await anonymous(t, `/plans/${plan.id}/plan.md${view}`, { ...headers, 'accept-language': lang });
            expect(markdownTables(await md.text()), `plan.md ${at}`).toEqual(expected);
            const csv = await anonymous(t, `/plans/${plan.id}/tables.csv${view}`, {
              ...headers,
              'accept-language': lang,
            });
            expect(csv.headers.get('content-disposition'), at).not.toContain('internt');
            const text = await csv.text();
            expect(pub.misplaced(planCsvFigures(`tables.csv ${at}`, text, published, plan.specialisation))).toEqual([]);
          }
        }
      }
    }
  }, 120_000);

  // Recipe: "Adopt" published in one click, with placeholder text still in the plan and no review.
  it('does not adopt a plan in one click: confirmation, written prose and a review (or a reason to skip it) come first', async () => {
    const draft = await createPlanThroughApi(t, admin, { roundId: ROUND, specialisation: 'tech' });
    const post = (body: Record<string, unknown>) =>
      request(t.app, `/api/v1/plans/${draft.id}/status`, json(admin, 'POST', body));
    const reason = { reviewSkippedReason: 'Referensgruppen gick igenom planen på sitt möte.' };
    // One click from the draft: refused (a plan goes to review first).
    expect((await post({ status: 'adopted', confirm: true, ...reason })).status).toBe(409);
    expect((await post({ status: 'review' })).status).toBe(200);
    // Not while the template's placeholder text remains.
    const placeholders = await post({ status: 'adopted', confirm: true, ...reason });
    expect(placeholders.status).toBe(409);
    expect(
      ((await placeholders.json()) as { placeholderSections: string[] }).placeholderSections.length,
    ).toBeGreaterThan(0);
    // Not without a review, or a recorded reason to skip it.
    await writeProse(t, admin, draft.id);
    const unreviewed = await post({ status: 'adopted', confirm: true });
    expect(unreviewed.status).toBe(409);
    expect(((await unreviewed.json()) as Problem).errors?.[0]?.path).toBe('reviewSkippedReason');
    // Not without confirmation.
    const unconfirmed = await post({ status: 'adopted', ...reason });
    expect(unconfirmed.status).toBe(422);
    expect(((await unconfirmed.json()) as Problem).errors?.[0]?.path).toBe('confirm');
    // Nothing was published: the plan is no one's to read but the secretariat's.
    expect((await anonymous(t, `/api/v1/plans/${draft.id}`)).status).toBe(404);
    expect((await anonymous(t, `/plans/${draft.id}/print`)).status).toBe(404);
  });
});

// ---- collectors: what each output shows, by cell id ---------------------------------------------

/** The indicators' figures by cell: the base, the difficulty levels and the strategies. */
async function indicatorFigures(t: TestApp, roundId: string, query: string): Promise<OutputFigure[]> {
  const response = await anonymous(t, `/api/v1/demand/indicators?round=${roundId}${query}`);
  expect(response.status, query).toBe(200);
  const body = (await response.json()) as {
    specialisation: string | null;
    base: { headcount: number | null; suppressed: boolean };
    difficulty: { distribution: { level: number; headcount: number | null; suppressed: boolean }[] };
    strategies: { code: string; headcount: number | null; suppressed: boolean }[];
  };
  const specialisation = body.specialisation ?? undefined;
  const source = `indicators${query}`;
  return [
    { source, cellId: cellIdOf({ specialisation }), value: body.base.suppressed ? null : body.base.headcount },
    ...body.difficulty.distribution.map((d) => ({
      source,
      cellId: cellIdOf({ difficulty: String(d.level), specialisation }),
      value: d.suppressed ? null : d.headcount,
    })),
    ...body.strategies.map((s) => ({
      source,
      cellId: cellIdOf({ specialisation, strategy: s.code }),
      value: s.suppressed ? null : s.headcount,
    })),
  ];
}

interface GapItem {
  occupation: string;
  horizon: string;
  demand: number | null;
  suppressed: boolean;
  demandPerYear: number | null;
  coverage: number | null;
  shortage: number | null;
  supplyInHorizon: number;
  coverageLevel: { cell: string; demand: number; coverage: number; supplyInHorizon: number } | null;
}

/**
 * The gap as JSON and CSV: each row's demand is its occupation × horizon cell; a coverage shown at a
 * coarser level is that cell's demand. A row's coverage and shortage would give back its demand
 * (demand = supply ÷ coverage), so they must be hidden with it.
 */
async function gapFigures(t: TestApp, roundId: string, specialisation: string | null): Promise<OutputFigure[]> {
  const filter = specialisation ? `&specialisation=${specialisation}` : '';
  const response = await anonymous(t, `/api/v1/gaps?round=${roundId}${filter}&limit=500`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as {
    items: GapItem[];
    nextCursor: string | null;
    shortages: { cell: string; demand: number }[];
    demandWithoutOffering: { occupation: string; horizon: string; demand: number | null }[];
  };
  expect(body.nextCursor).toBeNull();
  const source = `gaps${filter}`;
  const rowCell = (occupation: string, horizon: string) =>
    cellIdOf({ horizon, 'occupation@4': occupation, specialisation: specialisation ?? undefined });
  const out: OutputFigure[] = [];
  for (const item of body.items) {
    out.push({ source, cellId: rowCell(item.occupation, item.horizon), value: item.suppressed ? null : item.demand });
    if (item.suppressed) {
      expect([item.demand, item.demandPerYear, item.coverage, item.shortage], source).toEqual([null, null, null, null]);
    } else if (item.coverage !== null && item.demand !== null) {
      expect(item.coverage, source).toBeCloseTo(item.supplyInHorizon / item.demand, 2);
    }
    if (item.coverageLevel) {
      out.push({
        source: `${source} coverageLevel`,
        cellId: item.coverageLevel.cell,
        value: item.coverageLevel.demand,
      });
      expect(item.coverageLevel.coverage).toBeCloseTo(
        item.coverageLevel.supplyInHorizon / item.coverageLevel.demand,
        2,
      );
    }
  }
  out.push(...body.shortages.map((s) => ({ source: `${source} shortages`, cellId: s.cell, value: s.demand })));
  out.push(
    ...body.demandWithoutOffering.map((d) => ({
      source: `${source} demandWithoutOffering`,
      cellId: rowCell(d.occupation, d.horizon),
      value: d.demand,
    })),
  );
  const csv = await anonymous(t, `/api/v1/gaps.csv?round=${roundId}${filter}`);
  expect(csv.status).toBe(200);
  for (const r of parse(await csv.text(), { columns: true, bom: true }) as Record<string, string>[]) {
    const hidden = r.demand === ':c';
    out.push({
      source: `gaps.csv${filter}`,
      cellId: rowCell(r.occupation ?? '', r.horizon ?? ''),
      value: hidden ? null : Number(r.demand),
    });
    if (hidden) expect([r.coverage, r.shortage, r.demandPerYear]).toEqual([':c', ':c', ':c']);
    if (r.coverageCell) expect(r.coverageAtLevel, r.coverageCell).not.toBe('');
  }
  return out;
}

/** The evidence pack, its CSV and its print-ready page, row by row (the page in the CSV's order). */
async function evidenceFigures(t: TestApp, roundId: string, subject: string): Promise<OutputFigure[]> {
  const specialisation = /^specialisation=(.+)$/.exec(subject)?.[1];
  const csv = await anonymous(t, `/education/evidence.csv?round=${roundId}&${subject}`);
  expect(csv.status, subject).toBe(200);
  const rows = (parse(await csv.text(), { columns: true, bom: true }) as Record<string, string>[]).filter(
    (r) => r.section === 'gap',
  );
  const cellOf = (r: Record<string, string>) =>
    cellIdOf({ horizon: r.horizon, 'occupation@4': r.occupation, specialisation });
  const out: OutputFigure[] = rows.map((r) => ({
    source: `evidence.csv ${subject}`,
    cellId: cellOf(r),
    value: r.demand === ':c' ? null : Number(r.demand),
  }));
  const html = await (await anonymous(t, `/education/evidence?round=${roundId}&${subject}`)).text();
  const shown = [
    ...html.matchAll(/<th scope="row">[^<]*\(([^()<]+)\)<\/th>\s*<td>[^<]*<\/td>\s*<td class="num">([^<(]*)/g),
  ];
  expect(
    shown.map((m) => m[1]),
    subject,
  ).toEqual(rows.map((r) => r.occupation));
  shown.forEach((m, i) => {
    const row = rows[i];
    if (row) out.push({ source: `evidence ${subject}`, cellId: cellOf(row), value: shownNumber(m[2] ?? '') });
  });
  return out;
}

/**
 * The demand page's figures by cell: each table cell (a list shows a cell's headcount and then its
 * organisations, both marked with the cell's id) and each bar's value in the chart.
 */
function pageFigures(source: string, html: string) {
  const headcounts: OutputFigure[] = [];
  const organisations: OutputFigure[] = [];
  for (const row of html.split(/<tr[\s>]/).slice(1)) {
    const cells = [
      ...row.matchAll(
        /<td class="num([^"]*)" data-key="[^"]*" data-cell="([^"]*)">\s*<span class="cell-value">([^<]*)</g,
      ),
    ].map((m) => ({
      hidden: (m[1] ?? '').includes('cell-hidden'),
      cellId: decode(m[2] ?? ''),
      value: shownNumber(decode(m[3] ?? '')),
    }));
    cells.forEach((c, i) => {
      const figure = { source, cellId: c.cellId, value: c.hidden ? null : c.value };
      if (!c.hidden) expect(c.value, `${source} ${c.cellId}`).not.toBeNull();
      if (i > 0 && cells[i - 1]?.cellId === c.cellId) organisations.push(figure);
      else headcounts.push(figure);
    });
  }
  const chart = [...html.matchAll(/<text [^>]*class="chart-(value|hidden)" data-cell="([^"]*)">([^<]*)<\/text>/g)].map(
    (m) => ({
      source: `chart ${source}`,
      cellId: decode(m[2] ?? ''),
      value: m[1] === 'hidden' ? null : shownNumber(decode(m[3] ?? '')),
    }),
  );
  return { headcounts, organisations, chart };
}

/** A plan as GET /api/v1/plans/{id} answers: its generated tables as they are stored. */
type Plan = Omit<PlanBody, 'tables'> & { tables: PlanTable[] };

const readPlan = async (response: Response) => (await response.json()) as Plan;

/** The cell a plan table's figure is, for the tables of demand cells; null for derived figures. */
function planCell(table: string, row: string, specialisation: string | null): string | null {
  const scoped = (key: Record<string, string>) => cellIdOf({ ...key, specialisation: specialisation ?? undefined });
  if (table === 'demand-horizon') return row === 'total' ? scoped({}) : scoped({ horizon: row });
  const horizon = /^demand-occupations-(.+)$/.exec(table)?.[1];
  if (horizon)
    return row.startsWith('coarser:') ? row.slice('coarser:'.length) : scoped({ horizon, 'occupation@4': row });
  if (table === 'education-gap' || table === 'education-no-offering') {
    const [occupation = '', rowHorizon = ''] = row.split('|');
    return scoped({ horizon: rowHorizon, 'occupation@4': occupation });
  }
  return null;
}

/** A plan's demand figures by cell: the headcount and organisations columns of its demand tables, the gap's demand. */
function planFigures(source: string, plan: Plan, specialisation: string | null) {
  const headcounts: OutputFigure[] = [];
  const organisations: OutputFigure[] = [];
  for (const table of plan.tables) {
    for (const row of table.rows) {
      const cellId = planCell(table.key, row.key, specialisation);
      if (cellId === null) continue;
      const [first, second] = row.cells;
      headcounts.push({
        source: `${source} ${table.key}`,
        cellId,
        value: first?.suppressed ? null : (first?.value ?? null),
      });
      if (table.key.startsWith('demand-') && second) {
        organisations.push({
          source: `${source} ${table.key}`,
          cellId,
          value: second.suppressed ? null : second.value,
        });
      }
    }
  }
  return { headcounts, organisations };
}

/** A plan's tables.csv by cell (`:c` where hidden): the first figure of each row of a demand table. */
function planCsvFigures(source: string, text: string, plan: Plan, specialisation: string | null): OutputFigure[] {
  const rows = parse(text, { bom: true, from_line: 2 }) as string[][];
  const firstColumn = new Map(plan.tables.map((table) => [table.key, new Set<string>()]));
  const out: OutputFigure[] = [];
  for (const [table = '', , row = '', , column = '', value = ''] of rows) {
    const seenRows = firstColumn.get(table);
    if (!seenRows || seenRows.has(row)) continue;
    seenRows.add(row);
    const cellId = planCell(table, row, specialisation);
    if (cellId === null) continue;
    out.push({ source: `${source} ${table} ${column}`, cellId, value: value === ':c' ? null : Number(value) });
  }
  expect(out.length, source).toBeGreaterThan(0);
  return out;
}

/**
 * The indicators of a plan are computed from cells: a share only from a published strategy cell
 * and a published total (a strategy nobody named is a published nought), the mean only where the
 * whole distribution over difficulty is published.
 */
function indicatorsMisplaced(pub: Published, plan: Plan, specialisation: string | null): string[] {
  const table = plan.tables.find((tb) => tb.key === 'demand-indicators');
  if (!table) return ['no indicator table'];
  const scoped = (key: Record<string, string>) => cellIdOf({ ...key, specialisation: specialisation ?? undefined });
  const published = (cellId: string): number | null => {
    const cell = pub.byId.get(cellId);
    if (!cell) return 0;
    return cell.status === 'published' ? cell.headcount : null;
  };
  const base = published(scoped({}));
  const levels = [1, 2, 3, 4, 5].map((level) => [level, published(scoped({ difficulty: String(level) }))] as const);
  const whole = base !== null && levels.every(([, h]) => h !== null);
  const sum = levels.reduce((s, [, h]) => s + (h ?? 0), 0);
  const mean =
    whole && sum > 0 ? Math.round((levels.reduce((s, [l, h]) => s + l * (h ?? 0), 0) / sum) * 100) / 100 : null;
  return table.rows.flatMap((row) => {
    const shown = row.cells[0]?.value ?? null;
    let expected: number | null;
    if (row.key === 'difficulty-mean') expected = mean;
    else {
      const part = published(scoped({ strategy: row.key.replace(/-share$/, '') }));
      expected = part === null || base === null || base === 0 ? null : Math.round((part / base) * 10000) / 10000;
    }
    return shown === expected ? [] : [`${row.key}: ${shown}, from the published cells ${expected}`];
  });
}

/** The tables as a reader sees them: the title, and per row its label and each figure as written. */
function displayed(plan: Plan, lang: 'sv' | 'en') {
  return plan.tables
    .filter((table) => table.rows.some((row) => row.cells.length > 0))
    .map((table) => ({
      title: table.title[lang],
      rows: table.rows.map((row) => [row.label[lang], ...row.cells.map((c) => formatCell(c, lang))]),
    }));
}

/** The figure tables of a print view: caption, and per row its label and the figures' texts. */
function printTables(html: string) {
  return [
    ...html.matchAll(/<table class="data-table">\s*<caption>([\s\S]*?)<\/caption>[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/g),
  ]
    .map((m) => ({
      title: decode(m[1] ?? '').trim(),
      rows: [...(m[2] ?? '').matchAll(/<th scope="row">([\s\S]*?)<\/th>([\s\S]*?)<\/tr>/g)].map((r) => [
        decode(r[1] ?? '').trim(),
        ...[...(r[2] ?? '').matchAll(/<span class="cell-value">([\s\S]*?)<\/span>/g)].map((c) =>
          decode(c[1] ?? '').trim(),
        ),
      ]),
    }))
    .filter((table) => table.rows.some((row) => row.length > 1));
}

/** The figure tables of a plan's Markdown: each `### title` and its table's rows. */
function markdownTables(md: string) {
  return md
    .split(/^### /m)
    .slice(1)
    .map((chunk) => {
      const [title = '', ...after] = chunk.split('\n');
      // The table under the heading, within its section (a section's measures come after a `## `).
      const next = after.findIndex((line) => line.startsWith('## '));
      const rest = next < 0 ? after : after.slice(0, next);
      const start = rest.findIndex((line) => line.startsWith('| '));
      const end = rest.findIndex((line, i) => i > start && !line.startsWith('| '));
      const lines = start < 0 ? [] : rest.slice(start, end < 0 ? undefined : end);
      return {
        title: title.trim(),
        rows: lines.slice(2).map((line) =>
          line
            .slice(2, -2)
            .split(/(?<!\\) \| /)
            .map((cell) => cell.replace(/\\\|/g, '|').trim()),
        ),
      };
    })
    .filter((table) => table.rows.some((row) => row.length > 1));
}

// ---- open rounds and the demo ------------------------------------------------------------------

describe('the attack recipes of issue 16 on an open round', () => {
  // Recipe: the public total of an open round before and after one submission differs by exactly it.
  it('publishes no figure at all for an open round, only how many have answered, before and after a submission', async () => {
    const t = await createTestApp({ now: new Date('2026-09-15T09:00:00Z') });
    const orgs = ['open-a', 'open-b', 'open-c', 'open-d'].map((id, i) => ({
      id,
      municipality: i % 2 ? '1080' : '1082',
    }));
    await plantRound(
      t,
      { id: 'open-16', status: 'open' },
      orgs,
      orgs.map((o, i) => ({ org: o.id, headcount: 5 + i, horizon: '1-3' as const })),
    );
    await createOrganisation(t, 'open-e', { orgNumber: orgNumber(777) });
    for (const id of [...orgs.map((o) => o.id), 'open-e']) {
      await t.deps.db
        .insertInto('round_targets')
        .values({
          round_id: 'open-16',
          organisation_id: id,
          sector: 'naringsliv',
          size_class: '10-49',
          municipality_code: '1080',
        })
        .execute();
    }
    const paths = [
      '/api/v1/demand?round=open-16&by=horizon',
      '/api/v1/demand?round=open-16&table=municipality-horizon',
      '/api/v1/demand.csv?round=open-16&by=horizon',
      '/api/v1/demand/indicators?round=open-16',
      '/api/v1/gaps?round=open-16',
      '/api/v1/gaps.csv?round=open-16',
      '/education/evidence?round=open-16&specialisation=tech',
      '/education/evidence.csv?round=open-16&specialisation=tech',
      '/api/v1/open-data/demand?round=open-16',
      '/api/v1/open-data/demand.csv?round=open-16',
      '/demand?round=open-16',
      '/demand?round=open-16&table=municipality-horizon',
    ];
    const read = async () => {
      const out = new Map<string, { status: number; text: string }>();
      for (const path of paths) {
        const response = await anonymous(t, path);
        out.set(path, { status: response.status, text: await response.text() });
      }
      return out;
    };
    const before = await read();
    const member = await signIn(t, { memberships: [{ organisationId: 'open-e' }] });
    await submit(t, member, 'open-16', 'open-e', { organisation: {}, needs: [need({ headcount: 17 })] });
    const after = await read();

    for (const [path, { status, text }] of after) {
      const earlier = before.get(path);
      if (path.startsWith('/api/v1/open-data')) {
        // Open data has closed rounds only: an open one is not found.
        expect(status, path).toBe(404);
        expect(text, path).not.toMatch(/"rows"|"headcount"/);
      } else if (text.startsWith('{')) {
        expect(status, path).toBe(409);
        const problem = JSON.parse(text) as Record<string, unknown>;
        expect(problem, path).toMatchObject({
          roundStatus: 'open',
          organisationsAnswered: 5,
          organisationsTargeted: 5,
        });
        expect(JSON.parse(earlier?.text ?? '{}'), path).toMatchObject({ organisationsAnswered: 4 });
        expect(text, path).not.toMatch(/"headcount"|"cells"|"totals"|"items"|"rows"/);
      } else {
        // A page says how many have answered and when the figures appear; it has no figure.
        expect([200, 409], path).toContain(status);
        expect(text, path).not.toMatch(/data-cell=|chart-value|class="cell-value"|<td class="num">/);
        expect(text, path).toContain('5 av 5');
        expect(earlier?.text, path).toContain('4 av 5');
      }
      // Before and after differ by the count of answers only (and the request's own id).
      const normalise = (s: string) =>
        s
          .replace(/"requestId":"[^"]*"/g, '')
          .replace(/\b[45] av 5\b/g, 'N av 5')
          .replace(/"organisationsAnswered":[45]/g, '')
          .replace(/\b[45] of 5\b/g, 'N of 5')
          .replace(/nonce="[^"]*"/g, '')
          .replace(/name="_csrf" value="[^"]*"/g, '');
      expect(normalise(text), path).toBe(normalise(earlier?.text ?? ''));
    }
    await t.database.close();
  });
});

describe('the attack recipes of issue 16 on the demo', () => {
  // Recipe: "missions × within 1 year" (1 organisation) = filtered total 17 − 10 − 5.
  it('does not give away missions within one year as the missions total minus its published horizons', async () => {
    const t = await createTestApp();
    await seedPublishedDemo(t);
    const pub = await Published.read(t, 'demo-round-closed');
    const target = 'horizon=0-1|specialisation=missions';
    expect(pub.byId.get(target)).toMatchObject({ trueHeadcount: 2 });
    const organisations = pub.lines
      .filter((l) => l.horizon === '0-1' && l.specialisations.includes('missions'))
      .map((l) => l.organisation);
    expect(new Set(organisations).size).toBe(1);
    const seen: OutputFigure[] = [];
    const filtered = await demandOf(t, 'demo-round-closed', 'by=horizon&specialisation=missions');
    expect(filtered.cells.find((e) => e.cell === target)).toMatchObject({ headcount: null, suppressed: true });
    seen.push(...figuresOf('by=horizon&specialisation=missions', filtered));
    for (const query of [
      'by=horizon,specialisation',
      'by=specialisation',
      'by=horizon',
      'table=specialisation-horizon',
    ]) {
      seen.push(...figuresOf(query, await demandOf(t, 'demo-round-closed', query)));
    }
    const total = seen.find((f) => f.cellId === 'specialisation=missions')?.value;
    const parts = ['1-3', '3-5'].map(
      (h) => seen.find((f) => f.cellId === `horizon=${h}|specialisation=missions`)?.value,
    );
    expect(difference(total, parts)).not.toBe(pub.truth(target));
    expect(pub.misplaced(seen)).toEqual([]);
    const report = pub.attack(seen);
    expect(report.problems).toEqual([]);
    expectProtected(report, target, 2);
    await t.database.close();
  });
});
