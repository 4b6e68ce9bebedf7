import { formatDate } from '../../i18n/dates.ts';
import type { Language, Translate } from '../../i18n/i18n.ts';
import type { FormErrors } from '../../web/forms.ts';
import { type Membership, PLEDGE_CADENCES, PLEDGE_KINDS, type Pledge } from './schemas.ts';

/** Page models of the network's pages (decision 0037): the organisation's page, a pledge, the follow-up. */

export type Fields = Record<string, string | string[]>;

const one = (fields: Fields, name: string) => {
  const v = fields[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
};

/** The joint-controller terms in full, in the order of network/messages.ts. */
export function termsModel(t: Translate, version: string) {
  return {
    version: t('network.terms.version', { version }),
    intro: t('network.terms.intro'),
    member: [1, 2, 3, 4].map((i) => t(`network.terms.member.${i}`)),
    region: [1, 2, 3].map((i) => t(`network.terms.region.${i}`)),
    rights: t('network.terms.rights'),
    publicName: t('network.terms.publicName'),
  };
}

/** "2 interviews a quarter": what a pledge counts, in plain words. */
export const pledgeMeasure = (t: Translate, p: Pick<Pledge, 'kind' | 'count' | 'cadence'>) =>
  t(`network.pledges.kindCount.${p.kind}`, { count: p.count, cadence: t(`network.pledges.cadence.${p.cadence}`) });

export function pledgeModel(t: Translate, p: Pledge) {
  return {
    id: p.id,
    text: p.text,
    measure: pledgeMeasure(t, p),
    current: t('network.pledges.progress', { done: p.current.done, count: p.count }),
    previous: p.previous ? t('network.pledges.previous', { done: p.previous.done, count: p.count }) : undefined,
    overdue: p.overdue,
  };
}

function choices(
  name: string,
  legend: string,
  options: { value: string; label: string }[],
  checked: string,
  error?: string,
) {
  return {
    name,
    type: 'radio',
    legend,
    error,
    layout: 'inline',
    options: options.map((o) => ({ id: `field-${name}-${o.value}`, ...o, checked: o.value === checked })),
  };
}

export const kindGroup = (t: Translate, legend: string, checked: string, error?: string) =>
  choices(
    'kind',
    legend,
    PLEDGE_KINDS.map((k) => ({ value: k, label: t(`network.pledges.kind.${k}`) })),
    checked,
    error,
  );

/** The pledge form: what was typed (re-rendered) or the defaults (interviews, a quarter). */
export function pledgeFormModel(t: Translate, fields: Fields, form?: FormErrors) {
  const cadence = one(fields, 'cadence') || 'quarter';
  return {
    values: { text: one(fields, 'text'), count: one(fields, 'count') || '1' },
    kindGroup: kindGroup(t, t('network.pledges.kind'), one(fields, 'kind') || 'interview', form?.byField.kind),
    cadenceOptions: PLEDGE_CADENCES.map((c) => ({
      value: c,
      label: t(`network.pledges.cadence.${c}`),
      selected: c === cadence,
    })),
  };
}

/** The organisation's page: its membership, the terms (to join) and its pledges. */
export function membershipModel(t: Translate, lang: Language, m: Membership) {
  return {
    organisation: m.organisation,
    member: m.member,
    memberText: m.member
      ? t('network.org.member', { date: formatDate(m.joinedAt, lang), version: m.termsVersion ?? '' })
      : t('network.org.notMember'),
    currentTermsVersion: m.currentTermsVersion,
    terms: termsModel(t, m.currentTermsVersion),
    pledges: m.pledges.map((p) => pledgeModel(t, p)),
  };
}
