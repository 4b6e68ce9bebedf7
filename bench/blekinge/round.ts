import type { CompiledQuery, InsertObject, Kysely } from 'kysely';
import type { Atomic } from '../../src/db/atomic.ts';
import type { Database } from '../../src/db/schema.ts';
import { completeOrgNumber } from '../../src/organisations/org-number.ts';
import type { ResponseDocument } from '../../src/surveys/schemas.ts';
import { generateNeed, generateOrganisationAnswers } from './needs.ts';
import { fitLineCounts, type GeneratedOrganisation, generateOrganisations } from './organisations.ts';
import { mulberry32 } from './random.ts';
import { loadNeedReference } from './reference.ts';

/**
 * A Blekinge-sized survey round for tests, benchmarks and the demo (issue 16): about 600
 * fictional organisations, about 2,500 need lines, answered as a real survey is. A seed gives the
 * same rows every time, on Node and on D1.
 *
 * Assumptions, and why:
 * - Where: Blekinge's five kommuner weighted by population (Karlskrona about 42 %, Olofström 8 %;
 *   population.ts). Lines of business lean where they are: software toward Karlskrona's telecom
 *   cluster, metal toward Olofström, games toward Karlshamn and Karlskrona, logistics and food
 *   toward Karlshamn's port.
 * - Who: 15 employers of 250 or more (the hospital, the five kommuner, the naval base, a naval
 *   shipyard, a car-body press plant, the technical university, a cable plant, a telecom R&D site,
 *   a pulp mill, an oil plant, a pump maker), fictional stand-ins named "(demo)". The other 585 split
 *   3 % without employees, 62 % 1–9, 27 % 10–49, 8 % 50–249: a register of firms has still more
 *   micro-firms, but those who sign up to a regional survey skew larger. Most are näringsliv;
 *   offentlig is the region's hospital, the kommuner, the naval base and municipal companies; akademi
 *   the university and education providers; civilsamhälle associations.
 * - Who answers: 92 % of large employers, 75 % of 50–249, 62 % of 10–49, 52 % of 1–9 and 40 %
 *   without employees, about 57 % overall: regional competence surveys report 50–65 %, and the
 *   large public employers, who run such surveys themselves, answer almost always. About one
 *   in eight non-respondents left a draft.
 * - How much: small firms answer with one to four lines of one to three people; 10–49 with two to
 *   eight; 50–249 with five to 25; large employers with dozens (the hospital about 190, at most the
 *   survey's 200), and for bulk occupations (nurses, welders, teachers, machine operators) tens of
 *   people a line. So a handful of employers carries most of the headcount, as in the region.
 *   The total is fitted to `lines` by growing or shrinking the large employers' answers.
 * - What: occupations follow the employer's business and lean to the strategy's specialisations
 *   (occupations.ts): software developers, IT security and testers count for Tech; welders,
 *   machine operators and mechanical engineers for Smart industry (forming technology in Olofström,
 *   marine technology at the shipyard); planners, environment and building for Missions. Health,
 *   care and schools have no area in the strategy, so their lines mostly name a specialisation as
 *   a whole. About a quarter of lines count for two specialisations; most name a focus area.
 * - How: horizons 0–1 year about 40 %, 1–3 about 40 %, 3–5 about 20 % (bulk needs are sooner);
 *   education level and difficulty by occupation (nurses and IT security hardest); strategies as
 *   a respondent ticks them (outside recruitment more often the harder the need, staff training
 *   more often the larger the employer); a placement offer on 2–20 % of lines, growing with size.
 */
export interface BlekingeRoundOptions {
  seed?: number;
  organisations?: number;
  lines?: number;
  roundId?: string;
  /** Closed (the default) or still open at `now`. */
  closed?: boolean;
  now?: Date;
}

export interface BlekingeRoundSummary {
  roundId: string;
  organisations: number;
  targeted: number;
  responded: number;
  lines: number;
}

export const BLEKINGE_DEFAULTS = {
  seed: 20261130,
  organisations: 600,
  lines: 2500,
  roundId: 'blekinge-round',
  now: new Date('2026-06-01T08:00:00.000Z'),
};

// D1 binds at most 100 parameters a statement (src/db/queries.ts); a batch of a few
// hundred statements stays well inside what one D1 batch or one SQLite transaction takes quickly.
const MAX_PARAMETERS = 90;
const STATEMENTS_PER_BATCH = 200;
const DAY = 86_400_000;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

