import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { toSearchPattern } from './search-text.ts';

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

/**
 * Occupation groups (JobTech ssyk-level-4 concepts) by Swedish or English label or SSYK code.
 * Exact code and label-prefix matches come first, then the rest alphabetically.
 */
export async function searchOccupations(
  db: Kysely<Database>,
  filter: { q?: string; ssyk?: string; limit: number; offset: number },
): Promise<Page<Occupation>> {
  let query = db
    .selectFrom('occupations as o')
    .leftJoin('ssyk as s', 's.code', 'o.ssyk_code')
    .leftJoin('ssyk as s3', (join) => join.on('s3.code', '=', sql<string>`substr(o.ssyk_code, 1, 3)`))
    .select(['o.id', 'o.ssyk_code', 'o.label_sv', sql<string | null>`coalesce(s.name_en, s3.name_en)`.as('name_en')]);
  if (filter.ssyk) query = query.where('o.ssyk_code', 'like', `${filter.ssyk}%`);
  const q = filter.q?.trim();
  if (q) {
    const needle = q.toLocaleLowerCase('sv');
    query = query
      .where(sql<boolean>`o.search_text like ${toSearchPattern(q)} escape '\\'`)
      .orderBy((eb) =>
        eb
          .case()
          .when('o.ssyk_code', '=', q)
          .then(0)
          .when(sql<boolean>`substr(o.search_text, 1, length(${needle})) = ${needle}`)
          .then(1)
          .else(2)
          .end(),
      );
  }
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

export async function findOccupationById(db: Kysely<Database>, id: string): Promise<Occupation | undefined> {
  const row = await db
    .selectFrom('occupations as o')
    .leftJoin('ssyk as s', 's.code', 'o.ssyk_code')
    .leftJoin('ssyk as s3', (join) => join.on('s3.code', '=', sql<string>`substr(o.ssyk_code, 1, 3)`))
    .select(['o.id', 'o.ssyk_code', 'o.label_sv', sql<string | null>`coalesce(s.name_en, s3.name_en)`.as('name_en')])
    .where('o.id', '=', id)
    .executeTakeFirst();
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
  return sql<{ occupation_id: string; skill_id: string; n: number }>`(
    select o.value as occupation_id, ps.skill_id, count(*) as n
    from json_each(${JSON.stringify(occupationIds)}) o
    join placements p on p.id in (
      select r.id from placements r where r.occupation_id = o.value and r.status = 'open'
      order by r.apply_by desc, r.id desc limit ${RECENT_PLACEMENTS})
    join placement_skills ps on ps.placement_id = p.id
    group by o.value, ps.skill_id)`;
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
    query = query.where(sql<boolean>`k.search_text like ${toSearchPattern(q)} escape '\\'`).orderBy((eb) =>
      eb
        .case()
        .when(
          sql<boolean>`k.search_text = ${needle} or substr(k.search_text, 1, length(${needle}) + 3) = ${`${needle} | `}`,
        )
        .then(0)
        .when(sql<boolean>`substr(k.search_text, 1, length(${needle})) = ${needle}`)
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
      .orderBy(sql`coalesce(used.n, 0)`, 'desc');
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
