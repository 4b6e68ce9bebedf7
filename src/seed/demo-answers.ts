import type { CompiledQuery, Kysely } from 'kysely';
import { upsertRows } from '../db/queries.ts';
import type { Database } from '../db/schema.ts';
import type { DraftNeed } from '../surveys/schemas.ts';
import { DEMO_ORGANISATIONS, demoOrganisationId, demoUserId } from './demo.ts';
import { type DemoRound, demoRoundExists, demoRoundQueries, demoRounds } from './demo-rounds.ts';

/**
 * Fictional answers for the demo: a closed round that ten demo organisations answered, and an
 * open round that some have answered and some have drafts in, both dated from the seeding day
 * (src/seed/demo-rounds.ts). Occupation, skill, specialisation and focus-area ids are the real
 * reference ids. Existing rows are left alone, and a round's answers go in only if the round is
 * there, so a second seeding adds answers only to a round it has just added.
 */
type Spec = [string, string[]];
export interface DemoNeed {
  occupation: string;
  ssyk: string;
  headcount: number;
  horizon: '0-1' | '1-3' | '3-5';
  level: 'upper-secondary' | 'post-secondary-short' | 'bachelor' | 'master' | 'doctoral';
  difficulty: number;
  strategies: DraftNeed['strategies'];
  specs: Spec[];
  skills?: string[];
  placement?: { kinds: ('praktik' | 'lia' | 'exjobb' | 'trainee')[]; count: number };
  /** Questionnaire version 3's work form (decision 0035); only a version 3 round's answers have it. */
  workForm?: { workPlace: 'on-site' | 'hybrid' | 'remote'; extent: 'full-time' | 'part-time'; openToSharing: boolean };
}

const SOFTWARE = { occupation: 'DJh5_yyF_hEM', ssyk: '2512' };
const SECURITY = { occupation: 'BAeH_eg8_T2d', ssyk: '2516' };
const GAMES = { occupation: 'Q5DF_juj_8do', ssyk: '2513' };
const GAME_DESIGN = { occupation: 'Mbt6_3ko_DiD', ssyk: '2173' };
const MECH_ENGINEER = { occupation: 'PRQn_9yw_NJA', ssyk: '2144' };
const MECH_TECHNICIAN = { occupation: 'K8yg_U4C_gkY', ssyk: '3114' };
const MACHINE_OPERATOR = { occupation: 'vaEp_iBS_c5h', ssyk: '7223' };
const WELDER = { occupation: 'wQ1E_Bzk_ZyA', ssyk: '7212' };
const MAINTENANCE = { occupation: 'KttZ_Skc_bMR', ssyk: '7233' };
export const OTHER_ENGINEER = { occupation: 'mp2Y_vyC_RFV', ssyk: '2149' };
const ELECTRICAL_ENGINEER = { occupation: 'SPYW_7Z1_ShT', ssyk: '2143' };
const IT_ARCHITECT = { occupation: 'UXKZ_3zZ_ipB', ssyk: '2511' };
const PLANNER = { occupation: 'Pd51_xnr_KCY', ssyk: '2163' };
const MARINE_ENGINEER = { occupation: 'Rsoy_sS6_6c4', ssyk: '3151' };