function insertChunks<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: readonly InsertObject<Database, T>[],
): CompiledQuery[] {
  const first = rows[0];
  if (!first) return [];
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(first).length));
  const statements: CompiledQuery[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    statements.push(
      db
        .insertInto(table)
        .values(rows.slice(start, start + perStatement))
        .compile(),
    );
  }
  return statements;
}

/** Writes a generated round into a migrated database with reference data; see above for what it holds. */
export async function generateBlekingeRound(
  deps: { db: Kysely<Database>; atomic: Atomic },
  options: BlekingeRoundOptions = {},
): Promise<BlekingeRoundSummary> {
  const { db, atomic } = deps;
  const seed = options.seed ?? BLEKINGE_DEFAULTS.seed;
  const roundId = options.roundId ?? BLEKINGE_DEFAULTS.roundId;
  const now = (options.now ?? BLEKINGE_DEFAULTS.now).getTime();
  const closed = options.closed ?? true;
  const exists = await db.selectFrom('rounds').select('id').where('id', '=', roundId).executeTakeFirst();
  if (exists) throw new Error(`round ${roundId} already exists; choose another roundId`);

  const random = mulberry32(seed);
  const organisations = generateOrganisations(random, options.organisations ?? BLEKINGE_DEFAULTS.organisations);
  const ref = await loadNeedReference(db, organisations);
  const lineCounts = fitLineCounts(organisations, options.lines ?? BLEKINGE_DEFAULTS.lines);

  const opens = closed ? now - 92 * DAY : now - 30 * DAY;
  const closes = closed ? now - 31 * DAY : now + 31 * DAY;
  const answeredBy = Math.min(closes, now);
  const iso = (t: number) => new Date(t).toISOString();
  const orgId = (o: GeneratedOrganisation) => `${roundId}-org-${pad(o.index + 1, 4)}`;
  const firstNumber = await ref.nextOrgNumber();

  const rows = {
    organisations: [] as InsertObject<Database, 'organisations'>[],
    targets: [] as InsertObject<Database, 'round_targets'>[],
    responses: [] as InsertObject<Database, 'responses'>[],
    revisions: [] as InsertObject<Database, 'response_revisions'>[],
    submitted: [] as InsertObject<Database, 'submitted_responses'>[],
    lines: [] as InsertObject<Database, 'need_lines'>[],
    focus: [] as InsertObject<Database, 'need_line_focus'>[],
    skills: [] as InsertObject<Database, 'need_line_skills'>[],
  };
  let lineNumber = 0;
  for (const org of organisations) {
    const id = orgId(org);
    const sniSection = ref.sniSection(org.sniDivision);
    rows.organisations.push({
      id,
      name: org.name,
      org_number: completeOrgNumber(`482${pad(firstNumber + org.index, 6)}`),
      sector: org.sector,
      sni_division: org.sniDivision,
      size_class: org.sizeClass,
      municipality_code: org.kommun,
      is_education_provider: org.educationProvider ? 1 : 0,
      is_demo: 1,
      created_at: iso(opens - 200 * DAY),
      updated_at: iso(opens - 200 * DAY),
    });
    // Submitted any day of the round; those who answered after two weeks had been reminded.
    const at = opens + DAY + Math.floor(random.next() * (answeredBy - opens - 2 * DAY));
    const reminded = !org.answers ? 2 : at - opens > 14 * DAY ? 1 : 0;
    rows.targets.push({
      round_id: roundId,
      organisation_id: id,
      sector: org.sector,
      size_class: org.sizeClass,
      municipality_code: org.kommun,
      sni_section: sniSection,
      invited_at: iso(opens),
      reminded_at: reminded ? iso(opens + (reminded === 2 ? 28 : 14) * DAY) : null,
      reminders: reminded,
    });
    if (!org.answers && !org.startedDraft) continue;
    const organisationAnswers = generateOrganisationAnswers(random, org);
    const needs = Array.from({ length: org.answers ? (lineCounts.get(org.index) ?? 0) : 1 }, () =>
      generateNeed(random, ref, org),
    );
    const document: ResponseDocument = { organisation: organisationAnswers, needs };
    rows.responses.push({
      round_id: roundId,
      organisation_id: id,
      version: 1,
      status: org.answers ? 'submitted' : 'draft',
      draft: JSON.stringify(document),
      updated_at: iso(at),
      updated_by: null,
      revision: org.answers ? 1 : 0,
      submitted_version: org.answers ? 1 : null,
      submitted_at: org.answers ? iso(at) : null,
      submitted_by: null,
    });
    if (!org.answers) continue;
    rows.revisions.push({
      id: `${roundId}-rev-${pad(org.index + 1, 4)}`,
      round_id: roundId,
      organisation_id: id,
      revision: 1,
      submission_id: `${roundId}-sub-${pad(org.index + 1, 4)}`,
      document: JSON.stringify(document),
      changes: JSON.stringify({ organisation: [], needsAdded: needs.length, needsRemoved: 0, needsChanged: 0 }),
      submitted_by: null,
      on_behalf: 0,
      submitted_at: iso(at),
    });
    // The organisation's attributes as submitted (src/surveys/respond/submit.ts copies them the same way).
    rows.submitted.push({
      round_id: roundId,
      organisation_id: id,
      revision: 1,
      sector: org.sector,
      size_class: org.sizeClass,
      municipality_code: org.kommun,
      sni_section: sniSection,
      employees_now: organisationAnswers.employeesNow ?? null,
      expected_change_1y: organisationAnswers.expectedChange1y ?? null,
      expected_change_3y: organisationAnswers.expectedChange3y ?? null,
      obstacles: JSON.stringify(organisationAnswers.obstacles ?? []),
      provider_interest: organisationAnswers.providerInterest ?? null,
      contact_consent: organisationAnswers.contactConsent ? 1 : 0,
      submitted_at: iso(at),
    });
    needs.forEach((need, index) => {
      const lineId = `${roundId}-line-${pad(++lineNumber, 5)}`;
      const has = (s: (typeof need.strategies)[number]) => (need.strategies.includes(s) ? 1 : 0);
      rows.lines.push({
        id: lineId,
        round_id: roundId,
        organisation_id: id,
        line_no: index + 1,
        occupation_id: need.occupationId,
        ssyk_code: ref.ssykOf(need.occupationId),
        headcount: need.headcount,
        horizon: need.horizon,
        education_level: need.educationLevel,
        difficulty: need.difficulty,
        recruit_local: has('recruit-local'),
        recruit_outside: has('recruit-outside'),
        relocation_family: has('relocation-family'),
        train_staff: has('train-staff'),
        remote: has('remote'),
        consultants: has('consultants'),
        placement_kinds: need.placementOffer ? JSON.stringify(need.placementOffer.kinds) : null,
        placement_count: need.placementOffer?.count ?? null,
        comment: null,
      });
      for (const skill of need.skillIds) rows.skills.push({ need_line_id: lineId, skill_id: skill });
      // A specialisation without focus areas is stored with focus_area_code '' (as submit.ts does).
      for (const choice of need.specialisations) {
        for (const area of choice.focusAreas.length ? choice.focusAreas : ['']) {
          rows.focus.push({ need_line_id: lineId, specialisation_code: choice.code, focus_area_code: area });
        }
      }
    });
  }

  // The round is written as a draft and given its status last: if a batch fails half-way, what
  // was written stays out of every public figure (drafts are never shown; src/demand/rounds.ts).
  const period = iso(opens).slice(0, 4);
  const statements = [
    db
      .insertInto('rounds')
      .values({
        id: roundId,
        name: `Kompetensbehov ${period} – Blekinge (genererad)`,
        period,
        opens_at: iso(opens),
        closes_at: iso(closes),
        status: 'draft',
        questionnaire_version: 1,
        target: JSON.stringify({
          sectors: [],
          sizeClasses: [],
          municipalities: ['1060', '1080', '1081', '1082', '1083'],
          sniSections: [],
        }),
        created_by: null,
        created_at: iso(opens - 14 * DAY),
        opened_at: iso(opens),
        closed_at: null,
      })
      .compile(),
    ...insertChunks(db, 'organisations', rows.organisations),
    ...insertChunks(db, 'round_targets', rows.targets),
    ...insertChunks(db, 'responses', rows.responses),
    ...insertChunks(db, 'response_revisions', rows.revisions),
    ...insertChunks(db, 'submitted_responses', rows.submitted),
    ...insertChunks(db, 'need_lines', rows.lines),
    ...insertChunks(db, 'need_line_focus', rows.focus),
    ...insertChunks(db, 'need_line_skills', rows.skills),
    db
      .updateTable('rounds')
      .set({ status: closed ? 'closed' : 'open', closed_at: closed ? iso(closes) : null })
      .where('id', '=', roundId)
      .compile(),
  ];
  for (let start = 0; start < statements.length; start += STATEMENTS_PER_BATCH) {
    await atomic(statements.slice(start, start + STATEMENTS_PER_BATCH));
  }
  return {
    roundId,
    organisations: organisations.length,
    targeted: rows.targets.length,
    responded: rows.submitted.length,
    lines: rows.lines.length,
  };
}
