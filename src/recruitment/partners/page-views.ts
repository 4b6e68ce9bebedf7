import { formatDate, formatDateTime, formatMonth } from '../../i18n/dates.ts';
import type { Language, Translate } from '../../i18n/i18n.ts';
import { choiceGroup, type FormErrors, listOf } from '../../web/forms.ts';
import { LANGUAGE_CODES, type OwnProfile, PURPOSES, type SharedProfile, WORK_MODES } from './schemas.ts';

/** Page models of the partner's pages (decision 0034): the profile form, sharing, the organisation's view. */

export type Fields = Record<string, string | string[]>;

const MONTH = /^(0[1-9]|1[0-2])$/;
const YEAR = /^\d{4}$/;

/** "YYYY-MM" of the posted month and year; null when neither is chosen; "" (invalid) when one only. */
export function earliestStartOf(one: Record<string, string | undefined>): string | null {
  const month = one.earliestStartMonth ?? '';
  const year = one.earliestStartYear ?? '';
  if (!month && !year) return null;
  return MONTH.test(month) && YEAR.test(year) ? `${year}-${month}` : '';
}

function monthNames(lang: Language): string[] {
  const format = new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => format.format(new Date(Date.UTC(2000, i, 15))));
}

/** The languages a profile may list, named in the reader's language. */
export function languageName(code: string, lang: Language): string {
  return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
}

/** The profile as the form's posted fields (occupations and skills by id; the page labels them). */
export function profileFields(p: OwnProfile): Fields {
  const [year = '', month = ''] = p.earliestStart?.split('-') ?? [];
  return {
    version: String(p.version),
    occupationIds: p.occupations.map((o) => o.id).join(', '),
    skillIds: p.skills.map((s) => s.id).join(', '),
    languages: p.languages,
    earliestStartMonth: month,
    earliestStartYear: year,
    kommuner: p.kommuner.map((k) => k.code),
    workModes: p.workModes,
    about: p.about,
  };
}

/** The profile form's choices: languages, the month and year, kommuner by county, work modes. */
export function profileFormModel(
  t: Translate,
  lang: Language,
  fields: Fields,
  counties: { code: string; name: string; kommuner: { code: string; name: string }[] }[],
  thisYear: number,
  form?: FormErrors,
) {
  const one = (name: string) => listOf(fields[name])[0] ?? '';
  const month = one('earliestStartMonth');
  const year = one('earliestStartYear');
  const years = Array.from({ length: 4 }, (_, i) => String(thisYear + i));
  if (YEAR.test(year) && !years.includes(year)) years.unshift(year);
  const languages = LANGUAGE_CODES.map((code) => ({ value: code, label: languageName(code, lang) })).sort((a, b) =>
    a.label.localeCompare(b.label, lang),
  );
  return {
    languageGroup: choiceGroup(
      'languages',
      t('partnerPage.profile.languages'),
      languages,
      listOf(fields.languages),
      'checkbox',
      {
        error: form?.byField.languages,
        layout: 'columns',
      },
    ),
    start: {
      months: [
        { value: '', label: t('partnerPage.profile.chooseMonth'), selected: !month },
        ...monthNames(lang).map((name, i) => {
          const value = String(i + 1).padStart(2, '0');
          return { value, label: name, selected: value === month };
        }),
      ],
      years: [
        { value: '', label: t('partnerPage.profile.chooseYear'), selected: !year },
        ...years.map((value) => ({ value, label: value, selected: value === year })),
      ],
      error: form?.byField.earliestStart,
    },
    kommunError: form?.byField.kommuner,
    countyGroups: counties.map((county, i) =>
      choiceGroup(
        'kommuner',
        t('partnerPage.profile.county', { county: county.name }),
        county.kommuner.map((k) => ({ value: k.code, label: k.name })),
        listOf(fields.kommuner),
        'checkbox',
        { layout: 'columns', ...(i === 0 ? { error: form?.byField.kommuner } : {}) },
      ),
    ),
    workModeGroup: choiceGroup(
      'workModes',
      t('partnerPage.profile.workModes'),
      WORK_MODES.map((m) => ({ value: m, label: t(`matching.workMode.${m}`) })),
      listOf(fields.workModes),
      'checkbox',
      { error: form?.byField.workModes, layout: 'inline' },
    ),
  };
}

const purposeWords = (t: Translate, purpose: string | null) =>
  purpose ? t(`partnerPage.sharing.purpose.${purpose}`) : '';

/** The sharing page: the consents with their actions, the form's choices, the access log. */
export function sharingModel(
  t: Translate,
  lang: Language,
  profile: OwnProfile,
  recipients: { id: string; name: string }[],
  fields: Fields,
  form?: FormErrors,
) {
  const one = (name: string) => listOf(fields[name])[0] ?? '';
  const consents = profile.consents.map((c) => ({
    id: c.id,
    recipient: c.organisation?.name ?? t('partnerPage.sharing.network'),
    purpose: purposeWords(t, c.purpose),
    until: formatDate(c.expiresAt, lang),
    state: c.withdrawnAt
      ? t('partnerPage.sharing.withdrawn', { date: formatDate(c.withdrawnAt, lang) })
      : c.valid
        ? t('partnerPage.sharing.valid')
        : t('partnerPage.sharing.expired'),
    canWithdraw: c.valid,
    canRenew: c.withdrawnAt === null,
  }));
  return {
    consents,
    anyValid: profile.consents.some((c) => c.valid),
    recipientOptions: [
      { value: '', label: t('partnerPage.validation.recipient'), selected: !one('recipient') },
      {
        value: 'network',
        label: t('partnerPage.sharing.recipient.network'),
        selected: one('recipient') === 'network',
      },
      ...recipients.map((r) => ({ value: r.id, label: r.name, selected: one('recipient') === r.id })),
    ],
    purposeGroup: choiceGroup(
      'purpose',
      t('partnerPage.sharing.purpose'),
      PURPOSES.map((p) => ({ value: p, label: t(`partnerPage.sharing.purpose.${p}`) })),
      [one('purpose')],
      'radio',
      { error: form?.byField.purpose },
    ),
    monthsGroup: choiceGroup(
      'months',
      t('partnerPage.sharing.months'),
      ['6', '12'].map((m) => ({ value: m, label: t(`partnerPage.sharing.months.${m}`) })),
      [one('months') || '6'],
      'radio',
      { error: form?.byField.months, layout: 'inline' },
    ),
    accessLog: profile.accessLog.map((e) => ({
      when: formatDateTime(e.at, lang),
      organisation: e.organisation?.name ?? '',
      who: e.viewer ?? t('partnerPage.sharing.log.unknown'),
      why: purposeWords(t, e.purpose),
    })),
  };
}

/** A shared profile as an organisation reads it: no name, no address. */
export function sharedProfileModel(t: Translate, lang: Language, p: SharedProfile, n: number) {
  const names = (xs: { labelSv: string }[]) => xs.map((x) => x.labelSv).join(', ');
  return {
    id: p.id,
    heading: t('partnerPage.org.profile', { n }),
    occupations: names(p.occupations),
    skills: names(p.skills),
    languages: p.languages.map((code) => languageName(code, lang)).join(', '),
    earliestStart: p.earliestStart ? formatMonth(p.earliestStart, lang) : t('partnerPage.org.earliestStart.unknown'),
    kommuner: p.kommuner.map((k) => k.name).join(', '),
    workModes: p.workModes.map((m) => t(`matching.workMode.${m}`)).join(', '),
    about: p.about,
    sharedUntil: formatDate(p.sharedUntil, lang),
    swedishNames: lang === 'en',
  };
}