const NEEDS: Record<string, DemoNeed[]> = {
  hamnvarvet: [
    {
      ...MECH_ENGINEER,
      headcount: 4,
      horizon: '1-3',
      level: 'master',
      difficulty: 5,
      strategies: ['recruit-outside', 'relocation-family'],
      specs: [['smart-industri', ['marin-teknik']]],
      skills: ['BEva_hvD_fyY', 'uP2s_9yi_BaC'],
      placement: { kinds: ['exjobb'], count: 2 },
    },
    {
      ...WELDER,
      headcount: 6,
      horizon: '0-1',
      level: 'upper-secondary',
      difficulty: 4,
      strategies: ['recruit-local', 'train-staff'],
      specs: [['smart-industri', ['marin-teknik']]],
      skills: ['BMYx_57E_ESj'],
    },
    {
      ...MARINE_ENGINEER,
      headcount: 2,
      horizon: '3-5',
      level: 'post-secondary-short',
      difficulty: 4,
      strategies: ['recruit-outside'],
      specs: [
        ['smart-industri', ['marin-teknik']],
        ['missions', ['friska-hav']],
      ],
    },
  ],
  formpress: [
    {
      ...MACHINE_OPERATOR,
      headcount: 12,
      horizon: '0-1',
      level: 'upper-secondary',
      difficulty: 3,
      strategies: ['recruit-local', 'train-staff'],
      specs: [['smart-industri', ['formningsteknologi']]],
      skills: ['GFYD_6fX_eZS', 'SpwW_ay8_Uhm'],
      placement: { kinds: ['praktik'], count: 4 },
    },
    {
      ...MECH_ENGINEER,
      headcount: 3,
      horizon: '1-3',
      level: 'master',
      difficulty: 5,
      strategies: ['recruit-outside', 'relocation-family', 'remote'],
      specs: [
        ['smart-industri', ['formningsteknologi']],
        ['tech', ['digital-produktutveckling']],
      ],
      skills: ['ratC_7a2_SCi'],
      placement: { kinds: ['exjobb', 'trainee'], count: 2 },
    },
    {
      ...MAINTENANCE,
      headcount: 4,
      horizon: '1-3',
      level: 'post-secondary-short',
      difficulty: 4,
      strategies: ['recruit-local', 'train-staff'],
      specs: [['smart-industri', ['formningsteknologi']]],
      placement: { kinds: ['lia'], count: 3 },
    },
  ],
  kodkusten: [
    {
      ...SOFTWARE,
      headcount: 5,
      horizon: '0-1',
      level: 'bachelor',
      difficulty: 4,
      strategies: ['recruit-local', 'remote'],
      specs: [['tech', ['mjukvaruutveckling']]],
      skills: ['qfkh_ZRK_w4W', 'DHhX_uVf_y6X', 'TMVb_DnH_etF'],
      placement: { kinds: ['lia', 'exjobb'], count: 3 },
    },
    {
      ...IT_ARCHITECT,
      headcount: 1,
      horizon: '1-3',
      level: 'master',
      difficulty: 5,
      strategies: ['recruit-outside', 'remote', 'consultants'],
      specs: [['tech', ['mjukvaruutveckling', 'big-data']]],
    },
  ],
  skarvakt: [
    {
      ...SECURITY,
      headcount: 2,
      horizon: '0-1',
      level: 'bachelor',
      difficulty: 5,
      strategies: ['recruit-outside', 'remote'],
      specs: [['tech', ['cybersakerhet']]],
      skills: ['iXzD_6DF_sL4'],
      placement: { kinds: ['exjobb'], count: 1 },
    },
    {
      ...SOFTWARE,
      headcount: 1,
      horizon: '1-3',
      level: 'bachelor',
      difficulty: 3,
      strategies: ['recruit-local'],
      specs: [['tech', ['cybersakerhet', 'mjukvaruutveckling']]],
    },
  ],
  vagbrytaren: [
    {
      ...GAMES,
      headcount: 4,
      horizon: '0-1',
      level: 'bachelor',
      difficulty: 3,
      strategies: ['recruit-local', 'remote'],
      specs: [['tech', ['spelindustrin']]],
      placement: { kinds: ['praktik', 'lia'], count: 4 },
    },
    {
      ...GAME_DESIGN,
      headcount: 2,
      horizon: '1-3',
      level: 'bachelor',
      difficulty: 3,
      strategies: ['recruit-local'],
      specs: [['tech', ['spelindustrin']]],
    },
  ],
  kustlivs: [
    {
      ...MACHINE_OPERATOR,
      headcount: 5,
      horizon: '0-1',
      level: 'upper-secondary',
      difficulty: 2,
      strategies: ['recruit-local'],
      specs: [['smart-industri', []]],
    },
    {
      ...ELECTRICAL_ENGINEER,
      headcount: 1,
      horizon: '1-3',
      level: 'master',
      difficulty: 4,
      strategies: ['recruit-outside', 'relocation-family'],
      specs: [['missions', ['klimatneutrala-smarta-stader']]],
    },
  ],
  listerenergi: [
    {
      ...ELECTRICAL_ENGINEER,
      headcount: 3,
      horizon: '1-3',
      level: 'master',
      difficulty: 4,
      strategies: ['recruit-outside', 'consultants'],
      specs: [['missions', ['klimatneutrala-smarta-stader', 'klimatanpassning']]],
      placement: { kinds: ['trainee'], count: 1 },
    },
    {
      ...SOFTWARE,
      headcount: 1,
      horizon: '3-5',
      level: 'bachelor',
      difficulty: 3,
      strategies: ['remote'],
      specs: [
        ['tech', ['big-data']],
        ['missions', ['klimatneutrala-smarta-stader']],
      ],
    },
  ],
  konsultbron: [
    {
      ...OTHER_ENGINEER,
      headcount: 3,
      horizon: '1-3',
      level: 'master',
      difficulty: 4,
      strategies: ['recruit-outside', 'relocation-family'],
      specs: [['missions', ['klimatanpassning']]],
      skills: ['3Sj1_uuL_y1A'],
    },
    {
      ...PLANNER,
      headcount: 2,
      horizon: '3-5',
      level: 'master',
      difficulty: 3,
      strategies: ['recruit-local', 'train-staff'],
      specs: [['missions', ['klimatanpassning', 'klimatneutrala-smarta-stader']]],
    },
  ],
  vattenforbundet: [
    {
      ...OTHER_ENGINEER,
      headcount: 2,
      horizon: '0-1',
      level: 'master',
      difficulty: 4,
      strategies: ['recruit-outside'],
      specs: [['missions', ['friska-hav', 'klimatanpassning']]],
    },
    {
      ...MECH_TECHNICIAN,
      headcount: 2,
      horizon: '1-3',
      level: 'post-secondary-short',
      difficulty: 3,
      strategies: ['recruit-local', 'train-staff'],
      specs: [['missions', ['klimatanpassning']]],
      placement: { kinds: ['lia'], count: 2 },
    },
  ],
  havsdata: [
    {
      ...SOFTWARE,
      headcount: 1,
      horizon: '1-3',
      level: 'master',
      difficulty: 4,
      strategies: ['remote'],
      specs: [
        ['tech', ['marin-digitalisering', 'ai']],
        ['missions', ['friska-hav']],
      ],
      skills: ['qfkh_ZRK_w4W'],
      placement: { kinds: ['exjobb'], count: 2 },
    },
  ],
};

