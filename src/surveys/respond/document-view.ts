import type { Language, Translate } from '../../i18n/i18n.ts';
import { needQuestion, optionKey, questionKey } from '../questionnaire.ts';
import type { ResponseDocument } from '../schemas.ts';
import type { RevisionChanges } from './changes.ts';
import { type FormLookups, occupationLabel } from './form-view.ts';

/**
 * A response as sentences and a table, for reading rather than editing: a colleague's stored
 * version beside one's own input in a conflict, and the answers of a closed round.
 */
export function describeDocument(document: ResponseDocument, lookups: FormLookups, t: Translate, lang: Language) {
  const o = document.organisation;
  const join = (values: string[]) => (values.length ? values.join(', ') : '–');
  const number = (value: number | null | undefined) => (typeof value === 'number' ? String(value) : '–');
  const specialisationName = (code: string) => {
    const s = lookups.specialisations.find((x) => x.code === code);
    return s ? (lang === 'en' ? s.nameEn : s.nameSv) : code;
  };
  const focusName = (code: string, area: string) => {
    const f = lookups.specialisations.find((x) => x.code === code)?.focusAreas.find((x) => x.code === area);
    return f ? (lang === 'en' ? f.nameEn : f.nameSv) : area;
  };
  const q = lookups.questionnaire;
  const headcount = needQuestion(q, 'headcount');
  const strategies = needQuestion(q, 'strategies');
  const condition = needQuestion(q, 'partnerNeedsWork');
  const workPlace = needQuestion(q, 'workPlace');
  const extent = needQuestion(q, 'extent');
  /** Version 3 on: "Deltid, Hybrid, kan delas" (decision 0035). */
  const workFormOf = (need: ResponseDocument['needs'][number]) => {
    const parts = [
      extent && need.extent ? t(optionKey(extent, need.extent)) : '',
      workPlace && need.workPlace ? t(optionKey(workPlace, need.workPlace)) : '',
      need.openToSharing ? t('survey.need.summary.shareable') : '',
    ].filter(Boolean);
    return parts.length ? parts.join(', ') : '–';
  };
  const yesNo = (value: boolean | null | undefined) =>
    value === true ? t('survey.yes') : value === false ? t('survey.no') : '–';
  return {
    /** The need questions' labels as the round's questionnaire version words them. */
    labels: {
      headcount: t(headcount ? questionKey(headcount) : 'survey.q.headcount'),
      strategies: t(strategies ? questionKey(strategies) : 'survey.q.strategies'),
      partnerNeedsWork: condition ? t(questionKey(condition)) : undefined,
      workForm: workPlace ? t('survey.need.workForm') : undefined,
    },
    organisation: [
      { label: t('survey.q.employeesNow'), value: number(o.employeesNow) },
      { label: t('survey.q.expectedChange1y'), value: number(o.expectedChange1y) },
      { label: t('survey.q.expectedChange3y'), value: number(o.expectedChange3y) },
      {
        label: t('survey.q.obstacles'),
        value: join((o.obstacles ?? []).map((v) => t(`survey.option.obstacles.${v}`))),
      },
      { label: t('survey.q.obstaclesOther'), value: o.obstaclesOther || '–' },
      {
        label: t('survey.q.providerInterest'),
        value: o.providerInterest ? t(`survey.option.providerInterest.${o.providerInterest}`) : '–',
      },
      { label: t('survey.q.contactConsent'), value: t(o.contactConsent ? 'survey.yes' : 'survey.no') },
    ],
    needs: document.needs.map((need, index) => {
      const occupation = need.occupationId ? lookups.occupations.get(need.occupationId) : undefined;
      return {
        number: index + 1,
        occupation: occupation ? occupationLabel(occupation, lang) : (need.occupationId ?? '–'),
        headcount: number(need.headcount),
        horizon: need.horizon ? t(`survey.option.horizon.${need.horizon}`) : '–',
        educationLevel: need.educationLevel ? t(`educationLevel.${need.educationLevel}`) : '–',
        difficulty: number(need.difficulty),
        specialisations: join(
          need.specialisations.map((s) =>
            s.focusAreas.length
              ? `${specialisationName(s.code)}: ${s.focusAreas.map((a) => focusName(s.code, a)).join(', ')}`
              : specialisationName(s.code),
          ),
        ),
        skills: join(need.skillIds.map((id) => lookups.skills.get(id) ?? id)),
        strategies: join(
          need.strategies.map((v) => t(strategies ? optionKey(strategies, v) : `survey.option.strategies.${v}`)),
        ),
        partnerNeedsWork: condition ? yesNo(need.partnerNeedsWork) : undefined,
        workForm: workPlace ? workFormOf(need) : undefined,
        placement: need.placementOffer
          ? `${need.placementOffer.kinds.map((k) => t(`survey.option.placementKinds.${k}`)).join(', ')} (${need.placementOffer.count})`
          : '–',
        comment: need.comment || '–',
      };
    }),
  };
}

/** "Ändrade: antal anställda; 1 behov tillagt" from what a revision changed. */
export function describeRevisionChanges(changes: RevisionChanges, t: Translate): string {
  const parts: string[] = [];
  if (changes.organisation.length) {
    parts.push(
      t('survey.revisions.changedQuestions', {
        questions: changes.organisation.map((c) => t(`survey.q.${c.field}`)).join(', '),
      }),
    );
  }
  if (changes.needsAdded) parts.push(t('survey.revisions.needsAdded', { n: changes.needsAdded }));
  if (changes.needsChanged) parts.push(t('survey.revisions.needsChanged', { n: changes.needsChanged }));
  if (changes.needsRemoved) parts.push(t('survey.revisions.needsRemoved', { n: changes.needsRemoved }));
  return parts.length ? parts.join('; ') : t('survey.revisions.noChanges');
}
