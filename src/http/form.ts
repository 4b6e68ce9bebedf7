import { z } from 'zod';
import type { FieldError } from './errors.ts';

/**
 * A posted form as handlers and schemas read it: each field's value as a string, a repeated field
 * (checkboxes, multiple selects) as the list of its values; files and the CSRF token left out.
 */
export type FormFields = Record<string, string | string[]>;

/** One message per field for the error summary (templates/partials/error-summary.hbs). */
export interface FormErrors {
  /** For the error summary: field names match the inputs' `name`, ids are `field-NAME`. */
  errors: { field: string; message: string }[];
  byField: Record<string, string>;
}

/** The fields of a parsed form body (Hono's `parseBody({ all: true })` or the form validator's value). */
export function formFields(body: unknown): FormFields {
  const out: FormFields = {};
  if (!body || typeof body !== 'object') return out;
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf') continue;
    if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string');
    else if (typeof value === 'string') out[key] = value;
  }
  return out;
}

/** The first value of each field, for re-rendering the inputs as the person typed them. */
export function formValues(form: FormFields): Record<string, string> {
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? '') : v]));
}

/** Field errors (zod paths such as `sections.2.markdown`) to one message per form field. */
export function toFormErrors(errors: FieldError[]): FormErrors {
  const byField: Record<string, string> = {};
  const list: FormErrors['errors'] = [];
  for (const error of errors) {
    const field = error.path.split('.')[0] || 'form';
    if (byField[field]) continue;
    byField[field] = error.message;
    list.push({ field, message: error.message });
  }
  return { errors: list, byField };
}

/**
 * An upload form (a CSV import): its one file field, which must hold a file that is not empty.
 * Use as a route's form: `{ prepare: uploadedFile, schema: uploadForm, invalid }`; the error is at
 * the field `file`.
 */
export const uploadForm = z.object({
  file: z
    .instanceof(File, { error: 'import.error.noFile' })
    .refine((file) => file.size > 0, { error: 'import.error.noFile' }),
});

export const uploadedFile = (_fields: FormFields, files: Record<string, File>) => ({ file: files.file });
