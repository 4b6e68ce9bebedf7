import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../deps.ts';
import type { FieldError } from '../http/errors.ts';
import { describeIssues } from '../http/validation.ts';

/**
 * Form handling for pages: parse the posted form with the same zod schema the API uses, and on
 * failure hand back the values as typed plus one message per field, for a 422 re-render with an
 * error summary that links to each field (templates/partials/error-summary.hbs).
 */
export interface FormErrors {
  /** For the error summary: field names match the inputs' `name`, ids are `field-NAME`. */
  errors: { field: string; message: string }[];
  byField: Record<string, string>;
}

export type FormResult<T> =
  | { ok: true; data: T; values: Record<string, string> }
  | { ok: false; values: Record<string, string>; errors: FormErrors };

export async function readForm(c: Context<AppEnv>): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf') continue;
    if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string');
    else if (typeof value === 'string') out[key] = value;
  }
  return out;
}

/** The first value of each field, for re-rendering the inputs as the person typed them. */
export function formValues(form: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? '') : v]));
}

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

export async function parseForm<S extends z.ZodType>(
  c: Context<AppEnv>,
  schema: S,
  prepare: (form: Record<string, string | string[]>) => unknown = (form) => form,
): Promise<FormResult<z.infer<S>>> {
  const form = await readForm(c);
  const values = formValues(form);
  const result = schema.safeParse(prepare(form));
  if (result.success) return { ok: true, data: result.data, values };
  return { ok: false, values, errors: toFormErrors(describeIssues(result.error.issues, c.get('lang'), c.get('t'))) };
}

/** A checkbox posts "true" when ticked and nothing when not. */
export const checkbox = (value: string | string[] | undefined) => value === 'true' || value === 'on';
