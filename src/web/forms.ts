/**
 * Form helpers for pages. Every page's form is validated by its zod schema in the route table
 * (`form` in src/http/routes.ts: the fields, an upload's file, the survey's numbered lines through
 * `prepare`), which re-renders the page with one message per field on failure
 * (templates/partials/error-summary.hbs).
 */
export type { FormErrors } from '../http/form.ts';
export { formValues, toFormErrors } from '../http/form.ts';

/** A checkbox posts "true" when ticked and nothing when not. */
export const checkbox = (value: string | string[] | undefined) => value === 'true' || value === 'on';
