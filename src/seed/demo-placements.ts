import { type CompiledQuery, expressionBuilder, type Kysely } from 'kysely';
import { PLACEMENTS } from '../cache/names.ts';
import { bumpVersions } from '../cache/versions.ts';
import type { Database } from '../db/schema.ts';
import { placementTerms, wordParts } from '../placements/terms.ts';

/**
 * Fictional placements of the demo organisations, so that a newcomer finds something at
 * /placements and a student who fills in a profile gets a ranked list. Occupations and skills are
 * real JobTech concepts (data/reference), and each skill is one JobTech relates to the occupation
 * (test/node/demo-placements.test.ts checks both). Deadlines and periods are counted from the day
 * the demo is seeded, so the placements are open for the first months; like the rest of the demo,
 * rows that exist are left alone, and past their deadline they close like any other placement.
 */
interface DemoPlacement {
  key: string;
  organisation: string;
  kind: 'praktik' | 'lia' | 'exjobb' | 'trainee' | 'summer' | 'student-job';
  title: string;
  description: string;
  requirements: string;
  occupation: string;
  skills: string[];
  focus: [specialisation: string, focusArea: string][];
  municipality: string;
  remote?: boolean;
  /** Days from the seeding day to the last day to apply, to the start, and the length in days. */
  applyInDays: number;
  startInDays: number;
  lengthDays: number;
  places: number;
  paid?: boolean;
  language?: 'sv' | 'en';
  educationLevel?: 'upper-secondary' | 'post-secondary-short' | 'bachelor' | 'master';
}

