import fc from 'fast-check';
import type { CompiledQuery } from 'kysely';
import { CATALOGUE, dimensionToken, kindsOf } from '../../src/publication/catalogue.ts';
import { advancePublication, requestPublicationQuery, ruleOf } from '../../src/publication/compute.ts';
import type { TestApp } from './app.ts';
import type { AuditInput, AuditLine, HiddenFigure, OutputFigure, PublishedFigure } from './lp-auditor.ts';
import { readAuditLines } from './lp-auditor.ts';
import { orgNumber, submittedResponse } from './surveys.ts';

/**
 * Closed rounds for the publication's tests, written straight into the survey's tables (as
 * bench/blekinge/round.ts does), and the publication computed over them as a closed round gets it.
 * Codes are real reference rows: occupations from JobTech, specialisations and focus areas from
 * Blekinge's strategy, Blekinge's kommuner.
 */
export interface RoundOrganisation {
  id: string;
  municipality: string;
  sector?: string;
  sizeClass?: string;
}

export interface RoundLine {
  org: string;
  occupation: Occupation;
  headcount: number;
  horizon?: string;
  educationLevel?: string;
  difficulty?: number;
  /** Strategy codes (`recruit-local`, …). */
  strategies?: readonly string[];
  specialisations?: readonly { code: string; focusAreas?: readonly string[] }[];
}

export interface Occupation {
  id: string;
  ssyk: string | null;
}

/** A small set of real occupations: SSYK subtrees 25, 22, 72, 81, 53, and two without an SSYK code. */
export const OCCUPATIONS = {
  systemsAnalyst: { id: 'UXKZ_3zZ_ipB', ssyk: '2511' },
  software: { id: 'DJh5_yyF_hEM', ssyk: '2512' },
  itSecurity: { id: 'BAeH_eg8_T2d', ssyk: '2516' },
  otherIt: { id: 'UxT1_tPF_Kbg', ssyk: '2519' },
  nurse: { id: 'Z8ci_bBE_tmx', ssyk: '2221' },
  ambulanceNurse: { id: 'PHJN_fva_yxs', ssyk: '2226' },
  theatreNurse: { id: 'cuaN_Rj5_YCc', ssyk: '2231' },
  caster: { id: 'J9Vz_JxJ_Bji', ssyk: '7211' },
  welder: { id: 'wQ1E_Bzk_ZyA', ssyk: '7212' },
  smith: { id: 'q8Ho_3Xw_sHq', ssyk: '7221' },
  metalOperator: { id: 'vaEp_iBS_c5h', ssyk: '7223' },
  surfaceOperator: { id: 'YiQw_N87_zLU', ssyk: '8121' },
  steelOperator: { id: 'UcNa_inr_snV', ssyk: '8129' },
  careAssistant: { id: 'jY19_knH_MJp', ssyk: '5321' },
  blaster: { id: 'sX9n_CWa_KVC', ssyk: null },
  engineeringManager: { id: '8SPu_K1k_5qR', ssyk: null },
} as const satisfies Record<string, Occupation>;

export const SPECIALISATIONS = {
  'smart-industri': ['formningsteknologi', 'marin-teknik'],
  tech: ['mjukvaruutveckling', 'cybersakerhet', 'ai', 'spelindustrin'],
  missions: ['friska-hav', 'klimatanpassning'],
} as const;

/** Blekinge's kommuner: Olofström, Karlskrona, Ronneby, Karlshamn, Sölvesborg. */
export const BLEKINGE = ['1060', '1080', '1081', '1082', '1083'] as const;

const at = '2026-06-01T08:00:00.000Z';
const STRATEGY_COLUMNS = {
  'recruit-local': 'recruit_local',
  'recruit-outside': 'recruit_outside',
  'relocation-family': 'relocation_family',
  'train-staff': 'train_staff',
  remote: 'remote',
  consultants: 'consultants',
} as const;