const OPEN_SUBMITTED = ['formpress', 'kodkusten', 'skarvakt', 'vattenforbundet'];
const OPEN_DRAFTS = ['hamnvarvet', 'vagbrytaren'];
const SNI_SECTION: Record<string, string> = {
  '30': 'C',
  '29': 'C',
  '10': 'C',
  '62': 'J',
  '58': 'J',
  '35': 'D',
  '71': 'M',
  '36': 'E',
  '94': 'S',
  '85': 'P',
};
const MEMBER_OF: Record<string, string> = { hamnvarvet: 'anna', kodkusten: 'lina', formpress: 'omar' };

function toDraftNeed(need: DemoNeed): DraftNeed {
  return {
    occupationId: need.occupation,
    skillIds: need.skills ?? [],
    specialisations: need.specs.map(([code, focusAreas]) => ({ code, focusAreas })),
    headcount: need.headcount,
    horizon: need.horizon,
    educationLevel: need.level,
    difficulty: need.difficulty,
    strategies: need.strategies,
    placementOffer: need.placement ?? null,
    comment: '',
    ...(need.workForm ?? {}),
  };
}

/** The second round's answers differ a little from the first, so that change between rounds shows. */
function needsFor(key: string, round: 'closed' | 'open'): DemoNeed[] {
  const needs = NEEDS[key] ?? [];
  return round === 'closed' ? needs : needs.map((n, i) => ({ ...n, headcount: n.headcount + (i % 2 === 0 ? 1 : 0) }));
}

export function demoAnswerQueries(db: Kysely<Database>, now: Date): CompiledQuery[] {
  const { closed, open, reopened } = demoRounds(now);
  const answered = DEMO_ORGANISATIONS.filter((o) => NEEDS[o.key]);
  return [
    ...demoRoundQueries(db, now, demoUserId('sekretariatet')),
    ...answerQueries(
      db,
      closed,
      answered.map((o) => o.key),
      [],
    ),
    ...answerQueries(db, open, OPEN_SUBMITTED, OPEN_DRAFTS),
    ...answerQueries(db, reopened, OPEN_SUBMITTED, OPEN_DRAFTS),
  ];
}

/**
 * One round's targets (every demo organisation, or `only.targets`) and answers, if the round exists
 * when they run; `only.needs` replaces the demo's usual needs (a round of another questionnaire version).
 */
