import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { FieldError } from '../http/errors.ts';
import type { Translate } from '../i18n/i18n.ts';
import { labelEntries, resolveEntries, type TaxonomyKind, type Unresolved } from './resolve.ts';

/**
 * A form's taxonomy fields (templates/partials/taxonomy-picker.hbs) read and shown: on a post the
 * typed names become ids, comma-separated, so that the form's own parsing (the API's schemas) runs
 * on ids; entries that name nothing come back as one error per field. On a render, fields made of
 * ids are shown as labels.
 */
export type PostedForm = Record<string, string | string[]>;

export interface TaxonomyField {
  name: string;
  kind: TaxonomyKind;
  /** The field takes one concept (a placement's occupation); two names are an error that says so. */
  single?: boolean;
}

const textOf = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join('\n') : (value ?? ''));

export function describeUnresolved(t: Translate, unresolved: Unresolved[]): string {
  return unresolved
    .map(({ entry, suggestions }) =>
      suggestions.length > 0
        ? t('taxonomy.picker.notFoundSuggest', { entry, suggestions: suggestions.join(', ') })
        : t('taxonomy.picker.notFound', { entry }),
    )
    .join(' ');
}

export async function resolveTaxonomyFields(
  db: Kysely<Database>,
  t: Translate,
  form: PostedForm,
  fields: readonly TaxonomyField[],
): Promise<{ form: PostedForm; errors: FieldError[] }> {
  const resolved: PostedForm = { ...form };
  const errors: FieldError[] = [];
  for (const field of fields) {
    const { ids, unresolved } = await resolveEntries(db, field.kind, textOf(form[field.name]));
    resolved[field.name] = ids.join(',');
    if (unresolved.length > 0) errors.push({ path: field.name, message: describeUnresolved(t, unresolved) });
    else if (field.single && ids.length > 1)
      errors.push({ path: field.name, message: t(`taxonomy.picker.onlyOne.${field.kind}`, { n: ids.length }) });
  }
  return { form: resolved, errors };
}

/**
 * The fields' ids shown by name in `lang` (resolve.ts pickerNames), and beside each field whose
 * names are all Swedish on an English page `<name>Lang: 'sv'`, for the picker's `valueLang`.
 */
export async function labelTaxonomyFields(
  db: Kysely<Database>,
  values: Record<string, string>,
  fields: readonly TaxonomyField[],
  lang: 'sv' | 'en' = 'sv',
): Promise<Record<string, string>> {
  const labelled = { ...values };
  for (const field of fields) {
    const value = values[field.name];
    if (!value) continue;
    const shown = await labelEntries(db, field.kind, value, lang);
    labelled[field.name] = shown.text;
    if (shown.lang) labelled[`${field.name}Lang`] = shown.lang;
  }
  return labelled;
}
