import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import type { NeedReference } from './needs.ts';
import { OCCUPATIONS } from './occupations.ts';
import type { GeneratedOrganisation } from './organisations.ts';
import { INDUSTRIES, KOMMUNER, LARGE_EMPLOYERS } from './population.ts';

export interface RoundReference extends NeedReference {
  ssykOf(occupationId: string): string | null;
  sniSection(division: string): string | null;
  /** The first free number in the generator's series of organisation numbers (see round.ts). */
  nextOrgNumber(): Promise<number>;
}

function missing(what: string, codes: Iterable<string>, known: Set<string>): void {
  const absent = [...new Set(codes)].filter((c) => !known.has(c));
  if (absent.length) throw new Error(`the reference data has no ${what} ${absent.join(', ')}: load it first`);
}

/**
 * Reads the reference rows the generator refers to, and stops with a clear message if one it names
 * is absent: the generator never invents a code (data/reference is the truth).
 */
export async function loadNeedReference(
  db: Kysely<Database>,
  organisations: readonly GeneratedOrganisation[],
): Promise<RoundReference> {
  const ssykCodes = [...new Set(Object.values(OCCUPATIONS).map((o) => o.ssyk))];
  // All 400 groups rather than an IN list: D1 binds at most 100 parameters a statement.
  const occupations = await db
    .selectFrom('occupations')
    .select(['id', 'ssyk_code'])
    .where('ssyk_code', 'is not', null)
    .orderBy('id')
    .execute();
  const idBySsyk = new Map<string, string>();
  const ssykById = new Map<string, string>();
  for (const o of occupations) {
    if (o.ssyk_code && !idBySsyk.has(o.ssyk_code)) idBySsyk.set(o.ssyk_code, o.id);
    if (o.ssyk_code) ssykById.set(o.id, o.ssyk_code);
  }
  missing('occupation group with SSYK code', ssykCodes, new Set(idBySsyk.keys()));

  const skills = new Map<string, string[]>();
  const used = ssykCodes.map((code) => idBySsyk.get(code) ?? '');
  for (let start = 0; start < used.length; start += 90) {
    const related = await db
      .selectFrom('occupation_skills')
      .select(['occupation_id', 'skill_id'])
      .where('occupation_id', 'in', used.slice(start, start + 90))
      .orderBy('occupation_id')
      .orderBy('skill_id')
      .execute();
    for (const r of related) skills.set(r.occupation_id, [...(skills.get(r.occupation_id) ?? []), r.skill_id]);
  }

  const areas = await db
    .selectFrom('focus_areas')
    .select(['code', 'specialisation_code'])
    .orderBy('specialisation_code')
    .orderBy('sort_order')
    .execute();
  const specialisations = await db.selectFrom('specialisations').select('code').execute();
  missing('specialisation', ['smart-industri', 'tech', 'missions'], new Set(specialisations.map((s) => s.code)));
  const areaSpec = new Map(areas.map((a) => [a.code, a.specialisation_code]));
  const profiles = [...Object.values(INDUSTRIES), ...LARGE_EMPLOYERS.map((e) => e.profile)];
  const namedAreas = [
    ...Object.values(OCCUPATIONS).flatMap((o) => ('areas' in o ? o.areas : [])),
    ...profiles.flatMap((p) => p.areas),
  ];
  missing('focus area', namedAreas, new Set(areaSpec.keys()));

  const divisions = [...new Set(organisations.map((o) => o.sniDivision))];
  const sni = await db.selectFrom('sni').select(['code', 'parent_code']).where('code', 'in', divisions).execute();
  const sectionOf = new Map(sni.map((s) => [s.code, s.parent_code]));
  missing('SNI division', divisions, new Set(sectionOf.keys()));
  const kommuner = await db
    .selectFrom('municipalities')
    .select('code')
    .where(
      'code',
      'in',
      KOMMUNER.map(([code]) => code),
    )
    .execute();
  missing(
    'kommun',
    [...KOMMUNER.map(([code]) => code), ...organisations.map((o) => o.kommun)],
    new Set(kommuner.map((k) => k.code)),
  );

  return {
    occupationId(ssyk) {
      const id = idBySsyk.get(ssyk);
      if (!id) throw new Error(`no occupation group with SSYK code ${ssyk}`);
      return id;
    },
    ssykOf: (id) => ssykById.get(id) ?? null,
    skills: (id) => skills.get(id) ?? [],
    areas: (spec) => areas.filter((a) => a.specialisation_code === spec).map((a) => a.code),
    specialisationOf: (area) => areaSpec.get(area),
    sniSection: (division) => sectionOf.get(division) ?? null,
    async nextOrgNumber() {
      // Number group 4 is not given to any legal form, so no real organisation has these numbers
      // (as src/seed/demo.ts); "482" keeps them apart from the demo's "4699".
      const last = await db
        .selectFrom('organisations')
        .select((eb) => eb.fn.max('org_number').as('max'))
        .where('org_number', 'like', '482%')
        .executeTakeFirst();
      return last?.max ? Number(last.max.replace('-', '').slice(3, 9)) + 1 : 1;
    },
  };
}
