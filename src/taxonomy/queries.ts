import { type CompiledQuery, type Expression, expressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { OCCUPATION_TITLES } from '../cache/names.ts';
import { jsonValues } from '../db/queries.ts';
import type { Database } from '../db/schema.ts';

export interface Occupation {
  id: string;
  ssyk: string | null;
  labelSv: string;
  labelEn: string | null;
}

export interface Skill {
  id: string;
  labelSv: string;
}

export interface FocusArea {
  code: string;
  nameSv: string;
  nameEn: string;
}

export interface Specialisation extends FocusArea {
  focusAreas: FocusArea[];
}

export interface Municipality {
  code: string;
  name: string;
  shortName: string;
  countyCode: string;
  countyName: string;
  inRegion: boolean;
}

export interface Page<T> {
  items: T[];
  nextOffset: number | null;
}

/** The occupation's English name: its SSYK-4 group's, else its SSYK-3 group's. */
function selectOccupations(db: Kysely<Database>) {
  return db
    .selectFrom('occupations as o')
    .leftJoin('ssyk as s', 's.code', 'o.ssyk_code')
    .leftJoin('ssyk as s3', (join) =>
      join.on((eb) => eb('s3.code', '=', eb.fn<string>('substr', ['o.ssyk_code', eb.lit(1), eb.lit(3)]))),
    )
    .select((eb) => ['o.id', 'o.ssyk_code', 'o.label_sv', eb.fn.coalesce('s.name_en', 's3.name_en').as('name_en')]);
}

// Conditions and subqueries built apart from any one query.
const eb = expressionBuilder<Database, never>();

// Search conditions built apart from any one query; they take the column as an expression.

/**
 * The text holds `needle`. search_text and the needle are both lower-cased the Swedish way
 * (search-text.ts), so this is what `like '%needle%'` was, with no wildcards to escape.
 */
function contains(text: Expression<string>, needle: string): Expression<SqlBool> {
  return eb(eb.fn<number>('instr', [text, eb.val(needle)]), '>', 0);
}

/** The text begins with `prefix`. */
function startsWith(text: Expression<string>, prefix: string): Expression<SqlBool> {
  return eb(eb.fn<string>('substr', [text, eb.lit(1), eb.fn<number>('length', [eb.val(prefix)])]), '=', prefix);
}

/**
 * Occupation groups (JobTech ssyk-level-4 concepts) in alphabetical order, optionally those under
 * an SSYK code prefix. Search by words goes through the job-title index (occupation-search.ts).
 */
export async function listOccupations(
  db: Kysely<Database>,
  filter: { ssyk?: string; limit: number; offset: number },
): Promise<Page<Occupation>> {
  let query = selectOccupations(db);
  if (filter.ssyk) query = query.where('o.ssyk_code', 'like', `${filter.ssyk}%`);
  const rows = await query
    .orderBy('o.label_sv')
    .orderBy('o.id')
    .limit(filter.limit + 1)
    .offset(filter.offset)
    .execute();
  return pageOf(
    rows.map((row) => ({ id: row.id, ssyk: row.ssyk_code, labelSv: row.label_sv, labelEn: row.name_en })),
    filter,
  );
}

/** What the job-title index is built from (src/taxonomy/titles/title-index.ts), aliases aside. */
export async function findTitleSource(db: Kysely<Database>) {
  const [groups, names, synonyms] = await Promise.all([
    selectOccupations(db).select('o.definition_sv').orderBy('o.id').execute(),
    db.selectFrom('occupation_names').select(['id', 'label_sv', 'occupation_id']).orderBy('id').execute(),
    db
      .selectFrom('occupation_name_synonyms')
      .select(['label', 'occupation_name_id', 'kind'])
      .orderBy('occupation_name_id')
      .orderBy('label')
      .execute(),
  ]);
  return {
    groups: groups.map((g) => ({
      id: g.id,
      ssyk: g.ssyk_code,
      labelSv: g.label_sv,
      labelEn: g.name_en,
      definition: g.definition_sv,
    })),
    names: names.map((n) => ({ id: n.id, label: n.label_sv, groupId: n.occupation_id })),
    synonyms: synonyms.map((s) => ({ label: s.label, nameId: s.occupation_name_id, kind: s.kind })),
  };
}

const digestQueries = new WeakMap<object, CompiledQuery<{ digest: string }>>();

/** The digest the seed wrote over the tables the job-title index is built from; null before any seed. */
export async function findTitlesDigest(db: Kysely<Database>): Promise<string | null> {
  // Read on every search: compiled once per handle, it skips the builder's work each time.
  let query = digestQueries.get(db);
  if (!query) {
    query = db
      .selectFrom('data_versions')
      .select((eb) => eb.cast<string>('version', 'text').as('digest'))
      .where('name', '=', OCCUPATION_TITLES)
      .compile();
    digestQueries.set(db, query);
  }
  const { rows } = await db.executeQuery(query);
  return rows[0]?.digest ?? null;
}

/** Occupation groups by JobTech id, each with its English name as findOccupationById gives it. */
export async function findOccupationsByIds(db: Kysely<Database>, ids: readonly string[]): Promise<Occupation[]> {
  if (ids.length === 0) return [];
  const rows = await selectOccupations(db).where('o.id', 'in', jsonValues(ids)).execute();
  return rows.map((row) => ({ id: row.id, ssyk: row.ssyk_code, labelSv: row.label_sv, labelEn: row.name_en }));
}

export async function findOccupationById(db: Kysely<Database>, id: string): Promise<Occupation | undefined> {
  const row = await selectOccupations(db).where('o.id', '=', id).executeTakeFirst();
  return row && { id: row.id, ssyk: row.ssyk_code, labelSv: row.label_sv, labelEn: row.name_en };
}

/** How many open placements the use of a skill is counted over, per occupation. */
const RECENT_PLACEMENTS = 500;

/**
 * Rows (occupation_id, skill_id, n): how many of each occupation's open placements ask for each
 * skill, counted over its RECENT_PLACEMENTS with the latest deadlines (the index's order), so an
 * occupation with thousands of placements costs the same as one with fifty (2.5 ms for one with
 * 7,555 in the 50k bench set). The order in which skills are offered comes from this: placements
 * are public, so it tells nothing a visitor could not count; survey answers are never used.
 */
export function placementSkillUse(occupationIds: readonly string[]) {
  return eb
    .selectFrom(eb.fn<{ value: string }>('json_each', [eb.val(JSON.stringify(occupationIds))]).as('o'))
    .innerJoin('placements as p', (join) =>
      join.on((j) =>
        j(
          'p.id',
          'in',
          j
            .selectFrom('placements as r')
            .select('r.id')
            .whereRef('r.occupation_id', '=', 'o.value')
            .where('r.status', '=', 'open')
            .orderBy('r.apply_by', 'desc')
            .orderBy('r.id', 'desc')
            .limit(RECENT_PLACEMENTS),
        ),
      ),
    )
    .innerJoin('placement_skills as ps', 'ps.placement_id', 'p.id')
    .select((c) => ['o.value as occupation_id', 'ps.skill_id', c.fn.countAll<number>().as('n')])
    .groupBy(['o.value', 'ps.skill_id']);
}

/**
 * Skills by label, the label itself and label prefixes first; with an occupation, only the skills
 * JobTech relates to it, those the region's open placements for it ask for most first.
 */
export async function searchSkills(
  db: Kysely<Database>,
  filter: { q?: string; occupation?: string; limit: number; offset: number },
): Promise<Page<Skill>> {
  let query = db.selectFrom('skills as k').select(['k.id', 'k.label_sv']);
  if (filter.occupation) {
    query = query
      .innerJoin('occupation_skills as os', 'os.skill_id', 'k.id')
      .where('os.occupation_id', '=', filter.occupation);
  }
  const q = filter.q?.trim();
  if (q) {
    // The name itself first, then names that begin with it ("SQL, frågespråk" before "MySQL"), then the rest.
    const needle = q.toLocaleLowerCase('sv');
    query = query
      .where((eb) => contains(eb.ref('k.search_text'), needle))
      .orderBy((eb) =>
        eb
          .case()
          .when(eb.or([eb('k.search_text', '=', needle), startsWith(eb.ref('k.search_text'), `${needle} | `)]))
          .then(0)
          .when(startsWith(eb.ref('k.search_text'), needle))
          .then(1)
          .else(2)
          .end(),
      );
  }
  if (filter.occupation) {
    // JobTech relates up to hundreds of skills to an occupation without a weight; those the
    // region's open placements for it ask for most come first (placementSkillUse).
    query = query
      .leftJoin(placementSkillUse([filter.occupation]).as('used'), (join) => join.onRef('used.skill_id', '=', 'k.id'))
      .orderBy((eb) => eb.fn.coalesce('used.n', eb.lit(0)), 'desc');
  }
  const rows = await query
    .orderBy('k.label_sv')
    .orderBy('k.id')
    .limit(filter.limit + 1)
    .offset(filter.offset)
    .execute();
  return pageOf(
    rows.map((row) => ({ id: row.id, labelSv: row.label_sv })),
    filter,
  );
}

export async function listSpecialisations(db: Kysely<Database>): Promise<Specialisation[]> {
  const [specialisations, focusAreas] = await Promise.all([
    db.selectFrom('specialisations').selectAll().orderBy('sort_order').execute(),
    db.selectFrom('focus_areas').selectAll().orderBy('specialisation_code').orderBy('sort_order').execute(),
  ]);
  return specialisations.map((s) => ({
    code: s.code,
    nameSv: s.name_sv,
    nameEn: s.name_en,
    focusAreas: focusAreas
      .filter((f) => f.specialisation_code === s.code)
      .map((f) => ({ code: f.code, nameSv: f.name_sv, nameEn: f.name_en })),
  }));
}

/** Municipalities (kommuner), the region's own first. */
export async function listMunicipalities(
  db: Kysely<Database>,
  filter: { county?: string; regionOnly?: boolean },
): Promise<Municipality[]> {
  let query = db
    .selectFrom('municipalities as m')
    .innerJoin('counties as c', 'c.code', 'm.county_code')
    .leftJoin('region as r', 'r.county_code', 'm.county_code')
    .select(['m.code', 'm.name', 'm.short_name', 'm.county_code', 'c.name as county_name', 'r.id as region_id']);
  if (filter.county) query = query.where('m.county_code', '=', filter.county);
  if (filter.regionOnly) query = query.where('r.id', 'is not', null);
  const rows = await query
    .orderBy((eb) => eb.case().when('r.id', 'is not', null).then(0).else(1).end())
    .orderBy('m.code')
    .execute();
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    shortName: row.short_name,
    countyCode: row.county_code,
    countyName: row.county_name,
    inRegion: row.region_id !== null,
  }));
}