export const DEMO_PLACEMENTS: readonly DemoPlacement[] = [
  {
    key: 'kodkusten-lia-webb',
    organisation: 'kodkusten',
    kind: 'lia',
    title: 'LIA: webbutveckling med Python och JavaScript',
    description:
      'Du är med i vårt utvecklingsteam i Karlskrona och bygger tjänster för sjöfarten: API:er i Python, gränssnitt i JavaScript, kod i Git och korta sprintar.',
    requirements: 'Du läser en YH-utbildning inom systemutveckling och har grunderna i Python eller JavaScript.',
    occupation: 'DJh5_yyF_hEM',
    skills: ['qfkh_ZRK_w4W', 'DHhX_uVf_y6X', '2REh_Drn_nsh', 'TMVb_DnH_etF'],
    focus: [
      ['tech', 'mjukvaruutveckling'],
      ['tech', 'marin-digitalisering'],
    ],
    municipality: '1080',
    applyInDays: 45,
    startInDays: 75,
    lengthDays: 70,
    places: 2,
    educationLevel: 'post-secondary-short',
  },
  {
    key: 'kodkusten-exjobb-ml',
    organisation: 'kodkusten',
    kind: 'exjobb',
    title: 'Examensarbete: maskininlärning på AIS-data',
    description:
      'Kan fartygens positionsdata förutsäga trängsel i farleden? Du tränar och utvärderar modeller på historisk AIS-data tillsammans med våra utvecklare. Distans går bra delar av veckan.',
    requirements: 'Civilingenjörs- eller masterprogram inom datateknik, datavetenskap eller liknande.',
    occupation: 'DJh5_yyF_hEM',
    skills: ['XEhm_7YA_qKM', 'qfkh_ZRK_w4W', 'Xnmr_kYS_YKY'],
    focus: [
      ['tech', 'ai'],
      ['tech', 'big-data'],
    ],
    municipality: '1080',
    remote: true,
    applyInDays: 60,
    startInDays: 110,
    lengthDays: 140,
    places: 1,
    educationLevel: 'master',
  },
  {
    key: 'skarvakt-praktik-soc',
    organisation: 'skarvakt',
    kind: 'praktik',
    title: 'Praktik i vårt säkerhetscenter',
    description:
      'Följ arbetet i ett litet säkerhetscenter i Ronneby: larm från brandväggar och nätverk, incidenter hos kunder i kommuner och industri, och hur man skriver en rapport som en ledning förstår.',
    requirements: 'Intresse för cybersäkerhet och nätverk. Du kan behöva genomgå säkerhetsprövning.',
    occupation: 'BAeH_eg8_T2d',
    skills: ['56NM_uHB_3am', 'iXzD_6DF_sL4', 'fYyb_kt4_tju'],
    focus: [['tech', 'cybersakerhet']],
    municipality: '1081',
    applyInDays: 30,
    startInDays: 60,
    lengthDays: 56,
    places: 1,
    educationLevel: 'bachelor',
  },
  {
    key: 'hamnvarvet-trainee',
    organisation: 'hamnvarvet',
    kind: 'trainee',
    title: 'Traineeprogram för ingenjörer inom marin teknik',
    description:
      'Ett år med fyra perioder: konstruktion, produktion, provtur och projektledning. Du arbetar med CAD-konstruktion och hållfasthetsberäkningar för fartyg och marina konstruktioner, med en mentor hela året.',
    requirements: 'Civilingenjör inom maskinteknik, farkostteknik eller motsvarande, examen inom ett år.',
    occupation: 'PRQn_9yw_NJA',
    skills: ['oaiv_GsB_AFK', 'BEva_hvD_fyY', 'uP2s_9yi_BaC'],
    focus: [['smart-industri', 'marin-teknik']],
    municipality: '1080',
    applyInDays: 75,
    startInDays: 150,
    lengthDays: 365,
    places: 3,
    paid: true,
    educationLevel: 'master',
  },
  {
    key: 'hamnvarvet-sommar-svets',
    organisation: 'hamnvarvet',
    kind: 'summer',
    title: 'Sommarjobb som svetsare på varvet',
    description:
      'Vi söker svetsare till sommarens dockningar: MAG/MIG- och TIG-svetsning i stål och aluminium, efter ritning, i lag med våra erfarna svetsare.',
    requirements: 'Gymnasiets industritekniska program eller svetsutbildning; svetscertifikat är meriterande.',
    occupation: 'wQ1E_Bzk_ZyA',
    skills: ['Q1D1_Pdc_rnT', 'WBnc_JXj_MvY', 'aHCV_VsV_LiD'],
    focus: [['smart-industri', 'marin-teknik']],
    municipality: '1080',
    applyInDays: 90,
    startInDays: 120,
    lengthDays: 70,
    places: 4,
    paid: true,
    educationLevel: 'upper-secondary',
  },
  {
    key: 'formpress-lia-automation',
    organisation: 'formpress',
    kind: 'lia',
    title: 'LIA: automation i pressverkstaden',
    description:
      'Du programmerar och trimmar PLC och robotceller i vår pressverkstad i Olofström, där vi formar plåt till fordonsindustrin.',
    requirements: 'YH-utbildning inom automation eller mekatronik.',
    occupation: 'K8yg_U4C_gkY',
    skills: ['Uytu_hWi_5nh', 'MT1a_Nyq_DGQ', 'XUVf_RZ8_97a'],
    focus: [['smart-industri', 'formningsteknologi']],
    municipality: '1060',
    applyInDays: 50,
    startInDays: 90,
    lengthDays: 84,
    places: 2,
    educationLevel: 'post-secondary-short',
  },
  {
    key: 'vagbrytaren-praktik-spel',
    organisation: 'vagbrytaren',
    kind: 'praktik',
    title: 'Praktik som spelutvecklare (Unity)',
    description:
      'Bygg banor och spelmekanik i Unity med C# i vår studio i Sölvesborg. Du är med från idé till speltest.',
    requirements: 'Du studerar spelutveckling och har ett par egna spel eller prototyper att visa.',
    occupation: 'Q5DF_juj_8do',
    skills: ['bN1e_YZo_pHh', 'jBKc_5Yx_Y6T', 'ih97_BSR_99C'],
    focus: [['tech', 'spelindustrin']],
    municipality: '1083',
    applyInDays: 40,
    startInDays: 70,
    lengthDays: 70,
    places: 2,
    language: 'en',
  },
  {
    key: 'konsultbron-exjobb-klimat',
    organisation: 'konsultbron',
    kind: 'exjobb',
    title: 'Examensarbete: skyfall och havsnivå i en kustkommun',
    description:
      'Hur ska en kustkommun i Blekinge planera vatten och bebyggelse när havet stiger och skyfallen blir fler? Du analyserar med GIS och föreslår åtgärder tillsammans med våra konsulter inom väg- och vattenbyggnad.',
    requirements: 'Civilingenjörsprogram inom väg och vatten, samhällsbyggnad eller miljöteknik.',
    occupation: 'XeBP_nMe_pXx',
    skills: ['CWfM_RL9_V4t', 'fUac_tth_R4H', 'BGJc_YEv_aPK'],
    focus: [['missions', 'klimatanpassning']],
    municipality: '1081',
    applyInDays: 65,
    startInDays: 120,
    lengthDays: 140,
    places: 1,
    educationLevel: 'master',
  },
];

