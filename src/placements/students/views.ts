import type { FieldError } from '../../http/errors.ts';
import { type Language, type Translate, translator } from '../../i18n/i18n.ts';
import { EDUCATION_LEVELS, type NamedText, nameInMessage, occupationName, swedishName } from '../../taxonomy/index.ts';
import type { Recommendation } from './recommend.ts';
import type { StudentProfile } from './service.ts';

/**
 * What the student pages show of a profile and a ranked list: the education level as the survey
 * groups it, the graduation month as two selects, and each placement's reasons as a short list.
 * The API keeps its own shapes (SUN code, "YYYY-MM", `score`, `matchedOn`, `reason`).
 */

/**
 * The education level: the survey's groups (src/taxonomy/education-levels.ts, with its labels) as
 * option groups, the SUN 2020 levels each covers inside, since the profile stores a SUN level. A
 * stored level outside the groups (the API accepts any SUN level) stays offered, by its code.
 */
export function levelChoice(t: Translate, selected: string | undefined, lang: Language = 'sv') {
  // SUN 2020 names its levels in Swedish only (data/reference/sun2020_levels.csv): an English page
  // shows them so, marked lang="sv", under the groups' English labels.
  const sun = translator('sv');
  const grouped = EDUCATION_LEVELS.some((g) => (g.sunLevels as readonly string[]).includes(selected ?? ''));
  return {
    options: [
      { value: '', label: t('profile.level.choose'), selected: !selected },
      ...(selected && !grouped ? [{ value: selected, label: selected, selected: true }] : []),
    ],
    groups: EDUCATION_LEVELS.map((g) => ({
      label: t(`educationLevel.${g.code}`),
      options: g.sunLevels.map((code) => ({
        value: code,
        label: sun(`sunLevel.${code}`),
        selected: code === selected,
        ...(lang === 'en' ? { lang: 'sv' as const } : {}),
      })),
    })),
  };
}

const MONTH = /^(0[1-9]|1[0-2])$/;
const YEAR = /^\d{4}$/;

/** The form's graduation fields of a stored "YYYY-MM". */
export function graduationFields(expectedGraduation: string | null) {
  const [year = '', month = ''] = expectedGraduation?.split('-') ?? [];
  return { expectedGraduationMonth: month, expectedGraduationYear: year };
}

/** "YYYY-MM" of the posted month and year, or null when either is missing or not one of the choices. */
export function graduationOf(posted: Record<string, string | undefined>): string | null {
  const month = posted.expectedGraduationMonth ?? '';
  const year = posted.expectedGraduationYear ?? '';
  return MONTH.test(month) && YEAR.test(year) ? `${year}-${month}` : null;
}

/** The years a student may choose: from last year to six years ahead (issue 18), as numbers. */
export function graduationYears(today: string): { from: number; to: number } {
  const year = Number(today.slice(0, 4));
  return { from: year - 1, to: year + 6 };
}

/**
 * What is wrong with the posted month and year, on the field to correct. Both empty is no answer,
 * which is allowed; one without the other, a month not in the list or a year outside the range
 * is not. The year already stored is accepted as it is, so that an older profile still saves.
 */
export function graduationErrors(
  t: Translate,
  posted: Record<string, string | undefined>,
  years: { from: number; to: number },
  storedYear: string | undefined,
): FieldError[] {
  const month = posted.expectedGraduationMonth ?? '';
  const year = posted.expectedGraduationYear ?? '';
  const errors: FieldError[] = [];
  if (month && !MONTH.test(month))
    errors.push({ path: 'expectedGraduationMonth', message: t('profile.validation.graduationMonthList') });
  else if (!month && year)
    errors.push({ path: 'expectedGraduationMonth', message: t('profile.validation.graduationMonth') });
  const inRange = YEAR.test(year) && Number(year) >= years.from && Number(year) <= years.to;
  if (year && !inRange && year !== storedYear)
    errors.push({ path: 'expectedGraduationYear', message: t('profile.validation.graduationYearRange', years) });
  else if (!year && month)
    errors.push({ path: 'expectedGraduationYear', message: t('profile.validation.graduationYear') });
  return errors;
}

