import type { Kysely } from 'kysely';
import { jsonValues } from '../../db/queries.ts';
import type { Database } from '../../db/schema.ts';
import type { FormFields } from '../../http/form.ts';
import { describeIssues } from '../../http/validation.ts';
import { type Language, translator } from '../../i18n/i18n.ts';
import { resolveTaxonomyFields } from '../../taxonomy/index.ts';
import { checkbox, type FormErrors, formValues, toFormErrors } from '../../web/forms.ts';
import { offeringReferenceErrors } from '../references.ts';
import { type OfferingCreate, offeringCreateSchema, SUN_FIELD_SHAPE } from '../schemas.ts';

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

const OFFERING_TAXONOMY = [
  { name: 'occupations', kind: 'occupation' },
  { name: 'skills', kind: 'skill' },
] as const;

export type OfferingFormResult =
  | { ok: true; data: OfferingCreate; values: Record<string, string> }
  | { ok: false; values: Record<string, string>; errors: FormErrors };

/** The posted form (read by the handler) checked in the reader's language `lang`. */
export async function parseOfferingForm(
  db: Kysely<Database>,
  lang: Language,
  form: FormFields,
): Promise<OfferingFormResult> {
  const t = translator(lang);
  const values = formValues(form);
  const taxonomy = await resolveTaxonomyFields(db, t, form, OFFERING_TAXONOMY);
  const resolved = formValues(taxonomy.form);
  const text = (name: string) => (values[name] ?? '').trim();
  const number = (name: string) => (text(name) === '' ? undefined : text(name));
  const candidate = {
    providerId: text('providerId'),
    name: text('name'),
    form: text('form'),
    sunLevel: text('sunLevel'),
    sunField: text('sunField'),
    occupationIds: list(resolved.occupations ?? '', /,/),
    skillIds: list(resolved.skills ?? '', /,/),
    annualPlaces: number('annualPlaces'),
    annualGraduates: number('annualGraduates'),
    municipalityCode: text('municipalityCode') || null,
    distance: checkbox(form.distance),
    language: text('language') || 'sv',
    pace: number('pace') ?? 100,
    startDates: list(text('startDates'), /[,;\s]+/),
    url: text('url') || null,
    description: text('description') || null,
  };
  const result = offeringCreateSchema.safeParse(candidate);
  // Unknown codes are reported together with format errors, so one round trip shows every problem.
  const references = await offeringReferenceErrors(
    db,
    {
      occupationIds: candidate.occupationIds,
      skillIds: candidate.skillIds,
      ...(/^\d{2}$/.test(candidate.sunLevel) ? { sunLevel: candidate.sunLevel } : {}),
      ...(SUN_FIELD_SHAPE.test(candidate.sunField.toLowerCase()) ? { sunField: candidate.sunField.toLowerCase() } : {}),
      ...(candidate.municipalityCode && /^\d{4}$/.test(candidate.municipalityCode)
        ? { municipalityCode: candidate.municipalityCode }
        : {}),
      ...(candidate.providerId ? { providerId: candidate.providerId } : {}),
    },
    t,
  );
  const formatErrors = result.success ? [] : describeIssues(result.error.issues, lang, t);
  // Names that resolved to nothing come first: they say more than the schema's count of ids.
  const apiName: Record<string, string> = { occupations: 'occupationIds', skills: 'skillIds' };
  const named = taxonomy.errors.map((e) => ({ ...e, path: apiName[e.path] ?? e.path }));
  const errors = [...named, ...formatErrors, ...references];
  if (!result.success || errors.length > 0) return { ok: false, values, errors: rename(toFormErrors(errors)) };
  return { ok: true, data: result.data, values };
}

/** The API's field names to the form's: occupationIds → occupations, skillIds → skills. */
function rename(errors: FormErrors): FormErrors {
  const map: Record<string, string> = { occupationIds: 'occupations', skillIds: 'skills' };
  const field = (f: string) => map[f] ?? f;
  return {
    errors: errors.errors.map((e) => ({ ...e, field: field(e.field) })),
    byField: Object.fromEntries(Object.entries(errors.byField).map(([k, v]) => [field(k), v])),
  };
}
