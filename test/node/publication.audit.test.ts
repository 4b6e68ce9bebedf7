import fc from 'fast-check';
import loadHighs, { type Highs } from 'highs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CellAccumulator } from '../../src/publication/cells.ts';
import { deriveStructure } from '../../src/publication/inner-model.ts';
import { buildProblem } from '../../src/publication/problem.ts';
import { readInnerLines } from '../../src/publication/queries.ts';
import { AttackerLp } from '../../src/publication/solver.ts';
import { listSubmitters } from '../../src/surveys/index.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import {
  type AuditInput,
  type AuditLine,
  attackerBounds,
  auditPublication,
  checkConsistency,
  deriveBlocks,
  ISSUE_16_RULE,
  type OutputFigure,
  requirementOf,
} from '../support/lp-auditor.ts';
import {
  auditInputOf,
  CATALOGUE_TABLES,
  computePublication,
  issue16Round,
  OCCUPATIONS,
  type Occupation,
  type RoundLine,
  type RoundOrganisation,
  randomRound,
  readPublicationCells,
  type StoredCell,
  tableOutputs,
  writeClosedRound,
} from '../support/publication.ts';

/**
 * The publication audited from outside (issue 16): on closed rounds, every figure of every table is
 * collected and, for every hidden primary cell, the attacker's minimum and maximum are solved by
 * linear programming over the auditor's own model (test/support/lp-auditor.ts, which shares no code
 * with src/publication's inner model, cells, problem or suppressor). The audit fails when an
 * interval is narrower than the protection setting, when a published figure is not the truth or a
 * primary cell's, or when one cell shows two different figures in two outputs.
 */
let highs: Highs;

beforeAll(async () => {
  highs = await loadHighs();
});

type Round = { id: string; organisations: RoundOrganisation[]; lines: RoundLine[] };

interface Published {
  t: TestApp;
  cells: StoredCell[];
  input: AuditInput;
}

/** Writes a closed round into a fresh database, computes its publication and reads it back. */
async function publish(round: Round): Promise<Published> {
  const t = await createTestApp({ now: new Date('2026-06-02T08:00:00Z') });
  expect(t.deps.config.disclosure).toMatchObject(ISSUE_16_RULE);
  await writeClosedRound(t, round);
  const publicationId = await computePublication(t, round.id);
  const cells = await readPublicationCells(t, publicationId);
  return { t, cells, input: await auditInputOf(t, round.id, cells) };
}

/**
 * The publication's own attacker LP (src/publication's inner model and solver) over the same round
 * and pattern, for comparing intervals: the two models should give the same ones
 * (research/disclosure-control.md §6.1).
 */
async function ownBounds(t: TestApp, roundId: string, cells: readonly StoredCell[]) {
  const structure = deriveStructure();
  const accumulator = new CellAccumulator(structure, 2);
  const submitters = await listSubmitters(t.deps.db, roundId);
  for (const line of await readInnerLines(t.deps.db, roundId, submitters[0] ?? '', submitters.at(-1) ?? '')) {
    accumulator.add(line);
  }
  const problem = buildProblem(structure, accumulator.result());
  const status = new Map(cells.map((c) => [c.cellId, c.status]));
  const lp = new AttackerLp(
    await t.deps.loadSolver(),
    problem.columns,
    problem.linking,
    problem.cells.map((cell, i) => ({ members: problem.members[i] ?? new Int32Array(0), value: cell.value })),
    (i) => status.get(problem.cells[i]?.id ?? '') !== 'published',
  );
  try {
    const out = new Map<string, { min: number; max: number }>();
    problem.cells.forEach((cell, i) => {
      if (status.get(cell.id) !== 'few' && status.get(cell.id) !== 'dominance') return;
      const members = problem.members[i] ?? new Int32Array(0);
      out.set(cell.id, { max: lp.bound(members, null, 'max').value, min: lp.bound(members, null, 'min').value });
    });
    return out;
  } finally {
    lp.dispose();
  }
}

/** The same publication with secondary suppression switched off: every cell but the primary ones shown. */
function withoutSecondary(input: AuditInput, cells: readonly StoredCell[]): AuditInput {
  const secondary = cells.filter((c) => c.status === 'secondary');
  return {
    ...input,
    published: [...input.published, ...secondary.map((c) => ({ cellId: c.cellId, value: c.trueHeadcount }))],
    hidden: input.hidden.filter((h) => h.status !== 'secondary'),
  };
}

