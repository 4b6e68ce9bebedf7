/**
 * The questionnaire, versioned. A round records the version it was opened with, and a version is
 * never changed once stored (table `questionnaires`). Question codes are stable across versions, so
 * that rounds compare; a new question goes into a new version and breaks no old round. Labels live
 * in the message catalogues under `survey.q.<code>` and `survey.option.<code>.<value>`.
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
export const STRATEGIES = [
  'recruit-local',
  'recruit-outside',
  'relocation-family',
  'train-staff',
  'remote',
  'consultants',
] as const;
export const PLACEMENT_KINDS = ['praktik', 'lia', 'exjobb', 'trainee'] as const;

export type Horizon = (typeof HORIZONS)[number];
export type Strategy = (typeof STRATEGIES)[number];
export type PlacementKind = (typeof PLACEMENT_KINDS)[number];

export const CURRENT_QUESTIONNAIRE_VERSION = 1;

export const QUESTIONNAIRES: Record<number, unknown> = {
  1: {
    version: 1,
    organisation: [
      { code: 'employeesNow', type: 'integer', min: 0, max: 1_000_000 },
      { code: 'expectedChange1y', type: 'integer', min: -1_000_000, max: 1_000_000 },
      { code: 'expectedChange3y', type: 'integer', min: -1_000_000, max: 1_000_000 },
      { code: 'obstacles', type: 'choices', options: OBSTACLES, max: 3 },
      { code: 'obstaclesOther', type: 'text', maxLength: 500 },
      { code: 'providerInterest', type: 'choice', options: PROVIDER_INTEREST },
      { code: 'contactConsent', type: 'boolean' },
    ],
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
};
