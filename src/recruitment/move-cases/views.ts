import { formatDateTime } from '../../i18n/dates.ts';
import type { Translate } from '../../i18n/i18n.ts';
import type { FormErrors } from '../../web/forms.ts';
import { TASK_OWNERS, TASK_STATES } from './checklist.ts';
import { CASE_OUTCOMES, HOUSING_TENURES, type MoveCase, type MoveCaseSummary } from './schemas.ts';

/** View models of the move case pages (templates/recruitment/). */

export interface Kommun {
  code: string;
  name: string;
  inRegion: boolean;
}

type Lang = 'sv' | 'en';

const occupationLabel = (o: { labelSv: string; labelEn: string }, lang: Lang) =>
  lang === 'en' ? o.labelEn : o.labelSv;

export function summaryRows(items: MoveCaseSummary[], t: Translate, lang: Lang) {
  return items.map((item) => ({
    ...item,
    occupationLabel: occupationLabel(item.occupation, lang),
    organisationName: item.organisation?.name ?? t('moveCase.none'),
    recruitName: item.recruitName ?? t('moveCase.none'),
    earliestMove: item.earliestMove ?? t('moveCase.none'),
    guideName: item.guide ? (item.guide.name ?? t('moveCase.erasedPerson')) : t('moveCase.details.noGuide'),
    statusLabel: t(`moveCase.status.${item.status}`),
    overdueLabel: item.overdueTasks ? t('moveCase.list.overdue', { count: item.overdueTasks }) : '',
  }));
}

const options = (values: readonly string[], label: (v: string) => string, selected: string | undefined) =>
  values.map((value) => ({ value, label: label(value), selected: value === selected }));

/**
 * The household's details as a form (opening a case, or changing its details): `values` as typed
 * (or as stored), the region's kommuner as checkboxes and the rest in one select.
 */
export function caseFormModel(
  t: Translate,
  kommuner: Kommun[],
  values: Record<string, string>,
  chosenKommuner: readonly string[],
  form?: FormErrors,
) {
  const region = kommuner.filter((k) => k.inRegion);
  const others = kommuner.filter((k) => !k.inRegion);
  const otherChosen = chosenKommuner.find((code) => others.some((k) => k.code === code)) ?? '';
  const yesNo = [
    { value: 'yes', label: t('moveCase.field.yes') },
    { value: 'no', label: t('moveCase.field.no') },
  ];
  return {
    values,
    form,
    partnerGroup: {
      name: 'partnerComes',
      type: 'radio',
      legend: t('moveCase.field.partnerComes'),
      error: form?.byField.partnerComes,
      options: yesNo.map((o) => ({
        ...o,
        id: `field-partnerComes-${o.value}`,
        checked: values.partnerComes === o.value,
      })),
    },
    tenureGroup: {
      name: 'housingTenure',
      type: 'radio',
      legend: t('moveCase.field.housingTenure'),
      error: form?.byField.housingTenure,
      options: HOUSING_TENURES.map((value) => ({
        id: `field-housingTenure-${value}`,
        value,
        label: t(`moveCase.field.tenure.${value}`),
        checked: values.housingTenure === value,
      })),
    },
    kommunGroup: {
      name: 'housingKommuner',
      type: 'checkbox',
      legend: t('moveCase.field.housingKommuner'),
      hint: t('moveCase.field.housingKommuner.hint'),
      error: form?.byField.housingKommuner,
      options: region.map((k) => ({
        id: `field-housingKommuner-${k.code}`,
        value: k.code,
        label: k.name,
        checked: chosenKommuner.includes(k.code),
      })),
    },
    otherKommunOptions: [
      { value: '', label: t('moveCase.field.otherKommun.none'), selected: otherChosen === '' },
      ...others.map((k) => ({ value: k.code, label: k.name, selected: k.code === otherChosen })),
    ],
  };
}

