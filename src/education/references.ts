import type { Kysely } from 'kysely';
import { jsonValues } from '../db/queries.ts';
import type { Database } from '../db/schema.ts';
import type { FieldError } from '../http/errors.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { OfferingCreate } from './schemas.ts';

/**
 * Checks offerings' codes against the reference tables: SUN level (two digits) and field, the
 * occupations, skills, municipality and the provider (an organisation that is an education
 * provider). One query per kind for any number of offerings (JSON arrays through json_each), so
 * the CSV import checks a whole file at once; every unknown id gets its own error whose path names
 * it (`skillIds.2`). Reference data changes only when reloaded, so this read before the write is no
 * race; the foreign keys stand behind it anyway.
 */
export interface KnownCodes {
  occupations: Set<string>;
  skills: Set<string>;
  sunLevels: Set<string>;
  sunFields: Set<string>;
  municipalities: Set<string>;
  providers: Set<string>;
}

export async function loadKnownCodes(
  db: Kysely<Database>,
  inputs: readonly Partial<OfferingCreate>[],
): Promise<KnownCodes> {
  const all = <K extends keyof OfferingCreate>(key: K) =>
    inputs.flatMap((i) => {
      const v = i[key];
      return Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : [];
    });
  const ids = async (query: Promise<{ code: string }[]>) => new Set((await query).map((r) => r.code));
  const [occupations, skills, sunLevels, sunFields, municipalities, providers] = await Promise.all([
    ids(
      db
        .selectFrom('occupations')
        .select('id as code')
        .where('id', 'in', jsonValues(all('occupationIds')))
        .execute(),
    ),
    ids(
      db
        .selectFrom('skills')
        .select('id as code')
        .where('id', 'in', jsonValues(all('skillIds')))
        .execute(),
    ),
    ids(
      db
        .selectFrom('sun_levels')
        .select('code')
        .where('digits', '=', 2)
        .where('code', 'in', jsonValues(all('sunLevel')))
        .execute(),
    ),
    ids(
      db
        .selectFrom('sun_fields')
        .select('code')
        .where('code', 'in', jsonValues(all('sunField')))
        .execute(),
    ),
    ids(
      db
        .selectFrom('municipalities')
        .select('code')
        .where('code', 'in', jsonValues(all('municipalityCode')))
        .execute(),
    ),
    ids(
      db
        .selectFrom('organisations')
        .select('id as code')
        .where('is_education_provider', '=', 1)
        .where('id', 'in', jsonValues(all('providerId')))
        .execute(),
    ),
  ]);
  return { occupations, skills, sunLevels, sunFields, municipalities, providers };
}

export function referenceErrors(input: Partial<OfferingCreate>, known: KnownCodes, t: Translate): FieldError[] {
  const errors: FieldError[] = [];
  if (input.sunLevel && !known.sunLevels.has(input.sunLevel))
    errors.push({ path: 'sunLevel', message: t('education.validation.sunLevelUnknown') });
  if (input.sunField && !known.sunFields.has(input.sunField))
    errors.push({ path: 'sunField', message: t('education.validation.sunFieldUnknown') });
  if (input.municipalityCode && !known.municipalities.has(input.municipalityCode))
    errors.push({ path: 'municipalityCode', message: t('validation.municipalityCode.unknown') });
  if (input.providerId && !known.providers.has(input.providerId))
    errors.push({ path: 'providerId', message: t('education.validation.notProvider') });
  (input.occupationIds ?? []).forEach((id, i) => {
    if (!known.occupations.has(id))
      errors.push({ path: `occupationIds.${i}`, message: t('education.validation.occupationUnknown', { id }) });
  });
  (input.skillIds ?? []).forEach((id, i) => {
    if (!known.skills.has(id))
      errors.push({ path: `skillIds.${i}`, message: t('education.validation.skillUnknown', { id }) });
  });
  return errors;
}

export async function offeringReferenceErrors(
  db: Kysely<Database>,
  input: Partial<OfferingCreate>,
  t: Translate,
): Promise<FieldError[]> {
  return referenceErrors(input, await loadKnownCodes(db, [input]), t);
}
