import { formatDate, formatMonth } from '../../i18n/dates.ts';
import type { Language, Translate } from '../../i18n/i18n.ts';
import type { OrganisationNotice, PartnerMatches, TwoJobView } from './schemas.ts';

/** Page models for matching's pages (decision 0031): plain values for the templates. */

const joinNames = (items: readonly { name: string }[]) => items.map((i) => i.name).join(', ');

/** A profile's languages are ISO codes; the notice names them in the reader's language, as the profile form does. */
const languageName = (code: string, lang: Language) =>
  new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;

const reasonsOf = (t: Translate, reasons: readonly string[]) =>
  reasons.map((r) => t(`matching.reason.${r}`)).join(' · ');

function stateLabel(t: Translate, lang: Language, state: string, hiredOn: string | null): string {
  return state === 'hired'
    ? t('matching.state.hired', { date: formatDate(hiredOn, lang) })
    : t(`matching.state.${state}`);
}

export function organisationNoticesModel(t: Translate, lang: Language, notices: readonly OrganisationNotice[]) {
  return notices.map((n) => ({
    id: n.id,
    version: n.version,
    heading: t('matching.org.person', {
      occupation: joinNames(n.person.occupations),
      start: n.person.earliestStart ? formatMonth(n.person.earliestStart, lang) : t('matching.org.anyTime'),
    }),
    within: n.person.kommuner.length ? t('matching.org.within', { kommuner: joinNames(n.person.kommuner) }) : '',
    workModes: n.person.workModes.length
      ? t('matching.org.workModes', { modes: n.person.workModes.map((m) => t(`matching.workMode.${m}`)).join(', ') })
      : '',
    languages: n.person.languages.length
      ? t('matching.org.languages', {
          languages: n.person.languages.map((code) => languageName(code, lang)).join(', '),
        })
      : '',
    matches: n.matches.map((m) => ({
      source: t(`matching.source.${m.source}`),
      occupation: m.occupation.name,
      kommun: m.kommun?.name ?? '',
      reasons: reasonsOf(t, m.reasons),
    })),
    state: stateLabel(t, lang, n.state, n.hiredOn),
    canAnswer: ['new', 'interested', 'not-interested'].includes(n.state),
    canRecordOutcome: ['accepted', 'hired', 'not-hired'].includes(n.state),
    contact: n.contact ? t('matching.org.contact', { name: n.contact.name, email: n.contact.email }) : '',
  }));
}

export function partnerMatchesModel(t: Translate, lang: Language, matches: PartnerMatches) {
  return {
    interested: matches.interested.map((n) => ({
      id: n.id,
      version: n.version,
      organisation: n.organisation.name,
      state: n.state === 'interested' ? '' : stateLabel(t, lang, n.state, null),
      canAnswer: n.state === 'interested',
      matches: n.matches.map((m) => ({
        occupation: m.occupation.name,
        kommun: m.kommun?.name ?? '',
        reasons: reasonsOf(t, m.reasons),
      })),
    })),
    waiting: matches.waiting > 0 ? t('matching.mine.waiting', { count: matches.waiting }) : '',
    tips: matches.tips.map((x) => ({
      kind: t(x.source === 'need' ? 'matching.mine.openingNeed' : 'matching.mine.openingPlacement'),
      title: x.title,
      organisation: x.organisation.name,
      kommun: x.kommun?.name ?? '',
      note: x.note ? t('matching.mine.tipNote', { note: x.note }) : '',
      href: x.howToApply.href,
      how:
        x.howToApply.kind === 'placement-page'
          ? t('matching.mine.howPlacement')
          : t('matching.mine.howNeed', { organisation: x.organisation.name }),
    })),
    openings: matches.openings.map((o) => ({
      kind: t(o.source === 'need' ? 'matching.mine.openingNeed' : 'matching.mine.openingPlacement'),
      title: o.title,
      organisation: o.organisation.name,
      kommun: o.kommun?.name ?? '',
      applyBy: o.applyBy ? t('matching.mine.applyBy', { date: formatDate(o.applyBy, lang) }) : '',
      reasons: reasonsOf(t, o.reasons),
      href: o.howToApply.href,
      how:
        o.howToApply.kind === 'placement-page'
          ? t('matching.mine.howPlacement')
          : o.howToApply.kind === 'campaign-page'
            ? t('matching.mine.howCampaign')
            : t('matching.mine.howNeed', { organisation: o.organisation.name }),
    })),
    placements: matches.placements.map((p) => ({
      id: p.id,
      title: p.title,
      organisation: p.organisation.name,
      kommun: p.kommun?.name ?? '',
      applyBy: t('matching.mine.applyBy', { date: formatDate(p.applyBy, lang) }),
      reasons: reasonsOf(t, p.reasons),
    })),
  };
}

export function twoJobModel(t: Translate, view: TwoJobView) {
  return {
    recruitJob: t('matching.twoJobs.recruitJob', {
      occupation: view.recruitJob.occupation.name,
      organisation: view.recruitJob.organisation?.name ?? '–',
    }),
    recruitKommun: view.recruitJob.kommun?.name ?? '',
    kommuner: view.kommuner.length ? t('matching.twoJobs.kommuner', { kommuner: joinNames(view.kommuner) }) : '',
    pairs: view.pairs.map((p) => ({
      kind: t(p.partnerOpening.source === 'interest' ? 'matching.twoJobs.interest' : 'matching.twoJobs.placement'),
      title: p.partnerOpening.title,
      organisation: p.partnerOpening.organisation.name,
      kommun: p.partnerOpening.kommun?.name ?? '',
      reasons: reasonsOf(t, p.partnerOpening.reasons),
    })),
    waiting: view.waiting > 0 ? t('matching.twoJobs.waiting', { count: view.waiting }) : '',
    partnerProfile: view.partnerProfile,
  };
}
