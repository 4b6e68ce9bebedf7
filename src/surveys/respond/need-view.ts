import type { Language, Translate } from '../../i18n/i18n.ts';
import { EDUCATION_LEVEL_CODES, type Occupation } from '../../taxonomy/index.ts';
import type { ChoiceGroup } from '../../web/forms.ts';
import { HORIZONS, needQuestion, optionKey, PLACEMENT_KINDS, type Question, questionKey } from '../questionnaire.ts';
import { type NeedFields, needField, needIsComplete } from './form-mapping.ts';
import { type FormLookups, group, type LineExtras, occupationLabel, optionsOf } from './form-view.ts';

/**
 * One need line of the response form, for templates/partials/survey-need.hbs (see form-view.ts for
 * the ids): a one-line summary with "Ändra" and "Ta bort" when it is finished, the questions when it
 * is open (GOV.UK's "add another" and "check answers" patterns). Both are in the page, one hidden,
 * so that a post carries every answer whichever is shown.
 *
 * A line's position is its index, or `'template'`: the empty line the browser's script copies when
 * "Lägg till behov" adds one without a reload, with `__index__` and `__number__` for it to fill in.
 */
export type LinePosition = number | 'template';

export interface LineState {
  open: boolean;
  /** The earlier line (its index) with the same occupation and horizon, until the person decides. */
  duplicateOf?: number | undefined;
}

const INDEX_TOKEN = '__index__';
const NUMBER_TOKEN = '__number__';

function occupationView(
  i: string,
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

/**
 * The skills asked of a line: those chosen, then the occupation's suggestions (the few the region's
 * placements ask for most, queries.ts findRelatedSkills) or what a search found. More are found by
 * searching, never by a long list.
 */
function skillsView(
  i: string,
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
  const name = needField(i, 'skillIds');
  return {
    group: group(
      name,
      'checkbox',
      t('survey.q.skillIds'),
      options,
      need.skillIds,
      errors,
      t('survey.need.skills.hint'),
    ),
    legend: t('survey.q.skillIds'),
    name,
    search: { name: needField(i, 'skillQuery'), label: t('survey.need.skills.search'), value: need.skillQuery },
    hasOccupation: Boolean(need.occupationId),
    action: `skills:${i}`,
  };
}

/**
 * The specialisations, each with its focus areas beneath it in a `<details>`: open when one of them
 * is ticked; the browser's script shows them only under a ticked specialisation, and without it
 * every focus area stays one click away.
 */
function specialisationsView(
  i: string,
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
    areas: lookups.specialisations.map((s, index) => {
      const label = lang === 'en' ? s.nameEn : s.nameSv;
      const focusAreas = s.focusAreas.map((f) => ({
        id: `field-${needField(i, 'focusAreas')}-${s.code}-${f.code}`,
        name: needField(i, 'focusAreas'),
        value: `${s.code}/${f.code}`,
        label: lang === 'en' ? f.nameEn : f.nameSv,
        checked: need.focusAreas.includes(`${s.code}/${f.code}`),
      }));
      return {
        id: index === 0 ? `field-${name}` : `field-${name}-${s.code}`,
        name,
        value: s.code,
        label,
        checked: need.specialisations.includes(s.code),
        focusTitle: t('survey.need.focusAreas', { name: label }),
        focusOpen: focusAreas.some((f) => f.checked),
        focusAreas,
      };
    }),
  };
}

/** A choice group laid out on the page (radios side by side, checkboxes in columns), when it is asked. */
function withLayout<G extends object>(view: G | undefined, layout: 'inline' | 'columns') {
  return view ? { ...view, layout } : undefined;
}

/**
 * A question's text and options as the round's questionnaire version words them; a question the
 * version does not ask has no view (the template leaves it out).
 */