/** The case page: details, tasks with their forms, and what this person may do here. */
export function casePageModel(
  kase: MoveCase,
  t: Translate,
  lang: Lang,
  kommuner: Kommun[],
  state: {
    notice?: string | undefined;
    taskForm?: { values: Record<string, string>; form?: FormErrors | undefined } | undefined;
    closeForm?: { values: Record<string, string>; form?: FormErrors | undefined } | undefined;
    taskErrors?: FormErrors | undefined;
    partnerForm?: { values: Record<string, string>; form?: FormErrors | undefined } | undefined;
  },
) {
  const open = kase.status === 'open';
  const works = open && kase.relation !== 'queue';
  const kommunName = (code: string) => kommuner.find((k) => k.code === code)?.name ?? code;
  const closeValues = state.closeForm?.values ?? {};
  const taskValues = state.taskForm?.values ?? {};
  const errors = [
    ...(state.taskErrors?.errors ?? []),
    ...(state.taskForm?.form?.errors ?? []),
    ...(state.closeForm?.form?.errors ?? []),
    ...(state.partnerForm?.form?.errors ?? []),
  ];
  return {
    kase,
    notice: state.notice,
    errors,
    occupationLabel: occupationLabel(kase.occupation, lang),
    statusLabel: t(`moveCase.status.${kase.status}`),
    relationLabel: t(`moveCase.relation.${kase.relation}`),
    partnerLabel: kase.partnerComes === null ? null : t(kase.partnerComes ? 'moveCase.field.yes' : 'moveCase.field.no'),
    childrenLabel: kase.children
      ? t('moveCase.details.childrenValue', {
          a: kase.children.age0to5,
          b: kase.children.age6to15,
          c: kase.children.age16to19,
        })
      : null,
    housingLabel: kase.housing
      ? t('moveCase.details.housingValue', {
          tenure: t(`moveCase.field.tenure.${kase.housing.tenure}`),
          rooms: kase.housing.rooms,
        })
      : null,
    kommunerLabel: kase.housing?.kommuner.map(kommunName).join(', ') || null,
    guideName: kase.guide ? (kase.guide.name ?? t('moveCase.erasedPerson')) : t('moveCase.details.noGuide'),
    openedByName: kase.openedBy ? (kase.openedBy.name ?? t('moveCase.erasedPerson')) : null,
    outcomeLabel: kase.outcome
      ? [
          t(`moveCase.outcome.${kase.outcome}`),
          kase.movedInOn,
          kase.movedToKommun ? kommunName(kase.movedToKommun) : null,
        ]
          .filter(Boolean)
          .join(', ')
      : null,
    canEditDetails: works && !kase.erased,
    canTake: open && (kase.relation === 'queue' || (kase.relation === 'secretariat' && kase.guide === null)),
    canClose: open && (kase.relation === 'guide' || kase.relation === 'secretariat'),
    canAddTask: works,
    partnerState: kase.partner
      ? t(kase.partner.acceptedAt ? 'moveCase.details.partnerAccepted' : 'moveCase.details.partnerNotAccepted')
      : null,
    canInvitePartner:
      works &&
      kase.partnerComes === true &&
      !kase.partner &&
      (kase.relation === 'organisation' || kase.relation === 'guide'),
    partnerForm: { values: state.partnerForm?.values ?? {}, byField: state.partnerForm?.form?.byField ?? {} },
    householdOnly: kase.relation === 'household',
    tasks: kase.tasks.map((task) => {
      const editable = works && (kase.relation !== 'household' || task.owner === 'household');
      return {
        ...task,
        label: task.title ?? t(`moveCase.task.kind.${task.kind}`),
        ownerLabel: t(`moveCase.owner.${task.owner}`),
        stateLabel: t(`moveCase.state.${task.state}`),
        editable,
        error: state.taskErrors?.byField[`task-${task.id}-note`],
        stateOptions: options(TASK_STATES, (s) => t(`moveCase.state.${s}`), task.state),
      };
    }),
    taskForm: {
      values: taskValues,
      byField: state.taskForm?.form?.byField ?? {},
      ownerOptions: options(TASK_OWNERS, (o) => t(`moveCase.owner.${o}`), taskValues.owner ?? 'household'),
    },
    closeForm: {
      values: closeValues,
      byField: state.closeForm?.form?.byField ?? {},
      outcomeGroup: {
        name: 'outcome',
        type: 'radio',
        legend: t('moveCase.close.outcome'),
        error: state.closeForm?.form?.byField.outcome,
        options: CASE_OUTCOMES.map((value) => ({
          id: `field-outcome-${value}`,
          value,
          label: t(`moveCase.outcome.${value}`),
          checked: closeValues.outcome === value,
        })),
      },
      kommunOptions: [
        { value: '', label: t('moveCase.field.otherKommun.none'), selected: !closeValues.movedToKommun },
        ...kommuner.map((k) => ({ value: k.code, label: k.name, selected: k.code === closeValues.movedToKommun })),
      ],
    },
    accessLog: kase.accessLog?.map((entry) => ({
      when: formatDateTime(entry.at, lang),
      who: entry.name ?? t('moveCase.erasedPerson'),
      as: t(`moveCase.relation.${entry.as}`),
    })),
  };
}
