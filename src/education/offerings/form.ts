import type { Kysely } from 'kysely';
import { jsonValues } from '../../db/queries.ts';
import type { Database } from '../../db/schema.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { type PostedForm, resolveTaxonomyFields, taxonomyFormSchema } from '../../taxonomy/index.ts';
import { checkbox, type FormErrors, formValues } from '../../web/forms.ts';
import { offeringReferenceErrors } from '../references.ts';
import { offeringCreateSchema, SUN_FIELD_SHAPE } from '../schemas.ts';

/**
 * The offering form: the same schema and reference checks as the API, over fields a person can
 * type without JavaScript. Occupations and skills are taxonomy pickers (src/taxonomy/picker-form.ts):
 * names, JobTech ids or (occupations) SSYK-4 codes, one a line or comma-separated. The CSV import
 * keeps its own token rules below. Empty numbers stay empty so that the schema names them.
 */
const list = (text: string, separator: RegExp) =>
  text
    .split(separator)
    .map((v) => v.trim())
    .filter(Boolean);

export async function resolveOccupationTokens(db: Kysely<Database>, tokens: string[]): Promise<string[]> {
  const codes = tokens.filter((t) => /^\d{4}$/.test(t));
  if (codes.length === 0) return tokens;
  const rows = await db
    .selectFrom('occupations')
    .select(['id', 'ssyk_code'])
    .where('ssyk_code', 'in', jsonValues(codes))
    .execute();
  return tokens.flatMap((t) => {
    if (!/^\d{4}$/.test(t)) return [t];
    const ids = rows.filter((r) => r.ssyk_code === t).map((r) => r.id);
    return ids.length > 0 ? ids : [t];
  });
}

export async function resolveSkillTokens(db: Kysely<Database>, tokens: string[]): Promise<string[]> {
  if (tokens.length === 0) return tokens;
  const lowered = tokens.map((t) => t.toLocaleLowerCase('sv'));
  const rows = await db
    .selectFrom('skills')
    .select(['id', 'label_sv'])
    .where((eb) =>
      eb.or([eb(eb.fn<string>('lower', ['label_sv']), 'in', jsonValues(lowered)), eb('id', 'in', jsonValues(tokens))]),
    )
    .execute();
  const byLabel = new Map(rows.map((r) => [r.label_sv.toLocaleLowerCase('sv'), r.id]));
  return tokens.map((t) => byLabel.get(t.toLocaleLowerCase('sv')) ?? t);
}

export const OFFERING_TAXONOMY = [
  { name: 'occupations', kind: 'occupation' },
  { name: 'skills', kind: 'skill' },
] as const;

/** The posted fields in the API's shape, with the pickers' names already resolved to ids. */
function offeringInput(resolved: PostedForm) {
  const values = formValues(resolved);
  const text = (name: string) => (values[name] ?? '').trim();
  const number = (name: string) => (text(name) === '' ? undefined : text(name));
  return {
    providerId: text('providerId'),
    name: text('name'),
    form: text('form'),
    sunLevel: text('sunLevel'),
    sunField: text('sunField'),
    occupationIds: list(values.occupations ?? '', /,/),
    skillIds: list(values.skills ?? '', /,/),
    annualPlaces: number('annualPlaces'),
    annualGraduates: number('annualGraduates'),
    municipalityCode: text('municipalityCode') || null,
    distance: checkbox(resolved.distance),
    language: text('language') || 'sv',
    pace: number('pace') ?? 100,
    startDates: list(text('startDates'), /[,;\s]+/),
    url: text('url') || null,
    description: text('description') || null,
  };
}

/**
 * The offering form's schema for this request (the route's `form`): names that resolve to nothing
 * first (they say more than the schema's count of ids), then the API's schema, then codes that do
 * not exist — reported together with format errors, so one round trip shows every problem. Errors
 * name the API's fields (occupationIds); `formErrors` renames them to the form's.
 */
export function offeringFormSchema(db: Kysely<Database>, t: Translate) {
  return taxonomyFormSchema({
    resolve: async (posted) => {
      const taxonomy = await resolveTaxonomyFields(db, t, posted, OFFERING_TAXONOMY);
      const apiName: Record<string, string> = { occupations: 'occupationIds', skills: 'skillIds' };
      return { form: taxonomy.form, errors: taxonomy.errors.map((e) => ({ ...e, path: apiName[e.path] ?? e.path })) };
    },
    schema: offeringCreateSchema,
    input: offeringInput,
    rules: (resolved) => {
      const candidate = offeringInput(resolved);
      return offeringReferenceErrors(
        db,
        {
          occupationIds: candidate.occupationIds,
          skillIds: candidate.skillIds,
          ...(/^\d{2}$/.test(candidate.sunLevel) ? { sunLevel: candidate.sunLevel } : {}),
          ...(SUN_FIELD_SHAPE.test(candidate.sunField.toLowerCase())
            ? { sunField: candidate.sunField.toLowerCase() }
            : {}),
          ...(candidate.municipalityCode && /^\d{4}$/.test(candidate.municipalityCode)
            ? { municipalityCode: candidate.municipalityCode }
            : {}),
          ...(candidate.providerId ? { providerId: candidate.providerId } : {}),
        },
        t,
      );
    },
  });
}

/** The API's field names to the form's: occupationIds → occupations, skillIds → skills. */
export function formErrors(errors: FormErrors): FormErrors {
  const map: Record<string, string> = { occupationIds: 'occupations', skillIds: 'skills' };
  const field = (f: string) => map[f] ?? f;
  return {
    errors: errors.errors.map((e) => ({ ...e, field: field(e.field) })),
    byField: Object.fromEntries(Object.entries(errors.byField).map(([k, v]) => [field(k), v])),
  };
}
