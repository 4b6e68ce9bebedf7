/**
 * The questionnaire, versioned. A round records the version it was opened with, and a version is
 * never changed once stored (table `questionnaires`). Question codes are stable across versions, so
 * that rounds compare; a new question goes into a new version and breaks no old round. Labels live
 * in the message catalogues under `survey.q.<code>` and `survey.option.<code>.<value>`; a question
 * that a later version words anew says so with `wording: N`, and its texts are then under
 * `survey.vN.q.<code>` and `survey.vN.option.<code>.<value>` (the earlier rounds keep theirs).
 *
 * A question's `meaning` says what its answer measures; it is the question's code unless the
 * question says otherwise. Two rounds' answers to a question are compared only where the meaning is
 * the same in both versions (issue 18: version 2's headcount counts the people to recruit or train,
 * where version 1's could be read as the staff the organisation has): docs/decisions/0027-questionnaire-v2.md.
 */
export const OBSTACLES = [
  'few-applicants',
  'skills-mismatch',
  'experience',
  'salary-competition',
  'location',
  'housing',
  'partner-work',
  'education-missing',
  'language',
  'other',
] as const;

export const PROVIDER_INTEREST = ['yes', 'maybe', 'no'] as const;
export const HORIZONS = ['0-1', '1-3', '3-5'] as const;
/** Every strategy code any version has offered; a stored answer keeps its codes. */
export const STRATEGIES = [
  'recruit-local',
  'recruit-outside',
  'relocation-family',
  'train-staff',
  'remote',
  'consultants',
] as const;
/**
 * Version 2's strategies: "a partner also needs work" is no way of meeting a need but a condition
 * of the recruitment, asked as its own question (`partnerNeedsWork`).
 */
export const STRATEGIES_V2 = ['recruit-local', 'recruit-outside', 'train-staff', 'remote', 'consultants'] as const;
export const PLACEMENT_KINDS = ['praktik', 'lia', 'exjobb', 'trainee'] as const;
/** Version 3 on: where the post's work is done (decision 0035). */
export const WORK_PLACES = ['on-site', 'hybrid', 'remote'] as const;
/** Version 3 on: full-time or part-time. */
export const EXTENTS = ['full-time', 'part-time'] as const;

export type Horizon = (typeof HORIZONS)[number];
export type Strategy = (typeof STRATEGIES)[number];
export type PlacementKind = (typeof PLACEMENT_KINDS)[number];
export type WorkPlace = (typeof WORK_PLACES)[number];
export type Extent = (typeof EXTENTS)[number];

export interface Question {
  code: string;
  type: string;
  required?: boolean;
  options?: readonly string[];
  /** What the answer measures, where it is not the code (see above). */
  meaning?: string;
  /** The version whose texts the question is shown with, where it is not version 1's. */
  wording?: number;
  [detail: string]: unknown;
}

export interface Questionnaire {
  version: number;
  organisation: readonly Question[];
  need: readonly Question[];
}

export const CURRENT_QUESTIONNAIRE_VERSION = 3;

const ORGANISATION_QUESTIONS: readonly Question[] = [
  { code: 'employeesNow', type: 'integer', min: 0, max: 1_000_000 },
  { code: 'expectedChange1y', type: 'integer', min: -1_000_000, max: 1_000_000 },
  { code: 'expectedChange3y', type: 'integer', min: -1_000_000, max: 1_000_000 },
  { code: 'obstacles', type: 'choices', options: OBSTACLES, max: 3 },
  { code: 'obstaclesOther', type: 'text', maxLength: 500 },
  { code: 'providerInterest', type: 'choice', options: PROVIDER_INTEREST },
  { code: 'contactConsent', type: 'boolean' },
];

const NEED_V2: readonly Question[] = [
  { code: 'occupationId', type: 'concept', scheme: 'jobtech-ssyk-level-4', required: true },
  { code: 'skillIds', type: 'concepts', scheme: 'jobtech-skill' },
  { code: 'specialisations', type: 'specialisations', required: true },
  {
    code: 'headcount',
    type: 'integer',
    min: 1,
    max: 10_000,
    required: true,
    meaning: 'people-to-recruit-or-train',
    wording: 2,
  },
  { code: 'horizon', type: 'choice', options: HORIZONS, required: true },
  { code: 'educationLevel', type: 'education-level', required: true },
  { code: 'difficulty', type: 'integer', min: 1, max: 5, required: true },
  { code: 'strategies', type: 'choices', options: STRATEGIES_V2, wording: 2 },
  { code: 'partnerNeedsWork', type: 'boolean', meaning: 'relocation-family' },
  { code: 'placementOffer', type: 'placement-offer', kinds: PLACEMENT_KINDS },
  { code: 'comment', type: 'text', maxLength: 1000 },
];

