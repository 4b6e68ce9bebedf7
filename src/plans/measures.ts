/**
 * The strategy's five competence measures, by the codes of data/reference/blekinge-strategy.json
 * (`competence_measures`); names are in the plans message catalogue.
 */
export const COMPETENCE_MEASURES = [
  'inventera',
  'utbildningsdialog',
  'praktik-trainee',
  'rekrytering',
  'handlingsplan',
] as const;
export type CompetenceMeasure = (typeof COMPETENCE_MEASURES)[number];

/**
 * Indicators a measure can follow: each is re-measured, protected, in every later closed round
 * (src/plans/follow-up.ts). Shares are 0–1; the mean difficulty is 1–5. The last two are outcome
 * figures of the households that moved here (decision 0036), for the cohort that moved in the year
 * before the round closed: partners in work after 12 months, households still in the region.
 */
export const INDICATORS = [
  'organisations',
  'headcount',
  'difficulty-mean',
  'recruit-outside-share',
  'relocation-family-share',
  'remote-share',
  'train-staff-share',
  'partners-in-work-12-share',
  'households-stayed-12-share',
] as const;
export type IndicatorCode = (typeof INDICATORS)[number];

/** The indicators measured from the households that moved here (decision 0036), not from a round's answers. */
export const OUTCOME_INDICATORS: readonly IndicatorCode[] = ['partners-in-work-12-share', 'households-stayed-12-share'];

export interface Measure {
  id: string;
  competenceMeasure: CompetenceMeasure;
  title: string;
  owner: string;
  timeline: string;
  indicator: IndicatorCode;
  baseline: number | null;
  target: number | null;
}

/**
 * The measures a new draft proposes: one under each competence measure, with the indicator that
 * shows whether it works. Titles, owners and timelines are message keys, filled in the plan's
 * language at generation; the secretariat edits them.
 */
export const PROPOSED: { competenceMeasure: CompetenceMeasure; indicator: IndicatorCode }[] = [
  { competenceMeasure: 'inventera', indicator: 'organisations' },
  { competenceMeasure: 'utbildningsdialog', indicator: 'difficulty-mean' },
  { competenceMeasure: 'praktik-trainee', indicator: 'train-staff-share' },
  { competenceMeasure: 'rekrytering', indicator: 'recruit-outside-share' },
  { competenceMeasure: 'rekrytering', indicator: 'remote-share' },
  { competenceMeasure: 'handlingsplan', indicator: 'headcount' },
];