const describeFailures = (report: ReturnType<typeof auditPublication>) =>
  report.failures
    .slice(0, 5)
    .map((c) => `${c.cellId}: ${c.value} in [${c.min}, ${c.max}], needs −${c.lower}/+${c.upper}`);

describe('the LP auditor on hand-computed cases', () => {
  const line = (overrides: Partial<AuditLine>): AuditLine => ({
    organisation: 'a',
    occupation: '2512',
    horizon: '1-3',
    educationLevel: 'bachelor',
    municipality: '1080',
    sector: 'naringsliv',
    sizeClass: '10-49',
    difficulty: '3',
    specialisations: ['tech'],
    focusAreas: [],
    strategies: [],
    headcount: 1,
    ...overrides,
  });
  // A two-by-two table, kommun × horizon, two organisations in each inner cell (too few) and four in
  // each margin (published):     0–1  1–3 | Σ
  //                      1060     3    5  |  8
  //                      1083     4    6  | 10
  //                      Σ        7   11  | 18
  const twoByTwo = (
    [
      ['1060', '0-1', 'a', 2, 'b', 1],
      ['1060', '1-3', 'c', 3, 'd', 2],
      ['1083', '0-1', 'e', 2, 'f', 2],
      ['1083', '1-3', 'g', 3, 'h', 3],
    ] as const
  ).flatMap(([municipality, horizon, first, x, second, y]) => [
    line({ organisation: first, municipality, horizon, headcount: x }),
    line({ organisation: second, municipality, horizon, headcount: y }),
  ]);
  const margins = [
    { cellId: 'municipality=1060', value: 8 },
    { cellId: 'municipality=1083', value: 10 },
    { cellId: 'horizon=0-1', value: 7 },
    { cellId: 'horizon=1-3', value: 11 },
    { cellId: '', value: 18 },
  ];
  const interior = ['horizon=0-1|municipality=1060', 'horizon=1-3|municipality=1060', 'horizon=0-1|municipality=1083'];

  it('bounds the inner cells of a two-by-two table with its margins published as the textbook does', () => {
    const { bounds } = attackerBounds(
      highs,
      { lines: twoByTwo, tables: [['municipality', 'horizon']], published: margins },
      [...interior, 'horizon=1-3|municipality=1083'],
    );
    // a11 ∈ [max(0, 8 − 11, 7 − 10), min(8, 7)]; the others follow from the margins.
    expect(bounds.map((b) => [b.min, b.max])).toEqual([
      [0, 7],
      [1, 8],
      [0, 7],
      [3, 10],
    ]);
  });

  it('narrows the bounds when the attacker knows that a hidden cell is not empty', () => {
    const { bounds } = attackerBounds(
      highs,
      {
        lines: twoByTwo,
        tables: [['municipality', 'horizon']],
        published: margins,
        hidden: [...interior, 'horizon=1-3|municipality=1083'],
        hiddenPositive: true,
      },
      ['horizon=0-1|municipality=1060'],
    );
    // a11 ≥ 1 and a21 = 7 − a11 ≥ 1.
    expect(bounds[0]).toMatchObject({ min: 1, max: 6 });
  });

  it('passes the two-by-two table with all inner cells hidden and fails it when one is published', () => {
    const hidden = [...interior, 'horizon=1-3|municipality=1083'].map((cellId) => ({ cellId, status: 'few' }));
    const input = { lines: twoByTwo, tables: [['municipality', 'horizon']], published: margins, hidden };
    const safe = auditPublication(highs, input);
    expect(safe.problems).toEqual([]);
    expect(safe.cells).toHaveLength(4);
    expect(safe.failures).toEqual([]);

    // Publishing the 1060 × 0–1 figure is a primary cell shown, and pins its three partners.
    const leaked = auditPublication(highs, {
      ...input,
      published: [...margins, { cellId: 'horizon=0-1|municipality=1060', value: 3 }],
      hidden: hidden.slice(1),
    });
    expect(leaked.problems).toEqual(["primary cell 'horizon=0-1|municipality=1060' (few) is published"]);
    expect(leaked.failures.map((c) => [c.cellId, c.min, c.max])).toEqual([
      ['horizon=1-3|municipality=1060', 5, 5],
      ['horizon=0-1|municipality=1083', 4, 4],
      ['horizon=1-3|municipality=1083', 6, 6],
    ]);
  });

  it('counts a need in two specialisations in both and once in their total', () => {
    // tech only 10, tech and missions 4, missions only 6: tech 14, missions 10, all needs 20.
    // Knowing missions and the total, tech = 20 − (missions only) ∈ [10, 20]; summing the areas
    // as if they split the total would give tech = 10 exactly.
    const lines = [
      line({ organisation: 'a', specialisations: ['tech'], headcount: 10 }),
      line({ organisation: 'b', specialisations: ['missions', 'tech'], headcount: 4 }),
      line({ organisation: 'c', specialisations: ['missions'], headcount: 6 }),
    ];
    const { bounds } = attackerBounds(
      highs,
      {
        lines,
        tables: [['specialisation']],
        published: [
          { cellId: 'specialisation=missions', value: 10 },
          { cellId: '', value: 20 },
        ],
      },
      ['specialisation=tech'],
    );
    expect(bounds[0]).toMatchObject({ min: 10, max: 20 });
  });

  it('pins a figure no published equation reveals when every observed full combination is a variable', () => {
    // Kommun, education level and sector each alone in a table. Lines (1060, bachelor, näringsliv) 5,
    // (1060, master, offentlig) 3, (1083, bachelor, offentlig) 4. With education and sector published,
    // an attacker who knew that only these three combinations occur would get 1060 = näringsliv +
    // master = 8; one who knows what is published only gets 1060 + 1083 = 12.
    const lines = [
      line({ organisation: 'a', municipality: '1060', educationLevel: 'bachelor', sector: 'naringsliv', headcount: 5 }),
      line({ organisation: 'b', municipality: '1060', educationLevel: 'master', sector: 'offentlig', headcount: 3 }),
      line({ organisation: 'c', municipality: '1083', educationLevel: 'bachelor', sector: 'offentlig', headcount: 4 }),
    ];
    const input = {
      lines,
      tables: [['municipality'], ['educationLevel'], ['sector']],
      published: [
        { cellId: 'educationLevel=bachelor', value: 9 },
        { cellId: 'educationLevel=master', value: 3 },
        { cellId: 'sector=naringsliv', value: 5 },
        { cellId: 'sector=offentlig', value: 7 },
        { cellId: '', value: 12 },
      ],
    };
    expect(attackerBounds(highs, input, ['municipality=1060']).bounds[0]).toMatchObject({ min: 0, max: 12 });
    expect(attackerBounds(highs, { ...input, model: 'atoms' }, ['municipality=1060']).bounds[0]).toMatchObject({
      min: 8,
      max: 8,
    });
  });

  it('builds its blocks from the catalogue and refuses tables that join dimensions in a chordless cycle', () => {
    expect(deriveBlocks(CATALOGUE_TABLES)).toEqual([
      ['horizon', 'educationLevel'],
      ['horizon', 'sector'],
      ['horizon', 'sizeClass'],
      ['occupation', 'horizon', 'specialisations'],
      ['horizon', 'municipality', 'specialisations'],
      ['difficulty', 'specialisations'],
      ['horizon', 'specialisations', 'focusAreas'],
      ['specialisations', 'strategies'],
    ]);
    // kommun – horizon – sector – education – kommun: blocks that agree pairwise need not come from one table.
    expect(() =>
      deriveBlocks([
        ['municipality', 'horizon'],
        ['horizon', 'sector'],
        ['sector', 'educationLevel'],
        ['educationLevel', 'municipality'],
      ]),
    ).toThrow(/acyclic/);
  });

  it('sets the protection levels from the organisations’ contributions', () => {
    // Two organisations: too few, ±25 % of 10.
    expect(requirementOf({ value: 10, organisations: 2, contributions: [6, 4] }, ISSUE_16_RULE)).toEqual({
      reason: 'few',
      lower: 2.5,
      upper: 2.5,
    });
    // A small cell: at least one person either way.
    expect(requirementOf({ value: 2, organisations: 1, contributions: [2] }, ISSUE_16_RULE)).toMatchObject({
      lower: 1,
      upper: 1,
    });
    // 70 + 20 of 100 is over 85 %: dominated; 25 % (25) is more than the p %-rule's 17.5 − 10.
    expect(requirementOf({ value: 100, organisations: 4, contributions: [70, 20, 6, 4] }, ISSUE_16_RULE)).toEqual({
      reason: 'dominance',
      lower: 25,
      upper: 25,
    });
    // With a 5 % setting the (n, k) rule's level, 90 / 0.85 − 100, is the largest upward.
    const upper = requirementOf(
      { value: 100, organisations: 4, contributions: [70, 20, 6, 4] },
      { ...ISSUE_16_RULE, protectionPercent: 5 },
    )?.upper;
    expect(upper).toBeCloseTo(90 / 0.85 - 100, 9);
    // 60 + 25 of 100 is exactly 85 %: published.
    expect(requirementOf({ value: 100, organisations: 3, contributions: [60, 25, 15] }, ISSUE_16_RULE)).toBeNull();
  });

  it('reports a cell shown with two figures, or hidden in one output and shown in another', () => {
    const found = checkConsistency([
      { source: 'table ssyk4-horizon', cellId: 'horizon=0-1', value: 40 },
      { source: 'table municipality-horizon', cellId: 'horizon=0-1', value: 40 },
      { source: 'table ssyk4-horizon', cellId: 'horizon=1-3', value: 35 },
      { source: 'open data CSV', cellId: 'horizon=1-3', value: 36 },
      { source: 'table ssyk4-horizon', cellId: 'occupation@4=7212', value: null },
      { source: 'provider view', cellId: 'occupation@4=7212', value: 72 },
      { source: 'table horizon', cellId: '', value: null },
      { source: 'table ssyk4-horizon', cellId: '', value: null },
    ]);
    expect(found).toEqual([
      {
        cellId: 'horizon=1-3',
        figures: [
          { source: 'table ssyk4-horizon', value: 35 },
          { source: 'open data CSV', value: 36 },
        ],
      },
      {
        cellId: 'occupation@4=7212',
        figures: [
          { source: 'table ssyk4-horizon', value: null },
          { source: 'provider view', value: 72 },
        ],
      },
    ]);
  });
});

