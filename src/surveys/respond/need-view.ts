import type { Language, Translate } from '../../i18n/i18n.ts';
import { EDUCATION_LEVEL_CODES, type Occupation } from '../../taxonomy/index.ts';
import { HORIZONS, needQuestion, optionKey, PLACEMENT_KINDS, type Question, questionKey } from '../questionnaire.ts';
import { type NeedFields, needField } from './form-mapping.ts';
import { type ChoiceGroup, type FormLookups, group, type LineExtras, occupationLabel, optionsOf } from './form-view.ts';

/** One need line of the response form, for templates/partials/survey-need.hbs (see form-view.ts for the ids). */
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
  const near = results?.length === 0 ? (extras.nearResults ?? []) : [];
  // A job title that found the group is shown before it: "Mjukvaruutvecklare → Mjukvaru- och … (2512)".
  const labelOf = (o: Occupation, title: string | null | undefined) =>
    title ? t('taxonomy.picker.matchedTitle', { title, group: occupationLabel(o, lang) }) : occupationLabel(o, lang);
  let choices: ChoiceGroup | undefined;
  if (results) {
    const found =
      near.length > 0
        ? near.map((o) => ({ ...o, shown: o.title }))
        : results.map((o) => ({ ...o, shown: o.matchedTitle }));
    const list = chosen && !found.some((r) => r.id === chosen.id) ? [{ ...chosen, shown: null }, ...found] : found;
    choices = group(
      needField(i, 'occupationId'),
      'radio',
      t(near.length > 0 ? 'survey.need.occupation.didYouMean' : 'survey.need.occupation.choose'),
      // A group SCB names in English is shown so on an English page; JobTech's own groups are Swedish.
      list.map((o) => ({ value: o.id, label: labelOf(o, o.shown), lang: swedishOn(lang, !o.labelEn) })),
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

/** 'sv' where a name has no English version and the page is English (WCAG 3.1.2). */
const swedishOn = (lang: Language, swedishOnly = true): 'sv' | undefined =>
  lang === 'en' && swedishOnly ? 'sv' : undefined;

function skillsView(
  i: number,
  need: NeedFields,
  lookups: FormLookups,
  extras: LineExtras,
  errors: Record<string, string>,
  t: Translate,
  lang: Language,
) {
  const suggestions =
    extras.skillSuggestions ?? (need.occupationId ? (lookups.related.get(need.occupationId) ?? []) : []);
  const options = [
    // JobTech's skills have Swedish names only.
    ...need.skillIds.map((id) => ({ value: id, label: lookups.skills.get(id) ?? id, lang: swedishOn(lang) })),
    ...suggestions
      .filter((s) => !need.skillIds.includes(s.id))
      .map((s) => ({ value: s.id, label: s.labelSv, lang: swedishOn(lang) })),
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

/**
 * A question's text and options as the round's questionnaire version words them; a question the
 * version does not ask has no view (the template leaves it out).
 */
function askedChoices(
  i: number,
  question: Question | undefined,
  chosen: readonly string[],
  errors: Record<string, string>,
  t: Translate,
) {
  if (!question) return undefined;
  const code = question.code as keyof NeedFields;
  return group(
    needField(i, code),
    'checkbox',
    t(questionKey(question)),
    (question.options ?? []).map((value) => ({ value, label: t(optionKey(question, value)) })),
    chosen,
    errors,
  );
}

function yesNoView(
  i: number,
  question: Question | undefined,
  need: NeedFields,
  errors: Record<string, string>,
  t: Translate,
) {
  if (!question) return undefined;
  return group(
    needField(i, 'partnerNeedsWork'),
    'radio',
    t(questionKey(question)),
    [
      { value: 'yes', label: t('survey.yes') },
      { value: 'no', label: t('survey.no') },
    ],
    [need.partnerNeedsWork],
    errors,
    t(questionKey(question, 'hint')),
  );
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
  const q = lookups.questionnaire;
  const headcount = needQuestion(q, 'headcount');
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
    skills: skillsView(i, need, lookups, extras, errors, t, lang),
    specialisations: specialisationsView(i, need, lookups, errors, t, lang),
    headcount: field('headcount', {
      ...(headcount ? { label: t(questionKey(headcount)), hint: t(questionKey(headcount, 'hint')) } : {}),
    }),
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
    strategies: askedChoices(i, needQuestion(q, 'strategies'), need.strategies, errors, t),
    /** Shown with the strategies: a condition of recruiting, not a way of meeting the need (version 2 on). */
    partnerNeedsWork: yesNoView(i, needQuestion(q, 'partnerNeedsWork'), need, errors, t),
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
