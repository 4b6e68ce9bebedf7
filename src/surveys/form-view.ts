import { EDUCATION_LEVEL_CODES } from '../taxonomy/education-levels.ts';
import type { Occupation, Skill, Specialisation } from '../taxonomy/queries.ts';
import type { Language, Translate } from '../web/i18n.ts';
import { type NeedFields, needField, type ResponseFields } from './form-mapping.ts';
import { HORIZONS, OBSTACLES, PLACEMENT_KINDS, PROVIDER_INTEREST, STRATEGIES } from './questionnaire.ts';

/**
 * What the response form's template needs, built from the fields as typed (or as stored): every
 * input's name, id, value, label and error, and every choice with whether it is ticked. Ids follow
 * the shared partials: `field-<name>`; in a group of choices the first one carries that id, so the
 * error summary's link lands on it.
 */
export interface FormLookups {
  occupations: Map<string, Occupation>;
  skills: Map<string, string>;
  specialisations: Specialisation[];
  /** Related skills by occupation id, for the suggestions. */
  related: Map<string, Skill[]>;
}

export interface LineExtras {
  /** Occupations found by the plain search (without JavaScript). */
  searchResults?: Occupation[];
  /** Skills found for "Visa kompetenser" with the line's filter. */
  skillSuggestions?: Skill[];
}

interface Choice {
  id: string;
  value: string;
  label: string;
  checked: boolean;
}

export interface ChoiceGroup {
  name: string;
  type: 'checkbox' | 'radio';
  legend: string;
  hint?: string;
  error?: string;
  options: Choice[];
}

export function occupationLabel(occupation: Occupation, lang: Language): string {
  const name = lang === 'en' && occupation.labelEn ? occupation.labelEn : occupation.labelSv;
  return occupation.ssyk ? `${name} (${occupation.ssyk})` : name;
}

function group(
  name: string,
  type: 'checkbox' | 'radio',
  legend: string,
  options: { value: string; label: string }[],
  chosen: readonly string[],
  errors: Record<string, string>,
  hint?: string,
): ChoiceGroup {
  return {
    name,
    type,
    legend,
    ...(hint ? { hint } : {}),
    ...(errors[name] ? { error: errors[name] } : {}),
    options: options.map((option, index) => ({
      id: index === 0 ? `field-${name}` : `field-${name}-${option.value}`,
      value: option.value,
      label: option.label,
      checked: chosen.includes(option.value),
    })),
  };
}

const optionsOf = (values: readonly string[], t: Translate, key: string) =>
  values.map((value) => ({ value, label: t(`survey.option.${key}.${value}`) }));

export function organisationView(fields: ResponseFields, errors: Record<string, string>, t: Translate) {
  const o = fields.organisation;
  const input = (name: keyof typeof o) => ({
    name,
    label: t(`survey.q.${name}`),
    hint: t(`survey.q.${name}.hint`),
    value: String(o[name]),
    error: errors[name],
  });
  return {
    employeesNow: input('employeesNow'),
    expectedChange1y: input('expectedChange1y'),
    expectedChange3y: input('expectedChange3y'),
    obstacles: group(
      'obstacles',
      'checkbox',
      t('survey.q.obstacles'),
      optionsOf(OBSTACLES, t, 'obstacles'),
      o.obstacles,
      errors,
      t('survey.q.obstacles.hint'),
    ),
    obstaclesOther: { ...input('obstaclesOther'), hint: undefined },
    providerInterest: group(
      'providerInterest',
      'radio',
      t('survey.q.providerInterest'),
      optionsOf(PROVIDER_INTEREST, t, 'providerInterest'),
      [o.providerInterest],
      errors,
    ),
    contactConsent: {
      name: 'contactConsent',
      label: t('survey.q.contactConsent'),
      hint: t('survey.q.contactConsent.hint'),
      checked: o.contactConsent,
      error: errors.contactConsent,
    },
  };
}

function occupationView(
  i: number,
  need: NeedFields,
  lookups: FormLookups,
  extras: LineExtras,
  errors: Record<string, string>,
  t: Translate,
  lang: Language,
) {
  const chosen = need.occupationId ? lookups.occupations.get(need.occupationId) : undefined;
  const results = extras.searchResults;
  let choices: ChoiceGroup | undefined;
  if (results) {
    const list = chosen && !results.some((r) => r.id === chosen.id) ? [chosen, ...results] : results;
    choices = group(
      needField(i, 'occupationId'),
      'radio',
      t('survey.need.occupation.choose'),
      list.map((o) => ({ value: o.id, label: occupationLabel(o, lang) })),
      [need.occupationId],
      {},
    );
  }
  return {
    query: {
      name: needField(i, 'occupationQuery'),
      label: t('survey.q.occupation'),
      hint: t('survey.q.occupation.hint'),
      value: need.occupationQuery,
      error: errors[needField(i, 'occupationQuery')],
    },
    idName: needField(i, 'occupationId'),
    /** Without search results on the page, the choice travels in a hidden field. */
    hiddenId: choices ? undefined : need.occupationId,
    chosenLabel: chosen ? occupationLabel(chosen, lang) : need.occupationId || undefined,
    choices,
    noResults: results !== undefined && results.length === 0,
    listboxId: `occupation-options-${i}`,
    searchAction: `search:${i}`,
  };
}

