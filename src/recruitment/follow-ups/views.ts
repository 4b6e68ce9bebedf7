import type { FormErrors } from '../../http/form.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { type FollowUp, NETWORK_EMPLOYER, RECOMMEND } from './schemas.ts';

/** The follow-up page's model: the questions as radio groups and selects, with values and errors. */

interface Option {
  value: string;
  label: string;
}

function radios(name: string, legend: string, options: Option[], values: Record<string, string>, form?: FormErrors) {
  return {
    name,
    type: 'radio',
    legend,
    layout: 'inline',
    error: form?.byField[name],
    options: options.map((o) => ({ id: `field-${name}-${o.value}`, ...o, checked: values[name] === o.value })),
  };
}

export function followUpPageModel(
  followUp: FollowUp,
  t: Translate,
  kommuner: Option[],
  groups: Option[],
  state: { values?: Record<string, string>; form?: FormErrors | undefined; notice?: string | undefined },
) {
  const values = state.values ?? {};
  const partner = followUp.person === 'partner';
  const yesNo = [
    { value: 'yes', label: t('moveFollowUp.yes') },
    { value: 'no', label: t('moveFollowUp.no') },
  ];
  const select = (list: Option[], selected: string | undefined) => [
    { value: '', label: t('moveFollowUp.choose'), selected: !selected },
    ...list.map((o) => ({ ...o, selected: o.value === selected })),
  ];
  return {
    followUp,
    partner,
    notice: state.notice,
    errors: state.form?.errors ?? [],
    lead: t('moveFollowUp.lead', { months: followUp.wave }),
    answerable: followUp.state === 'sent',
    canDecline: followUp.state === 'sent' || followUp.state === 'answered',
    stateNote: followUp.state === 'sent' ? null : t(`moveFollowUp.state.${followUp.state}`),
    values,
    byField: state.form?.byField ?? {},
    inRegion: radios('inRegion', t('moveFollowUp.q.inRegion'), yesNo, values, state.form),
    kommunOptions: select(kommuner, values.kommun),
    inWork: radios(
      'inWork',
      t(partner ? 'moveFollowUp.q.inWorkPartner' : 'moveFollowUp.q.inJob'),
      yesNo,
      values,
      state.form,
    ),
    groupOptions: select(groups, values.occupationGroup),
    networkEmployer: radios(
      'networkEmployer',
      t('moveFollowUp.q.networkEmployer'),
      NETWORK_EMPLOYER.map((v) => ({ value: v, label: t(`moveFollowUp.network.${v}`) })),
      values,
      state.form,
    ),
    recommend: radios(
      'recommend',
      t('moveFollowUp.q.recommend'),
      RECOMMEND.map((v) => ({ value: v, label: t(`moveFollowUp.recommend.${v}`) })),
      values,
      state.form,
    ),
  };
}