export interface ReferenceFigures {
  organisations: number;
  occupations: number;
  skills: number;
  regionMunicipalities: number;
  regionNameSv: string | null;
  regionNameEn: string | null;
}

/** Counts for the start page, in one round trip. */
export async function countReferenceFigures(db: Kysely<Database>): Promise<ReferenceFigures> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('organisations')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('organisations'),
      eb
        .selectFrom('ssyk')
        .where('level', '=', 4)
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('occupations'),
      eb
        .selectFrom('skills')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('skills'),
      eb
        .selectFrom('municipalities as m')
        .innerJoin('region as r', 'r.county_code', 'm.county_code')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('regionMunicipalities'),
      eb.selectFrom('region').select('name_sv').as('regionNameSv'),
      eb.selectFrom('region').select('name_en').as('regionNameEn'),
    ])
    .executeTakeFirstOrThrow();
  return {
    organisations: Number(row.organisations ?? 0),
    occupations: Number(row.occupations ?? 0),
    skills: Number(row.skills ?? 0),
    regionMunicipalities: Number(row.regionMunicipalities ?? 0),
    regionNameSv: row.regionNameSv ?? null,
    regionNameEn: row.regionNameEn ?? null,
  };
}

function pageOf<T>(rows: T[], filter: { limit: number; offset: number }): Page<T> {
  const more = rows.length > filter.limit;
  return { items: more ? rows.slice(0, filter.limit) : rows, nextOffset: more ? filter.offset + filter.limit : null };
}

