import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Language, Translate } from '../i18n/i18n.ts';
import { LANGUAGES, PLACEMENT_KINDS } from './schemas.ts';

/** Choices the placement pages offer, from the reference tables, in the reader's language. */
export async function regionMunicipalities(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('municipalities')
    .select(['code', 'short_name'])
    .where('county_code', '=', (eb) => eb.selectFrom('region').select('county_code').limit(1))
    .orderBy('short_name')
    .execute();
  return rows.map((r) => ({ value: r.code, label: r.short_name }));
}

export async function specialisationChoices(db: Kysely<Database>, lang: Language) {
  const rows = await db
    .selectFrom('specialisations')
    .select(['code', 'name_sv', 'name_en'])
    .orderBy('sort_order')
    .execute();
  return rows.map((r) => ({ value: r.code, label: lang === 'sv' ? r.name_sv : r.name_en }));
}

export function withAny(t: Translate, options: { value: string; label: string }[], selected?: string) {
  return [
    { value: '', label: t('placement.list.any'), selected: !selected },
    ...options.map((o) => ({ ...o, selected: o.value === selected })),
  ];
}

export function kindOptions(t: Translate, selected?: string) {
  return PLACEMENT_KINDS.map((k) => ({ value: k, label: t(`placement.kind.${k}`), selected: k === selected }));
}

export function languageOptions(t: Translate, selected?: string) {
  return LANGUAGES.map((l) => ({ value: l, label: t(`placement.language.${l}`), selected: l === selected }));
}

/** A checkbox group for templates/partials/survey-choices.hbs. */
export function checkboxGroup(
  name: string,
  legend: string,
  options: { value: string; label: string }[],
  checked: readonly string[],
  type: 'checkbox' | 'radio' = 'checkbox',
  error?: string,
) {
  return {
    name,
    type,
    legend,
    error,
    options: options.map((o) => ({
      id: `field-${name}-${o.value}`,
      value: o.value,
      label: o.label,
      checked: checked.includes(o.value),
    })),
  };
}

/** "a, b ,c" → ["a", "b", "c"] */
export const splitList = (value: unknown) =>
  String(Array.isArray(value) ? value.join(',') : (value ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export const listOf = (value: unknown): string[] =>
  value === undefined ? [] : (Array.isArray(value) ? value : [value]).map(String).filter(Boolean);