/** Writes a closed round with its organisations, submitted responses and need lines, in one batch. */
export async function writeClosedRound(
  t: TestApp,
  round: { id: string; organisations: readonly RoundOrganisation[]; lines: readonly RoundLine[] },
): Promise<void> {
  const { db } = t.deps;
  const statements: CompiledQuery[] = [
    db
      .insertInto('rounds')
      .values({
        id: round.id,
        name: `Runda ${round.id}`,
        period: '2026',
        opens_at: '2026-03-01T00:00:00.000Z',
        closes_at: '2026-05-01T00:00:00.000Z',
        status: 'closed',
        questionnaire_version: 1,
        target: '{}',
        created_at: '2026-02-15T00:00:00.000Z',
        opened_at: '2026-03-01T00:00:00.000Z',
        closed_at: '2026-05-01T00:00:00.000Z',
      })
      .compile(),
  ];
  const existing = await db.selectFrom('organisations').select(db.fn.countAll<number>().as('n')).executeTakeFirst();
  let numbers = Number(existing?.n ?? 0);
  for (const org of round.organisations) {
    const sector = org.sector ?? 'naringsliv';
    const sizeClass = org.sizeClass ?? '10-49';
    statements.push(
      db
        .insertInto('organisations')
        .values({
          id: org.id,
          name: `Organisation ${org.id}`,
          org_number: orgNumber(100_000 + ++numbers),
          sector,
          sni_division: '62',
          size_class: sizeClass,
          municipality_code: org.municipality,
          is_education_provider: 0,
          is_demo: 0,
          created_at: at,
          updated_at: at,
        })
        .compile(),
      submittedResponse(db, round.id, org.id, at).compile(),
      db
        .insertInto('submitted_responses')
        .values({
          round_id: round.id,
          organisation_id: org.id,
          revision: 1,
          sector,
          size_class: sizeClass,
          municipality_code: org.municipality,
          obstacles: '[]',
          sni_section: null,
          employees_now: null,
          expected_change_1y: null,
          expected_change_3y: null,
          provider_interest: null,
          contact_consent: 0,
          submitted_at: at,
        })
        .compile(),
    );
  }
  const lineNumbers = new Map<string, number>();
  round.lines.forEach((line, n) => {
    const id = `${round.id}-line-${n + 1}`;
    const lineNo = (lineNumbers.get(line.org) ?? 0) + 1;
    lineNumbers.set(line.org, lineNo);
    const has = (code: keyof typeof STRATEGY_COLUMNS) => (line.strategies?.includes(code) ? 1 : 0);
    statements.push(
      db
        .insertInto('need_lines')
        .values({
          id,
          round_id: round.id,
          organisation_id: line.org,
          line_no: lineNo,
          occupation_id: line.occupation.id,
          ssyk_code: line.occupation.ssyk,
          headcount: line.headcount,
          horizon: line.horizon ?? '1-3',
          education_level: line.educationLevel ?? 'upper-secondary',
          difficulty: line.difficulty ?? 3,
          recruit_local: has('recruit-local'),
          recruit_outside: has('recruit-outside'),
          relocation_family: has('relocation-family'),
          train_staff: has('train-staff'),
          remote: has('remote'),
          consultants: has('consultants'),
          placement_kinds: null,
          placement_count: null,
          comment: null,
        })
        .compile(),
    );
    // A specialisation without focus areas is stored with focus_area_code '' (as src/surveys/respond/submit.ts does).
    for (const choice of line.specialisations ?? [{ code: 'tech' }]) {
      for (const area of choice.focusAreas?.length ? choice.focusAreas : ['']) {
        statements.push(
          db
            .insertInto('need_line_focus')
            .values({ need_line_id: id, specialisation_code: choice.code, focus_area_code: area })
            .compile(),
        );
      }
    }
  });
  await t.deps.atomic(statements);
}

/**
 * Requests a round's publication as closing it does, and computes it to the end; with
 * `bulkReadFromLines`, as Node's worker thread reads a large round (src/node/offload-worker.ts).
 */
