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

/** A field's posted values as a list: a repeated field (checkboxes) whole, one value alone, none or "" as none. */
export const listOf = (value: string | string[] | undefined): string[] =>
  Array.isArray(value) ? value : value ? [value] : [];

/** Comma-separated values ("a, b ,c", in one field or several) as a list without blanks. */
export const splitList = (value: string | string[] | undefined): string[] =>
  listOf(value)
    .join(',')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

export interface Choice {
  id: string;
  value: string;
  label: string;
  /** 'sv' for a Swedish-only name (a JobTech skill, say) on an English page. */
  lang?: string;
  checked: boolean;
}

/** Radio buttons or checkboxes in a fieldset: what templates/partials/survey-choices.hbs takes. */
export interface ChoiceGroup {
  name: string;
  type: 'checkbox' | 'radio';
  /** Short options side by side, or longer ones in columns: a need line stays short on a wide screen. */
  layout?: 'inline' | 'columns';
  legend: string;
  hint?: string;
  error?: string;
  options: Choice[];
}

/**
 * A group of choices with those in `checked` ticked. Each option's id is `field-<idPrefix or
 * name>-<value>`; with `firstId` the first one's is `field-<name>`, so the error summary's link
 * lands on it.
 */
export function choiceGroup(
  name: string,
  legend: string,
  options: readonly { value: string; label: string; lang?: string | undefined }[],
  checked: readonly string[],
  type: 'checkbox' | 'radio',
  extra: {
    hint?: string | undefined;
    error?: string | undefined;
    layout?: 'inline' | 'columns' | undefined;
    idPrefix?: string | undefined;
    firstId?: boolean | undefined;
  } = {},
): ChoiceGroup {
  const { hint, error, layout, idPrefix, firstId } = extra;
  return {
    name,
    type,
    legend,
    ...(layout ? { layout } : {}),
    ...(hint ? { hint } : {}),
    ...(error ? { error } : {}),
    options: options.map((option, index) => ({
      id: firstId && index === 0 ? `field-${name}` : `field-${idPrefix ?? name}-${option.value}`,
      value: option.value,
      label: option.label,
      ...(option.lang ? { lang: option.lang } : {}),
      checked: checked.includes(option.value),
    })),
  };
}