export interface DemoLabels {
  occupation(id: string): string | undefined;
  skill(id: string): string | undefined;
}

const dayAfter = (now: Date, days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);

export const demoPlacementId = (key: string) => `demo-placement-${key}`;

/**
 * The demo placements with their skills, focus areas and search words (the same words a
 * placement published through the API gets, src/placements/service.ts). The link rows and the
 * catalogue's version are written only in the run that inserts the placement, that is when its
 * created_at is this run's time, so a second seeding changes nothing.
 */
export function demoPlacementQueries(db: Kysely<Database>, now: Date, labels: DemoLabels): CompiledQuery[] {
  const at = now.toISOString();
  const rows = DEMO_PLACEMENTS.map((p) => ({
    id: demoPlacementId(p.key),
    organisation_id: `demo-org-${p.organisation}`,
    kind: p.kind,
    title: p.title,
    description: p.description,
    occupation_id: p.occupation,
    municipality_code: p.municipality,
    remote: p.remote ? 1 : 0,
    period_start: dayAfter(now, p.startInDays),
    period_end: dayAfter(now, p.startInDays + p.lengthDays),
    places: p.places,
    apply_by: dayAfter(now, p.applyInDays),
    paid: p.paid ? 1 : 0,
    language: p.language ?? 'sv',
    education_level: p.educationLevel ?? null,
    requirements: p.requirements,
    contact: `rekrytering@${p.organisation}.kompetensbron.example`,
    need_ref: null,
    write_id: demoPlacementId(p.key),
    status: 'open' as const,
    version: 1,
    created_by: null,
    created_at: at,
    updated_at: at,
  }));
  const links = DEMO_PLACEMENTS.map((p) => ({
    id: demoPlacementId(p.key),
    applyBy: dayAfter(now, p.applyInDays),
    skills: p.skills,
    focus: p.focus,
    terms: placementTerms(
      p.title,
      labels.occupation(p.occupation),
      ...p.skills.map((s) => labels.skill(s)),
      p.requirements,
      p.description,
    ),
  }));
  const insertedNow = (id: string) =>
    eb.exists(
      eb
        .selectFrom('placements as g')
        .select(eb.lit(1).as('one'))
        .where('g.id', '=', id)
        .where('g.created_at', '=', at),
    );
  return [
    db
      .insertInto('placements')
      .values(rows)
      .onConflict((oc) => oc.column('id').doNothing())
      .compile(),
    ...links.flatMap((l) => [
      db
        .insertInto('placement_skills')
        .orIgnore()
        .columns(['placement_id', 'skill_id'])
        .expression(
          eachOf(l.skills)
            .select([eb.val(l.id).as('placement_id'), 'je.value'])
            .where(insertedNow(l.id)),
        )
        .compile(),
      db
        .insertInto('placement_focus')
        .orIgnore()
        .columns(['placement_id', 'specialisation_code', 'focus_area_code'])
        .expression(
          eachOf(l.focus)
            .select([
              eb.val(l.id).as('placement_id'),
              je.fn<string>('json_extract', ['je.value', je.val('$[0]')]).as('specialisation_code'),
              je.fn<string>('json_extract', ['je.value', je.val('$[1]')]).as('focus_area_code'),
            ])
            .where(insertedNow(l.id)),
        )
        .compile(),
      db
        .insertInto('placement_terms')
        .orIgnore()
        .columns(['term', 'in_title', 'apply_by', 'placement_id'])
        .expression(
          eachOf(l.terms)
            .select([
              je.fn<string>('json_extract', ['je.value', je.val('$[0]')]).as('term'),
              je.fn<number>('json_extract', ['je.value', je.val('$[1]')]).as('in_title'),
              eb.val(l.applyBy).as('apply_by'),
              eb.val(l.id).as('placement_id'),
            ])
            .where(insertedNow(l.id)),
        )
        .compile(),
      db
        .insertInto('placement_word_parts')
        .orIgnore()
        .columns(['part', 'word'])
        .expression(
          eachOf(wordParts(l.terms.map(([term]) => term)))
            .select([
              je.fn<string>('json_extract', ['je.value', je.val('$[0]')]).as('part'),
              je.fn<string>('json_extract', ['je.value', je.val('$[1]')]).as('word'),
            ])
            .where(insertedNow(l.id)),
        )
        .compile(),
    ]),
    bumpVersions(
      db,
      [PLACEMENTS],
      eb.exists(
        eb
          .selectFrom('placements')
          .select(eb.lit(1).as('one'))
          .where('id', 'like', 'demo-placement-%')
          .where('created_at', '=', at),
      ),
    ).compile(),
  ];
}