/** Month names as the reader's language writes them, formatted once. */
const monthNames: Record<Language, string[]> = {
  sv: monthsIn('sv-SE'),
  en: monthsIn('en-GB'),
};

function monthsIn(locale: string): string[] {
  const format = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => format.format(new Date(Date.UTC(2000, i, 15))));
}

/** The two selects' options, the chosen ones selected; a posted year outside the range stays shown. */
export function graduationChoice(
  t: Translate,
  lang: Language,
  years: { from: number; to: number },
  chosen: { month: string; year: string },
) {
  const yearValues = Array.from({ length: years.to - years.from + 1 }, (_, i) => String(years.from + i));
  if (YEAR.test(chosen.year) && !yearValues.includes(chosen.year)) yearValues.push(chosen.year);
  yearValues.sort();
  return {
    months: [
      { value: '', label: t('profile.graduation.chooseMonth'), selected: !chosen.month },
      ...monthNames[lang].map((name, i) => {
        const value = String(i + 1).padStart(2, '0');
        return { value, label: name, selected: value === chosen.month };
      }),
    ],
    years: [
      { value: '', label: t('profile.graduation.chooseYear'), selected: !chosen.year },
      ...yearValues.map((value) => ({ value, label: value, selected: value === chosen.year })),
    ],
  };
}

/** The profile's wishes a placement can meet: the ones the student has stated. */
function statedWishes(p: StudentProfile): number {
  return [
    p.skillIds.length > 0,
    p.occupationIds.length > 0,
    p.specialisations.length > 0,
    p.municipalityCodes.length > 0 || p.remoteOk,
    p.expectedGraduation !== null,
    p.level !== null,
  ].filter(Boolean).length;
}

const upperFirst = (text: string) => text.charAt(0).toLocaleUpperCase('sv') + text.slice(1);

/**
 * One placement's reasons as a list the student reads (the matched occupation, skills, area,
 * place, period and level, then the region's demand), and how many of the profile's stated wishes
 * it meets: the page shows that instead of the unexplained score.
 */
export function recommendationView(
  t: Translate,
  lang: Language,
  r: Recommendation,
  profile: StudentProfile,
  demandReason: string | null,
) {
  const reasons: NamedText[] = [];
  const plain = (text: string) => reasons.push({ before: text });
  const occupation = occupationName({ labelSv: r.placement.occupationLabel, labelEn: r.occupationEn ?? null }, lang);
  if (r.occupation) reasons.push(nameInMessage(t, 'recommended.reason.occupation', 'occupation', occupation));
  // JobTech names skills in Swedish only.
  if (r.skills.length)
    reasons.push(nameInMessage(t, 'recommended.reason.skills', 'skills', swedishName(r.skills.join(', '), lang)));
  for (const s of r.specialisations) plain(t('recommended.reason.specialisation', { name: s[lang] }));
  if (r.location?.kind === 'municipality') plain(t('recommended.reason.municipality', { name: r.location.name }));
  if (r.location?.kind === 'remote') plain(t('recommended.reason.remote'));
  if (r.period) plain(t('recommended.reason.period'));
  if (r.level) plain(t('recommended.reason.level'));
  const matched = [
    r.skills.length > 0,
    r.occupation !== null,
    r.specialisations.length > 0,
    r.location !== null,
    r.period,
    r.level,
  ].filter(Boolean).length;
  const total = Math.max(matched, statedWishes(profile));
  return {
    ...r.placement,
    matches: t('recommended.matches', { matched, total }),
    reasons,
    demand: demandReason ? upperFirst(demandReason) : null,
    demandLink: r.demandLink,
    occupation,
  };
}