export async function findSunLevels(db: Kysely<Database>, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('sun_levels').select(['code', 'name_sv']).where('code', 'in', codes).execute();
  return new Map(rows.map((row) => [row.code, row.name_sv]));
}

/** One of the ` | `-separated labels of `searchText` is among `needles` (each ` | label | `). */
function labelIn(searchText: Expression<string>, needles: readonly string[]): Expression<SqlBool> {
  const padded = eb(eb(eb.val(' | '), '||', searchText), '||', eb.val(' | '));
  return eb.exists(
    eb
      .selectFrom(eb.fn<{ value: string }>('json_each', [eb.val(JSON.stringify(needles))]).as('n'))
      .select(eb.lit(1).as('one'))
      .where((n) => n(n.fn<number>('instr', [padded, 'n.value']), '>', 0)),
  );
}

/**
 * Occupations or skills that an entry of the picker may name: by id, by SSYK code (occupations), or
 * by one of the labels in search_text (`needles` are ` | label | `, as search_text is joined).
 */
export function findTaxonomyMatches(
  db: Kysely<Database>,
  kind: 'occupation' | 'skill',
  entries: readonly string[],
  needles: readonly string[],
) {
  if (kind === 'occupation')
    return db
      .selectFrom('occupations')
      .select(['id', 'ssyk_code as code', 'search_text'])
      .where((w) =>
        w.or([
          w('id', 'in', jsonValues(entries)),
          w('ssyk_code', 'in', jsonValues(entries)),
          labelIn(w.ref('search_text'), needles),
        ]),
      )
      .execute();
  return db
    .selectFrom('skills')
    .select((s) => ['id', s.lit(null).as('code'), 'search_text'])
    .where((w) => w.or([w('id', 'in', jsonValues(entries)), labelIn(w.ref('search_text'), needles)]))
    .execute();
}

/** The Swedish labels of these occupations or skills, by id. */
export function findTaxonomyLabels(db: Kysely<Database>, kind: 'occupation' | 'skill', ids: readonly string[]) {
  return db
    .selectFrom(kind === 'occupation' ? 'occupations' : 'skills')
    .select(['id', 'label_sv'])
    .where('id', 'in', jsonValues(ids))
    .execute();
}