export function answerQueries(
  db: Kysely<Database>,
  round: DemoRound,
  submittedBy: readonly string[],
  draftsOf: readonly string[],
  only: { targets?: readonly string[]; needs?: Record<string, DemoNeed[]> } = {},
): CompiledQuery[] {
  const targeted = only.targets ? DEMO_ORGANISATIONS.filter((o) => only.targets?.includes(o.key)) : DEMO_ORGANISATIONS;
  const rows = {
    targets: targeted.map((o) => ({
      round_id: round.id,
      organisation_id: demoOrganisationId(o.key),
      sector: o.sector,
      size_class: o.sizeClass,
      municipality_code: o.municipality,
      sni_section: SNI_SECTION[o.sniDivision] ?? null,
      // Invited when the round opened: scheduled work mails no invitation to a demo address.
      invited_at: round.opens,
    })),
    responses: [] as Record<string, string | number | null>[],
    revisions: [] as Record<string, string | number | null>[],
    submitted: [] as Record<string, string | number | null>[],
    lines: [] as Record<string, string | number | null>[],
    skills: [] as Record<string, string | number | null>[],
    focus: [] as Record<string, string | number | null>[],
  };
  const add = (key: string, submitted: boolean) => {
    const org = DEMO_ORGANISATIONS.find((o) => o.key === key);
    if (!org) return;
    const orgId = demoOrganisationId(key);
    const needs = only.needs?.[key] ?? needsFor(key, round.status);
    const organisationAnswers = {
      employeesNow: 20 + needs.length * 15,
      expectedChange1y: needs.length,
      expectedChange3y: needs.length * 2,
      obstacles: ['few-applicants', 'skills-mismatch'],
      providerInterest: 'yes',
      contactConsent: key !== 'skarvakt',
    };
    const document = { organisation: organisationAnswers, needs: needs.map(toDraftNeed) };
    const at = new Date(new Date(round.opens).getTime() + 7 * 86_400_000).toISOString();
    const by = MEMBER_OF[key] ? demoUserId(MEMBER_OF[key]) : demoUserId('sekretariatet');
    rows.responses.push({
      round_id: round.id,
      organisation_id: orgId,
      version: 1,
      status: submitted ? 'submitted' : 'draft',
      draft: JSON.stringify(document),
      updated_at: at,
      updated_by: by,
      revision: submitted ? 1 : 0,
      submitted_version: submitted ? 1 : null,
      submitted_at: submitted ? at : null,
      submitted_by: submitted ? by : null,
    });
    if (!submitted) return;
    rows.revisions.push({
      id: `${round.id}-${key}-r1`,
      round_id: round.id,
      organisation_id: orgId,
      revision: 1,
      submission_id: `${round.id}-${key}-demo`,
      document: JSON.stringify(document),
      changes: JSON.stringify({ organisation: [], needsAdded: needs.length, needsRemoved: 0, needsChanged: 0 }),
      submitted_by: by,
      on_behalf: MEMBER_OF[key] ? 0 : 1,
      submitted_at: at,
    });
    rows.submitted.push({
      round_id: round.id,
      organisation_id: orgId,
      revision: 1,
      sector: org.sector,
      size_class: org.sizeClass,
      municipality_code: org.municipality,
      sni_section: SNI_SECTION[org.sniDivision] ?? null,
      employees_now: organisationAnswers.employeesNow,
      expected_change_1y: organisationAnswers.expectedChange1y,
      expected_change_3y: organisationAnswers.expectedChange3y,
      obstacles: JSON.stringify(organisationAnswers.obstacles),
      provider_interest: 'yes',
      contact_consent: organisationAnswers.contactConsent ? 1 : 0,
      submitted_at: at,
    });
    needs.forEach((need, i) => {
      const id = `${round.id}-${key}-${i + 1}`;
      const has = (s: string) => (need.strategies.includes(s as never) ? 1 : 0);
      rows.lines.push({
        id,
        round_id: round.id,
        organisation_id: orgId,
        line_no: i + 1,
        occupation_id: need.occupation,
        ssyk_code: need.ssyk,
        headcount: need.headcount,
        horizon: need.horizon,
        education_level: need.level,
        difficulty: need.difficulty,
        recruit_local: has('recruit-local'),
        recruit_outside: has('recruit-outside'),
        relocation_family: has('relocation-family'),
        train_staff: has('train-staff'),
        remote: has('remote'),
        consultants: has('consultants'),
        placement_kinds: need.placement ? JSON.stringify(need.placement.kinds) : null,
        placement_count: need.placement?.count ?? null,
        comment: null,
        work_place: need.workForm?.workPlace ?? null,
        extent: need.workForm?.extent ?? null,
        open_to_sharing: need.workForm?.openToSharing ? 1 : 0,
      });
      for (const skill of need.skills ?? []) rows.skills.push({ need_line_id: id, skill_id: skill });
      for (const [code, areas] of need.specs) {
        for (const area of areas.length ? areas : [''])
          rows.focus.push({ need_line_id: id, specialisation_code: code, focus_area_code: area });
      }
    });
  };
  for (const key of submittedBy) add(key, true);
  for (const key of draftsOf) add(key, false);
  const options = { onConflict: 'ignore', when: demoRoundExists(round.id) } as const;
  return [
    ...upsertRows(db, 'round_targets', ['round_id', 'organisation_id'], rows.targets, options),
    ...upsertRows(db, 'responses', ['round_id', 'organisation_id'], rows.responses, options),
    ...upsertRows(db, 'response_revisions', ['id'], rows.revisions, options),
    ...upsertRows(db, 'submitted_responses', ['round_id', 'organisation_id'], rows.submitted, options),
    ...upsertRows(db, 'need_lines', ['id'], rows.lines, options),
    ...upsertRows(db, 'need_line_skills', ['need_line_id', 'skill_id'], rows.skills, options),
    ...upsertRows(
      db,
      'need_line_focus',
      ['need_line_id', 'specialisation_code', 'focus_area_code'],
      rows.focus,
      options,
    ),
  ];
}
