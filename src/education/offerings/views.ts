import { isSecretariat, type Principal } from '../../core/principal.ts';
import type { Scope } from '../../core/scope.ts';
import { translator } from '../../i18n/i18n.ts';
import { providersFor } from '../queries.ts';
import { OFFERING_FORMS, OFFERING_LANGUAGES, type Offering } from '../schemas.ts';

/** What the offering pages show and offer to choose from. */
export function describeOffering(scope: Scope, o: Offering) {
  const t = translator(scope.lang);
  return {
    ...o,
    formLabel: t(`education.form.${o.form}`),
    languageLabel: t(`education.language.${o.language}`),
    place: [o.municipalityName, o.distance ? t('education.offering.distance') : null].filter(Boolean).join(', '),
    startDatesText: o.startDates.join(', '),
    /** SUN 2020 names are Swedish only. */
    sunNamesLang: scope.lang === 'en' ? 'sv' : undefined,
    canEdit: mayEdit(scope.principal, o.providerId),
  };
}

export function mayEdit(p: Principal | null, providerId: string): boolean {
  if (p?.kind !== 'user') return false;
  if (p.roles.includes('secretariat')) return true;
  return p.memberships.some((m) => m.organisationId === providerId && m.role === 'provider');
}

export async function formOptions(scope: Scope, values: Record<string, string>) {
  const { db } = scope.deps;
  const p = scope.principal;
  const userId = p?.kind === 'user' ? p.userId : '';
  const who = isSecretariat(p) ? ({ all: true } as const) : { all: false as const, userId };
  const [providers, levels, fields, municipalities] = await Promise.all([
    providersFor(db, who),
    db.selectFrom('sun_levels').select(['code', 'name_sv']).where('digits', '=', 2).orderBy('code').execute(),
    // Every level, in code order (4, 48, 481, 481a …), so the list reads as the hierarchy it is.
    db.selectFrom('sun_fields').select(['code', 'name_sv']).orderBy('code').execute(),
    db
      .selectFrom('municipalities as m')
      .innerJoin('region as r', 'r.county_code', 'm.county_code')
      .select(['m.code', 'm.short_name'])
      .orderBy('m.short_name')
      .execute(),
  ]);
  const t = translator(scope.lang);
  const choose = { value: '', label: t('education.form.choose'), selected: false };
  const swedish = scope.lang === 'en' ? { lang: 'sv' as const } : {};
  const option = (value: string, label: string, current: string | undefined) => ({
    value,
    label,
    selected: value === current,
  });
  return {
    providerOptions: [choose, ...providers.map((o) => option(o.id, o.name, values.providerId))],
    formOptions: [choose, ...OFFERING_FORMS.map((f) => option(f, t(`education.form.${f}`), values.form))],
    // SUN 2020 is named in Swedish only: marked so on an English page.
    sunLevelOptions: [
      choose,
      ...levels.map((l) => ({ ...option(l.code, `${l.code} ${l.name_sv}`, values.sunLevel), ...swedish })),
    ],
    sunFieldOptions: [
      choose,
      ...fields.map((f) => ({ ...option(f.code, `${f.code} ${f.name_sv}`, values.sunField), ...swedish })),
    ],
    municipalityOptions: [
      { value: '', label: t('education.offering.noMunicipality'), selected: !values.municipalityCode },
      ...municipalities.map((m) => option(m.code, m.short_name, values.municipalityCode)),
    ],
    languageOptions: OFFERING_LANGUAGES.map((l) => option(l, t(`education.language.${l}`), values.language ?? 'sv')),
  };
}

/** The stored offering as form values, for the edit form. */
export function offeringValues(o: Offering): Record<string, string> {
  return {
    providerId: o.providerId,
    name: o.name,
    form: o.form,
    sunLevel: o.sunLevel,
    sunField: o.sunField,
    // Ids, which the form page shows by name in the reader's language (labelTaxonomyFields).
    occupations: o.occupations.map((x) => x.id).join('\n'),
    skills: o.skills.map((s) => s.id).join('\n'),
    annualPlaces: String(o.annualPlaces),
    annualGraduates: String(o.annualGraduates),
    municipalityCode: o.municipalityCode ?? '',
    distance: o.distance ? 'true' : '',
    language: o.language,
    pace: String(o.pace),
    startDates: o.startDates.join(', '),
    url: o.url ?? '',
    description: o.description ?? '',
    version: String(o.version),
  };
}
