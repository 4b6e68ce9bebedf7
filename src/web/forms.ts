import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../deps.ts';
import { type FormErrors, type FormFields, formFields, formValues, toFormErrors } from '../http/form.ts';
import { describeIssues } from '../http/validation.ts';

/**
 * Form handling for pages: parse the posted form with the same zod schema the API uses, and on
 * failure hand back the values as typed plus one message per field, for a 422 re-render with an
 * error summary that links to each field (templates/partials/error-summary.hbs).
 */
export type { FormErrors } from '../http/form.ts';

export type FormResult<T> =
  | { ok: true; data: T; values: Record<string, string> }
  | { ok: false; values: Record<string, string>; errors: FormErrors };

export async function readForm(c: Context<AppEnv>): Promise<FormFields> {
  return formFields(await c.req.parseBody({ all: true }));
}

export { formValues, toFormErrors };

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
