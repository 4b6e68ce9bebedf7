import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { type FormFields, formFields } from '../http/form.ts';

/**
 * Form helpers for pages. A page's form is validated by its zod schema in the route table
 * (`form` in src/http/routes.ts), which re-renders the page with one message per field on failure
 * (templates/partials/error-summary.hbs); these are for the few forms whose fields are read before a
 * schema applies (the survey's autosave, the CSV import's file).
 */
export type { FormErrors } from '../http/form.ts';
export { formValues, toFormErrors } from '../http/form.ts';

export async function readForm(c: Context<AppEnv>): Promise<FormFields> {
  return formFields(await c.req.parseBody({ all: true }));
}

/** A checkbox posts "true" when ticked and nothing when not. */
export const checkbox = (value: string | string[] | undefined) => value === 'true' || value === 'on';