// Expressions built apart from the statements they go into; `je` is a JSON list's element.
const eb = expressionBuilder<Database, never>();
const je = expressionBuilder<{ je: { value: string } }, 'je'>();

/** The elements of a list, one row each (json_each: one bound parameter for the whole list). */
const eachOf = (list: unknown[]) =>
  eb.selectFrom(eb.fn<{ value: string }>('json_each', [eb.val(JSON.stringify(list))]).as('je'));

/**
 * The profile of the demo student Samir (src/seed/demo.ts): a YH software developer graduating
 * about six months after the demo is seeded, in Karlskrona or Ronneby or remote, so that
 * /placements/recommended ranks the demo placements with their reasons at once. Left alone if it
 * exists (the student may have changed or erased it).
 */
export function demoStudentProfileQuery(db: Kysely<Database>, now: Date, userId: string): CompiledQuery {
  return db
    .insertInto('student_profiles')
    .values({
      user_id: userId,
      programme: 'Systemutvecklare Python och JavaScript (demo)',
      institution: 'Yrkeshögskolan Sydost (demo)',
      sun_level: '41',
      expected_graduation: dayAfter(now, 180).slice(0, 7),
      remote_ok: 1,
      languages: JSON.stringify(['sv', 'en']),
      visibility: 'applications',
      // Python, JavaScript, Git, SQL: skills JobTech relates to software developers.
      skill_ids: JSON.stringify(['2REh_Drn_nsh', 'DHhX_uVf_y6X', 'Xnmr_kYS_YKY', 'qfkh_ZRK_w4W']),
      occupation_ids: JSON.stringify(['DJh5_yyF_hEM']),
      specialisations: JSON.stringify([{ code: 'tech', focusAreas: ['mjukvaruutveckling'] }]),
      municipality_codes: JSON.stringify(['1080', '1081']),
      version: 1,
      updated_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .compile();
}
