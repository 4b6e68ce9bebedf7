import type { Translate } from '../../i18n/i18n.ts';
import type { FormErrors } from '../../web/forms.ts';
import type {
  CampaignTracking,
  CandidateApplication,
  OrganisationApplication,
  OrganisationCampaign,
  ProposalGroup,
  PublicCampaign,
  RouteStatus,
} from './schemas.ts';
import { SETTABLE_STATUSES } from './schemas.ts';

/** View models of the campaign pages (templates/recruitment/campaign-*.hbs). */

type Lang = 'sv' | 'en';
const pick = (lang: Lang, sv: string, en: string) => (lang === 'en' ? en : sv);

export function campaignModel(c: PublicCampaign, t: Translate, lang: Lang) {
  return {
    ...c,
    title: pick(lang, c.titleSv, c.titleEn),
    description: pick(lang, c.descriptionSv, c.descriptionEn),
    occupationNames: c.occupations.map((o) => pick(lang, o.nameSv, o.nameEn)).join(', '),
    kommunNames: c.kommuner.map((k) => k.name).join(', '),
    organisations: c.organisations.map((o) => ({
      ...o,
      postsLabel: o.posts
        .map((p) =>
          t('campaign.page.posts', {
            count: p.posts,
            occupation: pick(lang, p.occupation.nameSv, p.occupation.nameEn),
          }),
        )
        .join(', '),
    })),
    visitDays: c.visitDays.map((d) => ({ ...d, left: Math.max(0, d.limit - d.signedUp) })),
  };
}

export const statusLabel = (t: Translate, status: RouteStatus) => t(`campaign.status.${status}`);

export function candidateModel(a: CandidateApplication, t: Translate, lang: Lang) {
  return {
    ...a,
    campaignTitle: pick(lang, a.campaign.titleSv, a.campaign.titleEn),
    partnerLabel: t(a.partnerNeedsWork ? 'campaign.field.yes' : 'campaign.field.no'),
    routes: a.routes.map((r) => ({
      ...r,
      statusLabel: statusLabel(t, r.status),
      canWithdraw: !['hired', 'not-hired', 'withdrawn'].includes(r.status),
    })),
  };
}

export function organisationApplicationModel(
  a: OrganisationApplication,
  t: Translate,
  lang: Lang,
  posts: { id: string; label: string }[],
  form?: { values: Record<string, string>; errors?: FormErrors | undefined },
) {
  const values = form?.values ?? {};
  return {
    ...a,
    campaignTitle: pick(lang, a.campaign.titleSv, a.campaign.titleEn),
    partnerLabel: t(a.partnerNeedsWork ? 'campaign.field.yes' : 'campaign.field.no'),
    statusLabel: statusLabel(t, a.route.status),
    decided: ['hired', 'not-hired', 'withdrawn'].includes(a.route.status),
    form: form?.errors,
    values,
    statusOptions: [
      { value: '', label: t('campaign.org.chooseStatus'), selected: !values.status },
      ...SETTABLE_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s), selected: values.status === s })),
    ],
    postOptions: [
      { value: '', label: t('campaign.org.choosePost'), selected: !values.lineId },
      ...posts.map((p) => ({ value: p.id, label: p.label, selected: values.lineId === p.id })),
    ],
  };
}

export function organisationCampaignsModel(items: OrganisationCampaign[], t: Translate, lang: Lang) {
  return items.map((c) => ({
    ...c,
    title: pick(lang, c.titleSv, c.titleEn),
    lines: c.lines.map((l) => ({
      ...l,
      label: t('campaign.org.line', {
        occupation: pick(lang, l.occupation.labelSv, l.occupation.labelEn),
        headcount: l.headcount,
        lineNo: l.lineNo,
      }),
      statusLabel: t(`campaign.lineStatus.${l.status}`),
      confirmed: l.status === 'confirmed',
    })),
  }));
}

export function proposalModel(groups: ProposalGroup[], t: Translate, lang: Lang, chosen: readonly string[]) {
  return groups.map((g, index) => ({
    legend: t('campaign.admin.group', {
      occupation: pick(lang, g.occupation.nameSv, g.occupation.nameEn),
      ssyk: g.occupation.ssyk,
      kommun: g.kommun.name,
      organisations: g.organisations,
    }),
    name: 'lineIds',
    type: 'checkbox',
    index,
    options: g.lines.map((l) => ({
      id: `field-lineIds-${l.id}`,
      value: l.id,
      label: t('campaign.admin.line', {
        organisation: l.organisation.name,
        occupation: pick(lang, l.occupation.labelSv, l.occupation.labelEn),
        headcount: l.headcount,
        round: l.roundName,
      }),
      checked: chosen.includes(l.id),
    })),
  }));
}

export function trackingModel(tracking: CampaignTracking, t: Translate, lang: Lang) {
  const figure = (f: CampaignTracking['timeToFill']['campaign']) => ({
    ...f,
    median: f.medianDays === null ? t('campaign.admin.none') : t('campaign.admin.days', { days: f.medianDays }),
  });
  return {
    campaign: campaignModel(tracking.campaign, t, lang),
    lines: tracking.lines.map((l) => ({
      ...l,
      occupationLabel: pick(lang, l.occupation.labelSv, l.occupation.labelEn),
      statusLabel: t(`campaign.lineStatus.${l.status}`),
      posts: l.posts ?? t('campaign.admin.none'),
    })),
    organisations: tracking.organisations,
    occupations: tracking.occupations.map((o) => ({
      ...o,
      name: pick(lang, o.occupation.nameSv, o.occupation.nameEn),
    })),
    totals: tracking.totals,
    campaignFigure: figure(tracking.timeToFill.campaign),
    aloneFigure: figure(tracking.timeToFill.alone),
  };
}
