import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { describeIssues, fieldIssue } from '../../http/validation.ts';
import { type Language, translator } from '../../i18n/i18n.ts';
import { SECTORS, SIZE_CLASSES } from '../../organisations/index.ts';
import { listMunicipalities } from '../../taxonomy/index.ts';
import { type FormErrors, formValues } from '../../web/forms.ts';
import { isoToStockholm, stockholmToIso } from '../round-time.ts';
import { createRoundBody, type RoundTarget } from '../schemas.ts';

/**
 * The form for a new round: opening and closing as a date and a time in Swedish time (the inputs
 * people know), turned into instants here and then checked by the API's own schema, whose
 * messages are shown at the form's fields.
 */
export type RoundForm = Record<string, string | string[]>;
const TARGET_FIELDS = ['sectors', 'sizeClasses', 'municipalities', 'sniSections'] as const;
/** Where an error of the API's schema is shown in the form. */
const FIELD_OF: Record<string, string> = { opensAt: 'opensDate', closesAt: 'closesDate' };

const list = (value: string | string[] | undefined) =>
  value === undefined ? [] : (Array.isArray(value) ? value : [value]).filter(Boolean);

/**
 * The new-round form's schema (the route's `form`): the posted fields checked as below, every
 * error at the field it concerns, in the reader's language.
 */
export function roundFormSchema(lang: Language) {
  return z.record(z.string(), z.union([z.string(), z.array(z.string())])).transform((form, ctx) => {
    const parsed = parseRoundForm(lang, form);
    if (parsed.ok) return parsed.data;
    for (const error of parsed.errors) ctx.addIssue(fieldIssue(error));
    return z.NEVER;
  });
}

function parseRoundForm(lang: Language, form: RoundForm) {
  const t = translator(lang);
  const value = (name: string) => formValues(form)[name] ?? '';
  const opensAt = stockholmToIso(value('opensDate'), value('opensTime'));
  const closesAt = stockholmToIso(value('closesDate'), value('closesTime'));
  const errors: { path: string; message: string }[] = [];
  if (!opensAt) errors.push({ path: 'opensDate', message: t('roundAdmin.error.dateTime') });
  if (!closesAt) errors.push({ path: 'closesDate', message: t('roundAdmin.error.dateTime') });
  const result = createRoundBody.safeParse({
    name: value('name'),
    period: value('period') || undefined,
    opensAt: opensAt ?? '2000-01-01T00:00:00Z',
    closesAt: closesAt ?? '2100-01-01T00:00:00Z',
    target: Object.fromEntries(TARGET_FIELDS.map((field) => [field, list(form[field])])),
  });
  if (!result.success) {
    for (const error of describeIssues(result.error.issues, lang, t)) {
      const [head = '', sub = ''] = error.path.split('.');
      const path = head === 'target' ? sub : (FIELD_OF[head] ?? head);
      const message = head === 'target' ? t('roundAdmin.error.option') : error.message;
      if (!errors.some((e) => e.path === path)) errors.push({ path, message });
    }
  }
  if (errors.length > 0 || !result.success) return { ok: false as const, errors };
  return { ok: true as const, data: result.data };
}

/** The form's fields, with the choices and what is chosen, for templates/surveys/admin-round-new.hbs. */
export async function roundFormData(db: Kysely<Database>, lang: Language, form: RoundForm, errors?: FormErrors) {
  const t = translator(lang);
  const chosen = (field: string) => new Set(list(form[field]));
  const [municipalities, sections] = await Promise.all([
    listMunicipalities(db, {}),
    db.selectFrom('sni').select(['code', 'name_sv']).where('level', '=', 'section').orderBy('code').execute(),
  ]);
  const options = (field: string, entries: { value: string; label: string }[]) =>
    entries.map((entry, index) => ({ ...entry, id: `${field}-${index}`, checked: chosen(field).has(entry.value) }));
  return {
    values: formValues(form),
    form: errors,
    sectorOptions: options(
      'sectors',
      SECTORS.map((s) => ({ value: s, label: t(`organisation.sector.${s}`) })),
    ),
    sizeClassOptions: options(
      'sizeClasses',
      SIZE_CLASSES.map((s) => ({ value: s, label: t(`organisation.size.${s}`) })),
    ),
    sniSectionOptions: options(
      'sniSections',
      // SNI 2007 is named in Swedish only: marked so on an English page.
      sections.map((s) => ({
        value: s.code,
        label: `${s.code} – ${s.name_sv}`,
        ...(lang === 'en' ? { lang: 'sv' } : {}),
      })),
    ),
    municipalityOptions: municipalities.map((m) => ({
      value: m.code,
      label: `${m.shortName} (${m.code})`,
      selected: chosen('municipalities').has(m.code),
    })),
  };
}

/** A new form's starting values: opening tomorrow at 08:00, closing four weeks later at 17:00. */
export function defaultRoundForm(now: Date): RoundForm {
  const opens = isoToStockholm(new Date(now.getTime() + 86_400_000).toISOString()).date;
  const closes = isoToStockholm(new Date(now.getTime() + 29 * 86_400_000).toISOString()).date;
  return { opensDate: opens, opensTime: '08:00', closesDate: closes, closesTime: '17:00' };
}

/** What the round is for, in words: the chosen labels per group, or everyone. */
export async function describeTarget(db: Kysely<Database>, lang: Language, target: RoundTarget): Promise<string[]> {
  const t = translator(lang);
  const data = await roundFormData(db, lang, { ...target });
  const lines = [
    [t('roundAdmin.target.sectors'), data.sectorOptions.filter((o) => o.checked)],
    [t('roundAdmin.target.sizeClasses'), data.sizeClassOptions.filter((o) => o.checked)],
    [t('roundAdmin.target.municipalities'), data.municipalityOptions.filter((o) => o.selected)],
    [t('roundAdmin.target.sniSections'), data.sniSectionOptions.filter((o) => o.checked)],
  ] as const;
  const described = lines
    .filter(([, chosen]) => chosen.length > 0)
    .map(([label, chosen]) => `${label}: ${chosen.map((o) => o.label).join(', ')}`);
  return described.length > 0 ? described : [t('roundAdmin.target.all')];
}
