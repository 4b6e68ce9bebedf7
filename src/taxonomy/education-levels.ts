/**
 * The education levels a need is stated in, grouped from SUN 2020 two-digit levels
 * (data/reference/sun2020_levels.csv). The grouping follows the survey's wording in issue 4:
 * upper secondary; post-secondary under two years (where most YH programmes sit); bachelor
 * (post-secondary 2–3 years); master (4 years or more); doctoral (research education).
 */
export const EDUCATION_LEVELS = [
  { code: 'upper-secondary', sunLevels: ['31', '32', '33'] },
  { code: 'post-secondary-short', sunLevels: ['41'] },
  { code: 'bachelor', sunLevels: ['52', '53'] },
  { code: 'master', sunLevels: ['54', '55'] },
  { code: 'doctoral', sunLevels: ['60', '62', '64'] },
] as const;

export type EducationLevelCode = (typeof EDUCATION_LEVELS)[number]['code'];
export const EDUCATION_LEVEL_CODES = EDUCATION_LEVELS.map((level) => level.code) as [
  EducationLevelCode,
  ...EducationLevelCode[],
];