/** Version 3's need questions on top of version 2's: the post's work form (decision 0035). */
const WORK_FORM_QUESTIONS: readonly Question[] = [
  { code: 'workPlace', type: 'choice', options: WORK_PLACES },
  { code: 'extent', type: 'choice', options: EXTENTS },
  { code: 'openToSharing', type: 'boolean', meaning: 'consent-to-introduce' },
];

/** `questions` with `added` after the question `after`, which must be there. */
function inserted(questions: readonly Question[], after: string, added: readonly Question[]): readonly Question[] {
  const at = questions.findIndex((q) => q.code === after);
  if (at < 0) throw new Error(`no question ${after} to add after`);
  return [...questions.slice(0, at + 1), ...added, ...questions.slice(at + 1)];
}

export const QUESTIONNAIRES: Record<number, Questionnaire> = {
  1: {
    version: 1,
    organisation: ORGANISATION_QUESTIONS,
    need: [
      { code: 'occupationId', type: 'concept', scheme: 'jobtech-ssyk-level-4', required: true },
      { code: 'skillIds', type: 'concepts', scheme: 'jobtech-skill' },
      { code: 'specialisations', type: 'specialisations', required: true },
      { code: 'headcount', type: 'integer', min: 1, max: 10_000, required: true },
      { code: 'horizon', type: 'choice', options: HORIZONS, required: true },
      { code: 'educationLevel', type: 'education-level', required: true },
      { code: 'difficulty', type: 'integer', min: 1, max: 5, required: true },
      { code: 'strategies', type: 'choices', options: STRATEGIES },
      { code: 'placementOffer', type: 'placement-offer', kinds: PLACEMENT_KINDS },
      { code: 'comment', type: 'text', maxLength: 1000 },
    ],
  },
  // One thing per question (issue 18). Written to the table by migrations/0017_questionnaire_v2.sql,
  // which must hold exactly this definition (test/node/surveys.questionnaire-v2.test.ts checks it).
  2: { version: 2, organisation: ORGANISATION_QUESTIONS, need: NEED_V2 },
  // Flexible posts (issue 19): version 2's questions with the post's work form after the
  // recruitment's condition (docs/decisions/0035). Written by migrations/0024_flexible_posts.sql,
  // which must hold exactly this definition.
  3: {
    version: 3,
    organisation: ORGANISATION_QUESTIONS,
    need: inserted(NEED_V2, 'partnerNeedsWork', WORK_FORM_QUESTIONS),
  },
};

/** A round's questionnaire; a version this code does not know is a programming error. */
export function questionnaireOf(version: number): Questionnaire {
  const found = QUESTIONNAIRES[version];
  if (!found) throw new Error(`unknown questionnaire version ${version}`);
  return found;
}

export const needQuestion = (q: Questionnaire, code: string): Question | undefined =>
  q.need.find((question) => question.code === code);

export const meaningOf = (question: Question): string => question.meaning ?? question.code;

/** The catalogue key of a question's text: `label` (survey.q.<code>) or `hint` (….hint). */
export function questionKey(question: Question, part: 'label' | 'hint' = 'label'): string {
  const prefix = question.wording && question.wording > 1 ? `survey.v${question.wording}.` : 'survey.';
  return `${prefix}q.${question.code}${part === 'hint' ? '.hint' : ''}`;
}

/** The catalogue key of one of a question's options. */
export function optionKey(question: Question, value: string): string {
  const prefix = question.wording && question.wording > 1 ? `survey.v${question.wording}.` : 'survey.';
  return `${prefix}option.${question.code}.${value}`;
}

/** Whether a version asks the post's work form: work place, extent, open to sharing (version 3 on). */
export const asksWorkForm = (q: Questionnaire): boolean => needQuestion(q, 'workPlace') !== undefined;

/** Whether a version asks the recruitment's condition as its own question (version 2 on). */
export const asksPartnerNeedsWork = (q: Questionnaire): boolean => needQuestion(q, 'partnerNeedsWork') !== undefined;
