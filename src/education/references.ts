import { type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { FieldError } from '../http/errors.ts';
import type { Translate } from '../web/i18n.ts';
import type { OfferingCreate } from './schemas.ts';

/**
 * Checks an offering's codes against the reference tables: SUN level (two digits) and field
 * (three digits), occupations, skills, the municipality and the provider (an organisation that
 * is an education provider). One query per kind, only for the ids given; every unknown id gets
 * its own error whose path names it (`skillIds.2`). Reference data changes only when reloaded,
 * so this read before the write is no race; the foreign keys stand behind it anyway.
 */
export async function offeringReferenceErrors(
  db: Kysely<Database>,
  input: Partial<OfferingCreate>,
  t: Translate,
): Promise<FieldError[]> {
  const known = async (table: 'occupations' | 'skills', ids: readonly string[]) =>
    ids.length === 0
      ? new Set<string>()
      : new Set(
          (
            await db
              .selectFrom(table)
              .select('id')
              .where(sql<SqlBool>`id in (select value from json_each(${JSON.stringify(ids)}))`)
              .execute()
          ).map((r) => r.id),
        );
  const [occupations, skills, level, field, municipality, provider] = await Promise.all([
    known('occupations', input.occupationIds ?? []),
    known('skills', input.skillIds ?? []),
    input.sunLevel
      ? db
          .selectFrom('sun_levels')
          .select('code')
          .where('code', '=', input.sunLevel)
          .where('digits', '=', 2)
          .executeTakeFirst()
      : undefined,
    input.sunField
      ? db.selectFrom('sun_fields').select('code').where('code', '=', input.sunField).executeTakeFirst()
      : undefined,
    input.municipalityCode
      ? db.selectFrom('municipalities').select('code').where('code', '=', input.municipalityCode).executeTakeFirst()
      : undefined,
    input.providerId
      ? db
          .selectFrom('organisations')
          .select(['id', 'is_education_provider'])
          .where('id', '=', input.providerId)
          .executeTakeFirst()
      : undefined,
  ]);
  const errors: FieldError[] = [];
  if (input.sunLevel && !level) errors.push({ path: 'sunLevel', message: t('education.validation.sunLevelUnknown') });
  if (input.sunField && !field) errors.push({ path: 'sunField', message: t('education.validation.sunFieldUnknown') });
  if (input.municipalityCode && !municipality)
    errors.push({ path: 'municipalityCode', message: t('validation.municipalityCode.unknown') });
  if (input.providerId && provider?.is_education_provider !== 1)
    errors.push({ path: 'providerId', message: t('education.validation.notProvider') });
  (input.occupationIds ?? []).forEach((occupationId, i) => {
    if (!occupations.has(occupationId))
      errors.push({
        path: `occupationIds.${i}`,
        message: t('education.validation.occupationUnknown', { id: occupationId }),
      });
  });
  (input.skillIds ?? []).forEach((skillId, i) => {
    if (!skills.has(skillId))
      errors.push({ path: `skillIds.${i}`, message: t('education.validation.skillUnknown', { id: skillId }) });
  });
  return errors;
}