function skillsView(
  i: number,
  need: NeedFields,
  lookups: FormLookups,
  extras: LineExtras,
  errors: Record<string, string>,
  t: Translate,
) {
  const suggestions =
    extras.skillSuggestions ?? (need.occupationId ? (lookups.related.get(need.occupationId) ?? []) : []);
  const options = [
    ...need.skillIds.map((id) => ({ value: id, label: lookups.skills.get(id) ?? id })),
    ...suggestions.filter((s) => !need.skillIds.includes(s.id)).map((s) => ({ value: s.id, label: s.labelSv })),
  ];
  return {
    group: group(needField(i, 'skillIds'), 'checkbox', t('survey.q.skillIds'), options, need.skillIds, errors),
    filter: { name: needField(i, 'skillQuery'), label: t('survey.need.skills.filter'), value: need.skillQuery },
    hasOccupation: Boolean(need.occupationId),
    action: `skills:${i}`,
  };
}

function specialisationsView(
  i: number,
  need: NeedFields,
  lookups: FormLookups,
  errors: Record<string, string>,
  t: Translate,
  lang: Language,
) {
  const name = needField(i, 'specialisations');
  return {
    name,
    legend: t('survey.q.specialisations'),
    hint: t('survey.q.specialisations.hint'),
    error: errors[name],
    areas: lookups.specialisations.map((s, index) => ({
      legend: lang === 'en' ? s.nameEn : s.nameSv,
      whole: {
        id: index === 0 ? `field-${name}` : `field-${name}-${s.code}`,
        name,
        value: s.code,
        label: t('survey.need.specialisation.whole'),
        checked: need.specialisations.includes(s.code),
      },
      focusAreas: s.focusAreas.map((f) => ({
        id: `field-${needField(i, 'focusAreas')}-${s.code}-${f.code}`,
        name: needField(i, 'focusAreas'),
        value: `${s.code}/${f.code}`,
        label: lang === 'en' ? f.nameEn : f.nameSv,
        checked: need.focusAreas.includes(`${s.code}/${f.code}`),
      })),
    })),
  };
}

export function needView(
  i: number,
  need: NeedFields,
  lookups: FormLookups,
  extras: LineExtras,
  errors: Record<string, string>,
  t: Translate,
  lang: Language,
) {
  const field = (name: keyof NeedFields, extra: Record<string, unknown> = {}) => ({
    name: needField(i, name),
    label: t(`survey.q.${name}`),
    value: String(need[name]),
    error: errors[needField(i, name)],
    ...extra,
  });
  return {
    index: i,
    number: i + 1,
    lineName: needField(i, 'line'),
    legend: t('survey.need.legend', { n: i + 1 }),
    occupation: occupationView(i, need, lookups, extras, errors, t, lang),
    skills: skillsView(i, need, lookups, extras, errors, t),
    specialisations: specialisationsView(i, need, lookups, errors, t, lang),
    headcount: field('headcount', { hint: t('survey.q.headcount.hint') }),
    horizon: group(
      needField(i, 'horizon'),
      'radio',
      t('survey.q.horizon'),
      optionsOf(HORIZONS, t, 'horizon'),
      [need.horizon],
      errors,
    ),
    educationLevel: {
      ...field('educationLevel'),
      options: [
        { value: '', label: t('organisation.form.choose'), selected: need.educationLevel === '' },
        ...EDUCATION_LEVEL_CODES.map((code) => ({
          value: code,
          label: t(`educationLevel.${code}`),
          selected: need.educationLevel === code,
        })),
      ],
    },
    difficulty: group(
      needField(i, 'difficulty'),
      'radio',
      t('survey.q.difficulty'),
      ['1', '2', '3', '4', '5'].map((value) => ({ value, label: t(`survey.option.difficulty.${value}`) })),
      [need.difficulty],
      errors,
    ),
    strategies: group(
      needField(i, 'strategies'),
      'checkbox',
      t('survey.q.strategies'),
      optionsOf(STRATEGIES, t, 'strategies'),
      need.strategies,
      errors,
    ),
    placementKinds: group(
      needField(i, 'placementKinds'),
      'checkbox',
      t('survey.q.placementKinds'),
      optionsOf(PLACEMENT_KINDS, t, 'placementKinds'),
      need.placementKinds,
      errors,
      t('survey.q.placementKinds.hint'),
    ),
    placementCount: field('placementCount'),
    comment: field('comment'),
    removeAction: `remove:${i}`,
    removeLabel: t('survey.need.remove', { n: i + 1 }),
  };
}