export async function computePublication(
  t: TestApp,
  roundId: string,
  options: { bulkReadFromLines?: number } = {},
): Promise<string> {
  const id = t.deps.newId();
  await t.deps.atomic([
    requestPublicationQuery(t.deps.db, {
      id,
      roundId,
      reason: 'round closed',
      requestedBy: null,
      rule: ruleOf(t.deps.config),
      at: t.deps.now().toISOString(),
    }),
  ]);
  for (let step = 0; step < 100; step++) {
    const outcome = await advancePublication({ ...t.deps, ...options }, id, { now: t.deps.now() });
    if (outcome === 'done') return id;
    if (outcome !== 'more') {
      const row = await t.deps.db.selectFrom('publications').select('error').where('id', '=', id).executeTakeFirst();
      throw new Error(`publication ${id} ended '${outcome}': ${row?.error ?? ''}`);
    }
  }
  throw new Error(`publication ${id} did not finish in 100 steps`);
}

export interface StoredCell {
  kind: string;
  cellId: string;
  headcount: number | null;
  organisations: number | null;
  status: string;
  /** The figure the publication keeps for the secretariat, shown or not. */
  trueHeadcount: number;
}

export async function readPublicationCells(t: TestApp, publicationId: string): Promise<StoredCell[]> {
  const rows = await t.deps.db
    .selectFrom('publication_cells')
    .select(['kind', 'cell_id', 'headcount', 'organisations', 'status', 'true_headcount'])
    .where('publication_id', '=', publicationId)
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    cellId: r.cell_id,
    headcount: r.headcount,
    organisations: r.organisations,
    status: r.status,
    trueHeadcount: r.true_headcount,
  }));
}

/** The catalogue's tables as the auditor takes them: each table's dimensions as cell-id tokens. */
export const CATALOGUE_TABLES: readonly (readonly string[])[] = CATALOGUE.map((table) =>
  table.dimensions.map(dimensionToken),
);

/** What the auditor is given: the figures as stored, and the need lines read on their own. */
export async function auditInputOf(
  t: TestApp,
  roundId: string,
  cells: readonly StoredCell[],
): Promise<AuditInput & { lines: AuditLine[] }> {
  const published: PublishedFigure[] = [];
  const hidden: HiddenFigure[] = [];
  for (const cell of cells) {
    if (cell.status === 'published' && cell.headcount !== null) {
      published.push({ cellId: cell.cellId, value: cell.headcount, organisations: cell.organisations ?? undefined });
    } else hidden.push({ cellId: cell.cellId, status: cell.status });
  }
  return { lines: await readAuditLines(t.deps.db, roundId), published, hidden, tables: CATALOGUE_TABLES };
}

/**
 * Every figure as each catalogue table shows it (a table shows its cells and all its margins, so a
 * margin two tables share is read twice): the outputs whose figures must agree.
 */
export function tableOutputs(cells: readonly StoredCell[]): OutputFigure[] {
  const out: OutputFigure[] = [];
  for (const table of CATALOGUE) {
    const kinds = new Set(kindsOf(table));
    for (const cell of cells) {
      if (kinds.has(cell.kind)) out.push({ source: `table ${table.id}`, cellId: cell.cellId, value: cell.headcount });
    }
  }
  return out;
}

// ---- the constructed round of issue 16 -----------------------------------------------------------

const SMART = 'smart-industri';
/**
 * Twelve organisations in four kommuner, Sölvesborg (1083) with only two of them; 72 welders
 * (SSYK 7212), 60 of them at one large press plant in Olofström; the other occupations spread.
 */
