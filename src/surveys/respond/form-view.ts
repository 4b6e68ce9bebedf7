import type { Language, Translate } from '../../i18n/i18n.ts';
import type { NearOccupation, Occupation, OccupationMatch, Skill, Specialisation } from '../../taxonomy/index.ts';
import { type ChoiceGroup, choiceGroup } from '../../web/forms.ts';
import { OBSTACLES, PROVIDER_INTEREST, type Questionnaire } from '../questionnaire.ts';
import type { ResponseFields } from './form-mapping.ts';

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
  /** The round's questionnaire version: which questions a need line asks, in which words. */
  questionnaire: Questionnaire;
}

export interface LineExtras {
  /** Occupations found by the plain search (without JavaScript), each with the job title that matched. */
  searchResults?: OccupationMatch[];
  /** When the search found nothing: the groups of the nearest job titles ("did you mean"). */
  nearResults?: NearOccupation[];
  /** Skills found for "Visa kompetenser" with the line's filter. */
  skillSuggestions?: Skill[];
}

export function occupationLabel(occupation: Occupation, lang: Language): string {
  const name = lang === 'en' && occupation.labelEn ? occupation.labelEn : occupation.labelSv;
  return occupation.ssyk ? `${name} (${occupation.ssyk})` : name;
}

/** The survey's groups take their error from the form's errors by name; the first option carries `field-<name>`. */
export function group(
  name: string,
  type: 'checkbox' | 'radio',
  legend: string,
  options: { value: string; label: string; lang?: 'sv' | undefined }[],
  chosen: readonly string[],
  errors: Record<string, string>,
  hint?: string,
): ChoiceGroup {
  return choiceGroup(name, legend, options, chosen, type, { hint, error: errors[name], firstId: true });
}

export const optionsOf = (values: readonly string[], t: Translate, key: string) =>
  values.map((value) => ({ value, label: t(`survey.option.${key}.${value}`) }));

export function organisationView(fields: ResponseFields, errors: Record<string, string>, t: Translate) {
  const o = fields.organisation;
  const input = (name: keyof typeof o, withHint = true) => ({
    name,
    label: t(`survey.q.${name}`),
    hint: withHint ? t(`survey.q.${name}.hint`) : undefined,
    value: String(o[name]),
    error: errors[name],
  });
  const obstacles = group(
    'obstacles',
    'checkbox',
    t('survey.q.obstacles'),
    optionsOf(OBSTACLES, t, 'obstacles'),
    o.obstacles,
    errors,
    t('survey.q.obstacles.hint'),
  );
  return {
    employeesNow: input('employeesNow'),
    expectedChange1y: input('expectedChange1y'),
    expectedChange3y: input('expectedChange3y'),
    obstacles,
    // Asked once "Annat" is ticked (templates/assets/forms.js), always without the script.
    obstaclesOther: {
      ...input('obstaclesOther', false),
      shownWith: obstacles.options.find((option) => option.value === 'other')?.id,
    },
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
