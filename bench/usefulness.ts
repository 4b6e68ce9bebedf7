/**
 * How useful the protected gap is: the share of gap rows (occupation × horizon) that come with a
 * coverage figure, at SSYK-4 (the row's own cell) and at any level (the row's own or the nearest
 * published coarser cell, issue 16), for the whole region and each specialisation, on two data
 * sets: the demo data and the Blekinge-sized generated round (bench/blekinge/round.ts), each
 * published as a closed round is. Everything is read through GET /api/v1/gaps as a visitor reads it.
 *
 *   node --import tsx bench/usefulness.ts            # both data sets
 *   node --import tsx bench/usefulness.ts --json     # one JSON line per selection as well
 *
 * The script runs unchanged on older code (where there is no publication and no coverageLevel:
 * then "any level" is the row's own coverage), so a before/after comparison copies it into a
 * checkout of the older commit and runs it there with the same data.
 */

import { seedDemo } from '../src/node/database.ts';
import { createTestApp, request, type TestApp } from '../test/support/app.ts';
import { generateBlekingeRound } from './blekinge/round.ts';

interface Row {
  suppressed: boolean;
  coverage: number | null;
  coverageLevel?: { ssykLevel: number; horizon: string | null } | null;
}

interface Figures {
  data: string;
  selection: string;
  rows: number;
  hidden: number;
  withSsyk4: number;
  withAnyLevel: number;
  /** Rows by the level their coverage is given at: 4h = SSYK-4 with the horizon, 3* = SSYK-3 all horizons, … */
  byLevel: Record<string, number>;
}

const NOW = new Date('2026-11-28T09:00:00Z');

/** Computes the publication of every closed round, where the code has publications. */
async function publish(t: TestApp): Promise<void> {
  const jobs = await import('../src/publication/jobs.ts').catch(() => null);
  if (!jobs) return;
  await jobs.runPublications(t.deps, t.deps.now(), jobs.inlineRunner(t.deps));
}

async function gapRows(t: TestApp, round: string, specialisation: string | null): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ round, limit: '500' });
    if (specialisation) params.set('specialisation', specialisation);
    if (cursor) params.set('cursor', cursor);
    const response = await request(t.app, `/api/v1/gaps?${params}`);
    if (response.status !== 200) throw new Error(`${params}: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { items: Row[]; nextCursor: string | null };
    rows.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return rows;
}

function measure(data: string, selection: string, rows: readonly Row[]): Figures {
  const byLevel: Record<string, number> = {};
  let withAnyLevel = 0;
  for (const row of rows) {
    const level =
      row.coverageLevel === undefined
        ? row.coverage === null
          ? null
          : '4h'
        : row.coverageLevel === null
          ? null
          : `${row.coverageLevel.ssykLevel}${row.coverageLevel.horizon === null ? '*' : 'h'}`;
    if (level === null) continue;
    withAnyLevel++;
    byLevel[level] = (byLevel[level] ?? 0) + 1;
  }
  return {
    data,
    selection,
    rows: rows.length,
    hidden: rows.filter((r) => r.suppressed).length,
    withSsyk4: rows.filter((r) => r.coverage !== null).length,
    withAnyLevel,
    byLevel,
  };
}

async function measureRound(t: TestApp, data: string, round: string): Promise<Figures[]> {
  const specialisations = await t.deps.db.selectFrom('specialisations').select('code').orderBy('sort_order').execute();
  const out = [measure(data, 'region', await gapRows(t, round, null))];
  for (const s of specialisations) out.push(measure(data, s.code, await gapRows(t, round, s.code)));
  return out;
}

interface Headcount {
  data: string;
  /** The round's true total headcount (need lines summed). */
  total: number;
  /** Per SSYK level: the headcount in published occupation × horizon cells, and the hidden ones. */
  levels: { level: number; published: number; hiddenCells: number; cells: number }[];
  /** Hidden cells of the whole publication, where the code has one. */
  hiddenInPublication: number | null;
  cellsInPublication: number | null;
}

/**
 * The share of the round's headcount that is published at each SSYK level, as
 * GET /api/v1/demand?by=occupation,horizon&ssykLevel=N shows it to a visitor (old and new code).
 */
async function measureHeadcount(t: TestApp, data: string, round: string): Promise<Headcount> {
  const total = await t.deps.db
    .selectFrom('need_lines')
    .select((eb) => eb.fn.sum<number>('headcount').as('n'))
    .where('round_id', '=', round)
    .executeTakeFirstOrThrow();
  const levels: Headcount['levels'] = [];
  for (const level of [4, 3, 2, 1]) {
    const response = await request(t.app, `/api/v1/demand?round=${round}&by=occupation,horizon&ssykLevel=${level}`);
    if (response.status !== 200) throw new Error(`SSYK ${level}: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { cells: { headcount: number | null; suppressed: boolean }[] };
    levels.push({
      level,
      published: body.cells.reduce((sum, c) => sum + (c.suppressed ? 0 : (c.headcount ?? 0)), 0),
      hiddenCells: body.cells.filter((c) => c.suppressed).length,
      cells: body.cells.length,
    });
  }
  let stored: { cells: number; hidden: number } | undefined;
  try {
    stored = t.database.sqlite.raw
      .prepare(
        `select count(*) as cells, sum(case when c.status = 'published' then 0 else 1 end) as hidden
         from publication_cells c join publications p on p.id = c.publication_id
         where p.round_id = ? and p.status = 'published'`,
      )
      .get(round) as { cells: number; hidden: number } | undefined;
  } catch {
    stored = undefined; // older code: no publications
  }
  return {
    data,
    total: Number(total.n),
    levels,
    hiddenInPublication: stored?.cells ? stored.hidden : null,
    cellsInPublication: stored?.cells ? stored.cells : null,
  };
}

