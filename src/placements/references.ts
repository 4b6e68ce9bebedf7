import type { Kysely } from 'kysely';
import { InvalidFields, type KeyedProblem } from '../core/errors.ts';
import type { Database } from '../db/schema.ts';
import type { SpecialisationChoice } from './schemas.ts';

/**
 * Every code a placement or a profile names is checked against the reference tables before the
 * write; a bad one is a 422 that names its path (`skillIds.2`). Reference data changes only when
 * it is reloaded, so the check is not a race; the foreign keys stand behind it.
 */
export interface ReferenceInput {
  occupationId?: string | undefined;
  occupationIds?: string[] | undefined;
  skillIds?: string[] | undefined;
  specialisations?: SpecialisationChoice[] | undefined;
  municipalityCode?: string | undefined;
  municipalityCodes?: string[] | undefined;
  level?: string | null | undefined;
}

async function known(db: Kysely<Database>, table: 'occupations' | 'skills', ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom(table)
    .select('id')
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function findReferenceErrors(db: Kysely<Database>, input: ReferenceInput): Promise<KeyedProblem[]> {
  const occupations = [...(input.occupationId ? [input.occupationId] : []), ...(input.occupationIds ?? [])];
  const municipalities = [
    ...(input.municipalityCode ? [input.municipalityCode] : []),
    ...(input.municipalityCodes ?? []),
  ];
  const [occ, skills, muni, focus, level] = await Promise.all([
    known(db, 'occupations', occupations),
    known(db, 'skills', input.skillIds ?? []),
    municipalities.length
      ? db.selectFrom('municipalities').select('code').where('code', 'in', municipalities).execute()
      : Promise.resolve([]),
    input.specialisations?.length
      ? db.selectFrom('focus_areas').select(['code', 'specialisation_code']).execute()
      : Promise.resolve([]),
    input.level
      ? db.selectFrom('sun_levels').select('code').where('code', '=', input.level).executeTakeFirst()
      : Promise.resolve(null),
  ]);
  const specialisationCodes = input.specialisations?.length
    ? new Set((await db.selectFrom('specialisations').select('code').execute()).map((r) => r.code))
    : new Set<string>();
  const muniSet = new Set(muni.map((r) => r.code));
  const errors: KeyedProblem[] = [];
  const bad = (path: string, messageKey: string) => errors.push({ path, messageKey });
  if (input.occupationId && !occ.has(input.occupationId)) bad('occupationId', 'placement.validation.occupation');
  input.occupationIds?.forEach((o, i) => {
    if (!occ.has(o)) bad(`occupationIds.${i}`, 'placement.validation.occupation');
  });
  input.skillIds?.forEach((s, i) => {
    if (!skills.has(s)) bad(`skillIds.${i}`, 'placement.validation.skill');
  });
  if (input.municipalityCode && !muniSet.has(input.municipalityCode))
    bad('municipalityCode', 'placement.validation.municipality');
  input.municipalityCodes?.forEach((m, i) => {
    if (!muniSet.has(m)) bad(`municipalityCodes.${i}`, 'placement.validation.municipality');
  });
  input.specialisations?.forEach((s, i) => {
    if (!specialisationCodes.has(s.code)) bad(`specialisations.${i}.code`, 'placement.validation.specialisation');
    s.focusAreas.forEach((f, j) => {
      if (!focus.some((row) => row.code === f && row.specialisation_code === s.code))
        bad(`specialisations.${i}.focusAreas.${j}`, 'placement.validation.focusArea');
    });
  });
  if (input.level && !level) bad('level', 'placement.validation.sunLevel');
  return errors;
}

export async function requireReferences(db: Kysely<Database>, input: ReferenceInput): Promise<void> {
  const errors = await findReferenceErrors(db, input);
  if (errors.length > 0) throw new InvalidFields(errors);
}
