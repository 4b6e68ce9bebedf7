import { type CompiledQuery, expressionBuilder, type Kysely } from 'kysely';
import { OFFERINGS } from '../cache/names.ts';
import { bumpVersions } from '../cache/versions.ts';
import type { Database } from '../db/schema.ts';

/**
 * Demo offerings: programme names observed in public Blekinge sources (../shared/data/
 * education_blekinge_observed.csv, BTH and Yrkeshögskolan Syd), placed under the fictional demo
 * providers and flagged `is_demo = 1`; the pages call them examples. Every code is a real reference
 * row (SUN 2020 levels and fields, JobTech occupation groups and skills, kommun codes); places and
 * graduates are illustrative, not observed. Existing rows are left alone, like the rest of the demo.
 */
interface DemoOffering {
  key: string;
  provider: string;
  name: string;
  form: string;
  sunLevel: string;
  sunField: string;
  places: number;
  graduates: number;
  municipality: string;
  language: 'sv' | 'en';
  occupations: string[];
  skills: string[];
}

const DEMO_OFFERINGS: readonly DemoOffering[] = [
  {
    key: 'software-engineering',
    provider: 'hogskolan',
    name: 'Software Engineering',
    form: 'university-programme',
    sunLevel: '53',
    sunField: '481',
    places: 60,
    graduates: 40,
    municipality: '1080',
    language: 'en',
    occupations: ['DJh5_yyF_hEM'],
    skills: ['jCsR_WQX_CKD', 'qfkh_ZRK_w4W', 'Xnmr_kYS_YKY'],
  },
  {
    key: 'it-sakerhet',
    provider: 'hogskolan',
    name: 'IT-säkerhet',
    form: 'university-programme',
    sunLevel: '53',
    sunField: '481',
    places: 40,
    graduates: 25,
    municipality: '1080',
    language: 'sv',
    occupations: ['BAeH_eg8_T2d'],
    skills: [],
  },
  {
    key: 'sjukskoterska',
    provider: 'hogskolan',
    name: 'Sjuksköterskeprogrammet',
    form: 'university-programme',
    sunLevel: '53',
    sunField: '723',
    places: 90,
    graduates: 70,
    municipality: '1080',
    language: 'sv',
    occupations: ['Z8ci_bBE_tmx'],
    skills: [],
  },
  {
    key: 'marin-teknik',
    provider: 'hogskolan',
    name: 'Civilingenjörsprogrammet i marin teknik',
    form: 'university-programme',
    sunLevel: '55',
    sunField: '525',
    places: 30,
    graduates: 18,
    municipality: '1080',
    language: 'sv',
    occupations: ['PRQn_9yw_NJA'],
    skills: [],
  },
  {
    key: 'automation-robot',
    provider: 'yhsydost',
    name: 'Automations- och robotingenjör',
    form: 'yh',
    sunLevel: '52',
    sunField: '523',
    places: 30,
    graduates: 22,
    municipality: '1060',
    language: 'sv',
    occupations: ['nDaB_vdy_eAy', 'K8yg_U4C_gkY'],
    skills: [],
  },
];

/** The first 30 August at least 90 days after seeding: the autumn start the demo offerings announce. */
function nextAutumnStart(now: Date): string {
  const soonest = now.getTime() + 90 * 86_400_000;
  const year = now.getUTCFullYear();
  const start = Date.UTC(year, 7, 30) >= soonest ? year : year + 1;
  return `${start}-08-30`;
}

export function demoOfferingQueries(db: Kysely<Database>, now: Date): CompiledQuery[] {
  const at = now.toISOString();
  const id = (key: string) => `demo-offering-${key}`;
  const rows = DEMO_OFFERINGS.map((o) => ({
    id: id(o.key),
    provider_id: `demo-org-${o.provider}`,
    name: o.name,
    form: o.form,
    sun_level: o.sunLevel,
    sun_field: o.sunField,
    annual_places: o.places,
    annual_graduates: o.graduates,
    municipality_code: o.municipality,
    distance: 0,
    language: o.language,
    pace: 100,
    start_dates: JSON.stringify([nextAutumnStart(now)]),
    url: null,
    description: null,
    is_demo: 1,
    version: 1,
    write_id: id(o.key),
    created_at: at,
    updated_at: at,
  }));
  const links = (column: 'occupations' | 'skills') =>
    DEMO_OFFERINGS.flatMap((o) => o[column].map((concept) => ({ offering_id: id(o.key), concept })));
  const occupationLinks = links('occupations');
  const skillLinks = links('skills');
  return [
    db
      .insertInto('offerings')
      .values(rows)
      .onConflict((oc) => oc.column('id').doNothing())
      .compile(),
    db
      .insertInto('offering_occupations')
      .orIgnore()
      .columns(['offering_id', 'occupation_id'])
      .expression(newLinks(occupationLinks))
      .compile(),
    db
      .insertInto('offering_skills')
      .orIgnore()
      .columns(['offering_id', 'skill_id'])
      .expression(newLinks(skillLinks))
      .compile(),
    // Only when this seeding added an offering (a second seeding adds none and changes nothing).
    bumpVersions(
      db,
      [OFFERINGS],
      eb.exists(
        eb.selectFrom('offerings').select(eb.lit(1).as('one')).where('is_demo', '=', 1).where('created_at', '=', at),
      ),
    ).compile(),
  ];
}

// Expressions built apart from the statements they go into; `je` is a JSON list's element.
const eb = expressionBuilder<Database, never>();
const je = expressionBuilder<{ je: { value: string } }, 'je'>();

/** (offering, concept) for each link whose offering this seeding inserted (version 1). */
function newLinks(links: { offering_id: string; concept: string }[]) {
  const field = (name: string) => je.fn<string>('json_extract', ['je.value', je.val(`$.${name}`)]);
  return eb
    .selectFrom(eb.fn<{ value: string }>('json_each', [eb.val(JSON.stringify(links))]).as('je'))
    .select([field('offering_id').as('offering_id'), field('concept').as('concept')])
    .where((w) =>
      w.exists(
        w
          .selectFrom('offerings as f')
          .select(w.lit(1).as('one'))
          .where('f.id', '=', field('offering_id'))
          .where('f.version', '=', 1),
      ),
    );
}