export function issue16Round(): { id: string; organisations: RoundOrganisation[]; lines: RoundLine[] } {
  const organisations: RoundOrganisation[] = [
    { id: 'press-plant', municipality: '1060', sizeClass: '250+' },
    { id: 'olofstrom-verkstad', municipality: '1060', sizeClass: '10-49' },
    { id: 'olofstrom-gjuteri', municipality: '1060', sizeClass: '10-49' },
    { id: 'shipyard', municipality: '1080', sizeClass: '250+' },
    { id: 'karlskrona-it', municipality: '1080', sizeClass: '50-249' },
    { id: 'karlskrona-sakerhet', municipality: '1080', sizeClass: '10-49' },
    { id: 'karlskrona-kommun', municipality: '1080', sector: 'offentlig', sizeClass: '250+' },
    { id: 'karlshamn-hamn', municipality: '1082', sizeClass: '50-249' },
    { id: 'karlshamn-spel', municipality: '1082', sizeClass: '10-49' },
    { id: 'karlshamn-vard', municipality: '1082', sector: 'offentlig', sizeClass: '50-249' },
    { id: 'solvesborg-verkstad', municipality: '1083', sizeClass: '1-9' },
    { id: 'solvesborg-data', municipality: '1083', sizeClass: '1-9' },
  ];
  const weld = (org: string, headcount: number, horizon: string, focus: string): RoundLine => ({
    org,
    occupation: OCCUPATIONS.welder,
    headcount,
    horizon,
    difficulty: 4,
    strategies: ['recruit-outside', 'train-staff'],
    specialisations: [{ code: SMART, focusAreas: [focus] }],
  });
  const lines: RoundLine[] = [
    // Welders: 60 + 6 + 3 + 2 + 1 = 72.
    weld('press-plant', 40, '0-1', 'formningsteknologi'),
    weld('press-plant', 20, '1-3', 'formningsteknologi'),
    weld('shipyard', 6, '1-3', 'marin-teknik'),
    weld('olofstrom-verkstad', 3, '0-1', 'formningsteknologi'),
    weld('karlshamn-hamn', 2, '1-3', 'marin-teknik'),
    weld('solvesborg-verkstad', 1, '0-1', 'formningsteknologi'),
    // Machine operators and casters in the metal industry.
    {
      org: 'press-plant',
      occupation: OCCUPATIONS.metalOperator,
      headcount: 12,
      horizon: '0-1',
      specialisations: [{ code: SMART }],
    },
    {
      org: 'olofstrom-verkstad',
      occupation: OCCUPATIONS.metalOperator,
      headcount: 4,
      horizon: '1-3',
      specialisations: [{ code: SMART }],
    },
    {
      org: 'olofstrom-gjuteri',
      occupation: OCCUPATIONS.caster,
      headcount: 3,
      horizon: '1-3',
      specialisations: [{ code: SMART, focusAreas: ['formningsteknologi'] }],
    },
    {
      org: 'shipyard',
      occupation: OCCUPATIONS.metalOperator,
      headcount: 5,
      horizon: '3-5',
      specialisations: [{ code: SMART, focusAreas: ['marin-teknik'] }],
    },
    // Software and security, some counting for two specialisations.
    ...(
      [
        ['karlskrona-it', 8, '0-1'],
        ['karlskrona-it', 5, '3-5'],
        ['karlskrona-sakerhet', 3, '1-3'],
        ['karlshamn-spel', 4, '1-3'],
        ['karlskrona-kommun', 2, '1-3'],
        ['shipyard', 2, '1-3'],
        ['solvesborg-data', 2, '0-1'],
      ] as const
    ).map(
      ([org, headcount, horizon], i): RoundLine => ({
        org,
        occupation: OCCUPATIONS.software,
        headcount,
        horizon,
        educationLevel: 'bachelor',
        strategies: i % 2 === 0 ? ['recruit-local', 'remote'] : ['consultants'],
        specialisations:
          i % 3 === 0
            ? [
                { code: 'tech', focusAreas: ['mjukvaruutveckling'] },
                { code: 'missions', focusAreas: ['klimatanpassning'] },
              ]
            : [{ code: 'tech', focusAreas: org === 'karlshamn-spel' ? ['spelindustrin'] : ['mjukvaruutveckling'] }],
      }),
    ),
    ...(
      [
        ['karlskrona-sakerhet', 4],
        ['karlskrona-it', 2],
        ['karlskrona-kommun', 1],
        ['shipyard', 1],
      ] as const
    ).map(
      ([org, headcount]): RoundLine => ({
        org,
        occupation: OCCUPATIONS.itSecurity,
        headcount,
        horizon: '1-3',
        educationLevel: 'master',
        difficulty: 5,
        strategies: ['recruit-outside'],
        specialisations: [{ code: 'tech', focusAreas: ['cybersakerhet'] }],
      }),
    ),
    // Care: the kommun and the hospital, no area in the strategy but a specialisation as a whole.
    ...(
      [
        ['karlskrona-kommun', OCCUPATIONS.careAssistant, 9],
        ['karlshamn-vard', OCCUPATIONS.careAssistant, 6],
        ['karlshamn-vard', OCCUPATIONS.nurse, 4],
        ['karlskrona-kommun', OCCUPATIONS.nurse, 3],
        ['solvesborg-verkstad', OCCUPATIONS.engineeringManager, 1],
      ] as const
    ).map(
      ([org, occupation, headcount]): RoundLine => ({
        org,
        occupation,
        headcount,
        horizon: '1-3',
        educationLevel: 'post-secondary-short',
        strategies: ['train-staff'],
        specialisations: [{ code: 'missions' }],
      }),
    ),
  ];
  return { id: 'issue-16', organisations, lines };
}