function printHeadcount(rows: readonly Headcount[]): void {
  console.log(
    '\ndata        headcount   published at SSYK-4 / 3 / 2 / 1 (hidden cells of the table)      hidden in publication',
  );
  for (const r of rows) {
    const levels = r.levels.map((l) => `${pct(l.published, r.total)} (${l.hiddenCells}/${l.cells})`).join('  ');
    const stored = r.cellsInPublication === null ? '–' : `${r.hiddenInPublication} of ${r.cellsInPublication}`;
    console.log(`${r.data.padEnd(12)}${String(r.total).padEnd(12)}${levels}   ${stored}`);
  }
}

const pct = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} %`);

function print(figures: readonly Figures[], json: boolean): void {
  console.log(
    ['data', 'selection', 'rows', 'hidden', 'SSYK-4', 'any level', 'by level']
      .map((h, i) => h.padEnd(i === 1 ? 16 : 12))
      .join(''),
  );
  for (const f of figures) {
    const levels = Object.entries(f.byLevel)
      .sort((a, b) => b[0].localeCompare(a[0]))
      .map(([level, n]) => `${level}:${n}`)
      .join(' ');
    console.log(
      [
        f.data,
        f.selection,
        String(f.rows),
        String(f.hidden),
        pct(f.withSsyk4, f.rows),
        pct(f.withAnyLevel, f.rows),
        levels,
      ]
        .map((c, i) => c.padEnd(i === 1 ? 16 : 12))
        .join(''),
    );
    if (json) console.log(JSON.stringify(f));
  }
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const t = await createTestApp({ now: NOW });
  await seedDemo(t.database, NOW);
  const demoRound = await t.deps.db
    .selectFrom('rounds')
    .select('id')
    .where('status', '=', 'closed')
    .orderBy('closes_at', 'desc')
    .executeTakeFirstOrThrow();
  // The demo's offerings give the Blekinge round its supply too; coverage exists where demand is published.
  const blekinge = await generateBlekingeRound(t.deps);
  const started = performance.now();
  await publish(t);
  const publishedIn = Math.round(performance.now() - started);
  const figures = [
    ...(await measureRound(t, 'demo', demoRound.id)),
    ...(await measureRound(t, 'blekinge', blekinge.roundId)),
  ];
  print(figures, json);
  let headcount: Headcount[] = [];
  try {
    headcount = [
      await measureHeadcount(t, 'demo', demoRound.id),
      await measureHeadcount(t, 'blekinge', blekinge.roundId),
    ];
  } catch (error) {
    // Older code without a publication table: its demand API still answers; the query above fails.
    console.log(`headcount shares: ${error instanceof Error ? error.message : String(error)}`);
  }
  printHeadcount(headcount);
  if (json) for (const h of headcount) console.log(JSON.stringify(h));
  console.log(
    `(publications computed in ${publishedIn} ms; levels: 4h = SSYK-4 with the horizon, 4* = all horizons, 3h, 3*, …)`,
  );
  await t.database.close();
}

await main();