function askedChoices(
  i: string,
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
  i: string,
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

/**
 * The post's work form (version 3 on, decision 0035), compact in one fieldset: the work place and
 * the extent side by side, then the one box that is the organisation's consent to be introduced to
 * others with the same part-time need.
 */
function workFormView(
  i: string,
  need: NeedFields,
  q: FormLookups['questionnaire'],
  errors: Record<string, string>,
  t: Translate,
) {
  const workPlace = needQuestion(q, 'workPlace');
  const extent = needQuestion(q, 'extent');
  const sharing = needQuestion(q, 'openToSharing');
  if (!workPlace || !extent || !sharing) return undefined;
  const choice = (question: Question, chosen: string) => ({
    ...group(
      needField(i, question.code as keyof NeedFields),
      'radio',
      t(questionKey(question)),
      (question.options ?? []).map((value) => ({ value, label: t(optionKey(question, value)) })),
      [chosen],
      errors,
    ),
    layout: 'inline' as const,
  });
  const sharingName = needField(i, 'openToSharing');
  return {
    legend: t('survey.need.workForm'),
    hint: t('survey.need.workForm.hint'),
    hintId: `hint-work-form-${i}`,
    workPlace: choice(workPlace, need.workPlace),
    extent: choice(extent, need.extent),
    sharing: {
      name: sharingName,
      label: t(questionKey(sharing)),
      hint: t(questionKey(sharing, 'hint')),
      checked: need.openToSharing,
      error: errors[sharingName],
    },
  };
}

/** The work form as the summary line says it: "Deltid · Hybrid · Kan delas". */
function workFormSummary(need: NeedFields, q: FormLookups['questionnaire'], t: Translate): string[] {
  const workPlace = needQuestion(q, 'workPlace');
  const extent = needQuestion(q, 'extent');
  if (!workPlace || !extent) return [];
  const said = (question: Question, value: string) =>
    (question.options ?? []).includes(value) ? t(optionKey(question, value)) : '';
  return [
    said(extent, need.extent),
    said(workPlace, need.workPlace),
    need.openToSharing ? t('survey.need.summary.shareable') : '',
  ];
}

/** "Mjukvaru- och systemutvecklare m.fl. (2512) · 3 personer · Om 1–3 år", what a finished line shows. */
function summaryOf(need: NeedFields, lookups: FormLookups, t: Translate, lang: Language): string {
  const occupation = need.occupationId ? lookups.occupations.get(need.occupationId) : undefined;
  const count = need.headcount.trim();
  const parts = [
    occupation ? occupationLabel(occupation, lang) : need.occupationId || t('survey.need.summary.noOccupation'),
    count === '' ? '' : t(count === '1' ? 'survey.need.summary.person' : 'survey.need.summary.people', { n: count }),
    (HORIZONS as readonly string[]).includes(need.horizon) ? t(`survey.option.horizon.${need.horizon}`) : '',
    ...workFormSummary(need, lookups.questionnaire, t),
  ];
  return parts.filter(Boolean).join(' · ');
}

export function needView(
  position: LinePosition,
  need: NeedFields,
  lookups: FormLookups,
  extras: LineExtras,
  errors: Record<string, string>,
  t: Translate,
  lang: Language,
  state: LineState,
) {
  const q = lookups.questionnaire;
  const headcount = needQuestion(q, 'headcount');
  const i = position === 'template' ? INDEX_TOKEN : String(position);
  const number = position === 'template' ? NUMBER_TOKEN : String(position + 1);
  const field = (name: keyof NeedFields, extra: Record<string, unknown> = {}) => ({
    name: needField(i, name),
    label: t(`survey.q.${name}`),
    value: String(need[name]),
    error: errors[needField(i, name)],
    ...extra,
  });
  const other = state.duplicateOf;
  return {
    index: i,
    number,
    open: state.open,
    complete: needIsComplete(need),
    lineName: needField(i, 'line'),
    keepName: needField(i, 'keepSeparate'),
    keepSeparate: need.keepSeparate,
    legend: t('survey.need.legend', { n: number }),
    which: t('survey.need.which', { n: number }),
    summary: summaryOf(need, lookups, t, lang),
    incomplete: needIsComplete(need) ? undefined : t('survey.need.summary.incomplete'),
    duplicate: other === undefined ? undefined : { text: t('survey.need.duplicate', { n: number, other: other + 1 }) },
    occupation: occupationView(i, need, lookups, extras, errors, t, lang),
    skills: skillsView(i, need, lookups, extras, errors, t, lang),
    specialisations: specialisationsView(i, need, lookups, errors, t, lang),
    headcount: field('headcount', {
      ...(headcount ? { label: t(questionKey(headcount)), hint: t(questionKey(headcount, 'hint')) } : {}),
    }),
    horizon: {
      ...group(
        needField(i, 'horizon'),
        'radio',
        t('survey.q.horizon'),
        optionsOf(HORIZONS, t, 'horizon'),
        [need.horizon],
        errors,
      ),
      layout: 'inline' as const,
    },
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
    difficulty: {
      ...group(
        needField(i, 'difficulty'),
        'radio',
        t('survey.q.difficulty'),
        ['1', '2', '3', '4', '5'].map((value) => ({ value, label: t(`survey.option.difficulty.${value}`) })),
        [need.difficulty],
        errors,
      ),
      layout: 'inline' as const,
    },
    strategies: withLayout(askedChoices(i, needQuestion(q, 'strategies'), need.strategies, errors, t), 'columns'),
    /** Shown with the strategies: a condition of recruiting, not a way of meeting the need (version 2 on). */
    partnerNeedsWork: withLayout(yesNoView(i, needQuestion(q, 'partnerNeedsWork'), need, errors, t), 'inline'),
    workForm: workFormView(i, need, q, errors, t),
    placementKinds: {
      ...group(
        needField(i, 'placementKinds'),
        'checkbox',
        t('survey.q.placementKinds'),
        optionsOf(PLACEMENT_KINDS, t, 'placementKinds'),
        need.placementKinds,
        errors,
        t('survey.q.placementKinds.hint'),
      ),
      layout: 'inline' as const,
    },
    placementCount: field('placementCount'),
    comment: field('comment'),
    editAction: `edit:${i}`,
    removeAction: `remove:${i}`,
    mergeAction: `merge:${i}`,
    keepAction: `keep:${i}`,
    removeLabel: t('survey.need.remove', { n: number }),
  };
}