describe('the LP auditor on the issue 16 round', () => {
  const round = issue16Round();
  let published: Published;

  beforeAll(async () => {
    const started = performance.now();
    published = await publish(round);
    console.log(`issue 16 round published in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });

  afterAll(async () => {
    await published.t.database.close();
  });

  it('finds every hidden cell protected and every figure true', () => {
    const { cells, input } = published;
    const report = auditPublication(highs, input);
    console.log(
      `issue 16 round: ${cells.length} cells, ${input.hidden.length} hidden, ${report.cells.length} primary; ` +
        `audited in ${report.seconds.toFixed(2)} s`,
      report.size,
    );
    expect(report.problems).toEqual([]);
    expect(report.failures).toEqual([]);
    // The round's hard cases are among the audited cells: Sölvesborg has two organisations, and the
    // press plant holds 60 of the 72 welders.
    expect(report.cells.find((c) => c.cellId === 'horizon=0-1|municipality=1083')?.reason).toBe('few');
    expect(report.cells.find((c) => c.cellId === 'occupation@4=7212')).toMatchObject({
      reason: 'dominance',
      value: 72,
      pass: true,
    });
  });

  it('finds no cell with two different figures in the tables that share it', () => {
    const outputs = tableOutputs(published.cells);
    // Not vacuous: the horizon margin is read from every table that has a horizon.
    expect(outputs.filter((o) => o.cellId === 'horizon=0-1').length).toBeGreaterThan(10);
    expect(checkConsistency(outputs)).toEqual([]);
  });

  it('gives every hidden cell the interval the publication’s own model gives', async () => {
    const { t, cells, input } = published;
    const own = await ownBounds(t, round.id, cells);
    // The publication's model knows hidden cells are not empty, and caps a hidden figure at twice the
    // largest figure of the round and more (a bound no protection level reaches): a maximum the
    // auditor finds unbounded is that cap there.
    const report = auditPublication(highs, { ...input, hiddenPositive: true });
    expect(own.size).toBe(report.cells.length);
    const cap = 2 * Math.max(...cells.map((c) => c.trueHeadcount)) + 2;
    const differing = report.cells.filter((c) => {
      const theirs = own.get(c.cellId);
      const max = Number.isFinite(c.max) ? c.max : cap;
      return !theirs || Math.abs(theirs.min - c.min) > 1e-6 || Math.abs(theirs.max - max) > 1e-6;
    });
    expect(differing).toEqual([]);
  });

  it('fails when secondary suppression is switched off', () => {
    const { cells, input } = published;
    const report = auditPublication(highs, withoutSecondary(input, cells));
    expect(report.problems).toEqual([]);
    expect(report.failures.length).toBeGreaterThan(0);
    // Among them the welders of difficulty 4 (all 72, 60 at the press plant), pinned by the rest.
    expect(report.failures.find((c) => c.cellId === 'difficulty=4')).toMatchObject({ value: 72, min: 72, max: 72 });
  });

  // Found by this audit: a table that marks a hidden cell as hidden, where an empty one is left out,
  // tells that it holds at least one person. The suppression now knows it (solver.ts,
  // HIDDEN_AT_LEAST); a minimum that the structure alone fixes passes (see auditPublication).
  it('keeps every hidden cell protected from an attacker who knows hidden cells are not empty', () => {
    const report = auditPublication(highs, { ...published.input, hiddenPositive: true });
    expect(describeFailures(report)).toEqual([]);
  });

  // The demand API reads the publication's cells (the API's `occupation` is SSYK-4).
  it('shows the same figures in the demand API as in the publication', async () => {
    const { t, cells } = published;
    const outputs: OutputFigure[] = tableOutputs(cells);
    for (const by of ['horizon,municipality', 'horizon,occupation', 'horizon,specialisation']) {
      const response = await request(t.app, `/api/v1/demand?round=${round.id}&by=${by}`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        cells: { key: Record<string, string>; headcount: number | null }[];
        totals: { key: Record<string, string>; headcount: number | null }[];
      };
      for (const entry of [...body.cells, ...body.totals]) {
        const cellId = Object.entries(entry.key)
          .map(([dimension, code]) => `${dimension === 'occupation' ? 'occupation@4' : dimension}=${code}`)
          .sort()
          .join('|');
        outputs.push({ source: `GET /api/v1/demand?by=${by}`, cellId, value: entry.headcount });
      }
    }
    expect(checkConsistency(outputs)).toEqual([]);
  });
});

/**
 * A random round (seed -1570854370, path 17, shrunk by fast-check) that once could not be
 * published: the structure alone (its hidden sub-cells, each at least 1) pins a hidden cell of 2 at
 * 2, but the floor came back from the LP as 1.9999999999999987, so the suppressor asked for room
 * the structure does not have and refused the whole publication.
 */
function floorRound(): Round {
  const it = OCCUPATIONS.itSecurity;
  const metal = OCCUPATIONS.metalOperator;
  const spec = (...codes: string[]) => codes.map((code) => ({ code, focusAreas: [] as string[] }));
  const organisations: RoundOrganisation[] = [
    { id: 'org-001', municipality: '1060', sector: 'naringsliv', sizeClass: '0' },
    { id: 'org-002', municipality: '1060', sector: 'naringsliv', sizeClass: '0' },
    { id: 'org-003', municipality: '1060', sector: 'naringsliv', sizeClass: '0' },
    { id: 'org-004', municipality: '1060', sector: 'naringsliv', sizeClass: '0' },
    { id: 'org-005', municipality: '1080', sector: 'civilsamhalle', sizeClass: '0' },
    { id: 'org-006', municipality: '1082', sector: 'civilsamhalle', sizeClass: '10-49' },
  ];
  const line = (org: string, occupation: Occupation, headcount: number, rest: Partial<RoundLine>): RoundLine => ({
    org,
    occupation,
    headcount,
    horizon: '0-1',
    educationLevel: 'upper-secondary',
    difficulty: 1,
    strategies: [],
    ...rest,
  });
  const lines: RoundLine[] = [
    line('org-001', it, 1, { specialisations: spec('missions', 'smart-industri') }),
    line('org-001', it, 1, {
      strategies: ['recruit-local', 'recruit-outside', 'remote'],
      specialisations: spec('smart-industri', 'tech'),
    }),
    line('org-002', it, 1, { specialisations: spec('tech', 'missions', 'smart-industri') }),
    line('org-002', it, 4, { strategies: ['consultants'], specialisations: spec('smart-industri') }),
    line('org-003', it, 1, {
      strategies: ['relocation-family', 'train-staff'],
      specialisations: spec('tech', 'smart-industri'),
    }),
    line('org-004', it, 1, {
      horizon: '1-3',
      educationLevel: 'master',
      strategies: ['recruit-local', 'relocation-family', 'consultants'],
      specialisations: spec('missions', 'tech'),
    }),
    line('org-004', metal, 1, {
      horizon: '1-3',
      educationLevel: 'bachelor',
      strategies: ['recruit-outside'],
      specialisations: spec('missions'),
    }),
    line('org-005', it, 9, {
      educationLevel: 'master',
      difficulty: 2,
      strategies: ['train-staff', 'remote'],
      specialisations: [{ code: 'missions', focusAreas: ['friska-hav'] }],
    }),
    line('org-005', metal, 2, {
      horizon: '3-5',
      educationLevel: 'bachelor',
      difficulty: 4,
      strategies: ['recruit-outside'],
      specialisations: [{ code: 'smart-industri', focusAreas: ['marin-teknik'] }],
    }),
    line('org-006', metal, 1, {
      horizon: '1-3',
      educationLevel: 'post-secondary-short',
      difficulty: 4,
      strategies: ['recruit-local', 'recruit-outside', 'relocation-family', 'train-staff', 'remote', 'consultants'],
      specialisations: [
        { code: 'smart-industri', focusAreas: ['marin-teknik'] },
        { code: 'tech', focusAreas: ['ai'] },
        { code: 'missions', focusAreas: ['friska-hav', 'klimatanpassning'] },
      ],
    }),
    line('org-006', it, 1, {
      educationLevel: 'bachelor',
      difficulty: 4,
      strategies: ['recruit-outside', 'relocation-family', 'train-staff', 'consultants'],
      specialisations: [
        { code: 'smart-industri', focusAreas: ['formningsteknologi', 'marin-teknik'] },
        { code: 'missions', focusAreas: ['friska-hav', 'klimatanpassning'] },
      ],
    }),
  ];
  return { id: 'floor-round', organisations, lines };
}

describe('the LP auditor on a round random testing once failed', () => {
  it('publishes a round where the structure alone pins a hidden cell, and passes the audit', async () => {
    const { t, cells, input } = await publish(floorRound());
    await t.database.close();
    expect(cells.some((c) => c.status === 'few')).toBe(true);
    const report = auditPublication(highs, input);
    expect(report.problems).toEqual([]);
    expect(describeFailures(report)).toEqual([]);
  }, 120_000);
});

describe('the LP auditor on random rounds', () => {
  it('passes on 50 random rounds', async () => {
    // 5–30 organisations with one to three lines each: a publication of 60 organisations takes
    // 5–15 s on this machine, and the property must stay within a few minutes. On failure
    // fast-check prints the seed and path; run again with them (and without endOnFailure) to shrink.
    const spent = { publishing: 0, auditing: 0, primary: 0 };
    const property = fc.asyncProperty(
      randomRound({ organisations: { min: 5, max: 30 }, maxLines: 3 }),
      async (round) => {
        const started = performance.now();
        const { t, input } = await publish(round);
        await t.database.close();
        spent.publishing += (performance.now() - started) / 1000;
        const report = auditPublication(highs, input);
        spent.auditing += report.seconds;
        spent.primary += report.cells.length;
        expect(report.problems).toEqual([]);
        expect(describeFailures(report)).toEqual([]);
      },
    );
    await fc.assert(property, { numRuns: 50, endOnFailure: true });
    console.log(
      `50 random rounds: ${spent.primary} primary cells audited; publishing ${spent.publishing.toFixed(0)} s, ` +
        `auditing ${spent.auditing.toFixed(0)} s`,
    );
  }, 600_000);

  it('fails nearly every random round when secondary suppression is switched off', async () => {
    const rounds = fc.sample(randomRound({ organisations: { min: 10, max: 20 }, maxLines: 3 }), {
      numRuns: 10,
      seed: 16,
    });
    let withSecondary = 0;
    let failed = 0;
    for (const round of rounds) {
      const { t, cells, input } = await publish(round);
      await t.database.close();
      if (!cells.some((c) => c.status === 'secondary')) continue;
      withSecondary++;
      const report = auditPublication(highs, withoutSecondary(input, cells));
      expect(report.problems).toEqual([]);
      if (report.failures.length > 0) failed++;
    }
    console.log(`secondary suppression off: ${failed} of ${withSecondary} random rounds with secondary cells fail`);
    expect(withSecondary).toBeGreaterThan(5);
    expect(failed).toBeGreaterThanOrEqual(Math.ceil(0.8 * withSecondary));
  }, 300_000);
});