// ---- random rounds -------------------------------------------------------------------------------

const HORIZONS = ['0-1', '1-3', '3-5'] as const;
const EDUCATION_LEVELS = ['upper-secondary', 'post-secondary-short', 'bachelor', 'master', 'doctoral'] as const;
const SECTORS = ['naringsliv', 'offentlig', 'akademi', 'civilsamhalle'] as const;
const SIZE_CLASSES = ['0', '1-9', '10-49', '50-249', '250+'] as const;
const STRATEGIES = ['recruit-local', 'recruit-outside', 'relocation-family', 'train-staff', 'remote', 'consultants'];

/**
 * Headcounts with a heavy tail: mostly one to three people, now and then tens or a hundred, so
 * that one organisation often dominates a cell.
 */
const headcount = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }) },
  { weight: 3, arbitrary: fc.integer({ min: 4, max: 15 }) },
  { weight: 1, arbitrary: fc.integer({ min: 16, max: 150 }) },
);

const specialisationChoice = fc
  .constantFrom(...(Object.keys(SPECIALISATIONS) as (keyof typeof SPECIALISATIONS)[]))
  .chain((code) =>
    fc.subarray([...SPECIALISATIONS[code]], { maxLength: 2 }).map((focusAreas) => ({ code, focusAreas })),
  );

/**
 * A random closed round: `organisations` in Blekinge's kommuner, each with one to `maxLines`
 * need lines; occupations from a random subset of the small set above (so SSYK subtrees come and
 * go), one to three specialisations a line (multi-area needs), any strategies.
 */
export function randomRound(options: { organisations: { min: number; max: number }; maxLines: number }) {
  return fc
    .subarray(Object.values(OCCUPATIONS), { minLength: 2 })
    .chain((occupations) =>
      fc.array(
        fc.record({
          municipality: fc.constantFrom(...BLEKINGE),
          sector: fc.constantFrom(...SECTORS),
          sizeClass: fc.constantFrom(...SIZE_CLASSES),
          lines: fc.array(
            fc.record({
              occupation: fc.constantFrom(...occupations),
              headcount,
              horizon: fc.constantFrom(...HORIZONS),
              educationLevel: fc.constantFrom(...EDUCATION_LEVELS),
              difficulty: fc.integer({ min: 1, max: 5 }),
              strategies: fc.subarray(STRATEGIES),
              specialisations: fc.uniqueArray(specialisationChoice, {
                minLength: 1,
                maxLength: 3,
                selector: (s) => s.code,
              }),
            }),
            { minLength: 1, maxLength: options.maxLines },
          ),
        }),
        { minLength: options.organisations.min, maxLength: options.organisations.max },
      ),
    )
    .map((orgs) => {
      const organisations: RoundOrganisation[] = orgs.map((o, i) => ({
        id: `org-${String(i + 1).padStart(3, '0')}`,
        municipality: o.municipality,
        sector: o.sector,
        sizeClass: o.sizeClass,
      }));
      const lines: RoundLine[] = orgs.flatMap((o, i) =>
        o.lines.map((line) => ({ org: `org-${String(i + 1).padStart(3, '0')}`, ...line })),
      );
      return { id: 'random', organisations, lines };
    });
}
