import { z } from 'zod';
import { requiredField } from '../http/validation.ts';
import { EDUCATION_LEVEL_CODES } from '../taxonomy/index.ts';
import {
  EXTENTS,
  HORIZONS,
  OBSTACLES,
  PLACEMENT_KINDS,
  PROVIDER_INTEREST,
  STRATEGIES,
  WORK_PLACES,
} from './questionnaire.ts';

/**
 * A response as people edit it. Drafts may be incomplete (saved as people type), but every value
 * that is given must be valid; a submission needs every required field (see `submittable`).
 * Messages are catalogue keys, shown in the reader's language.
 */
const conceptId = z.string().trim().min(1).max(32);
const count = (min: number, max: number, key: string) =>
  z
    .number({ error: `validation.survey.${key}` })
    .int({ error: `validation.survey.${key}` })
    .min(min, { error: `validation.survey.${key}` })
    .max(max, { error: `validation.survey.${key}` });

const organisationShape = {
  employeesNow: count(0, 1_000_000, 'employees').nullable().optional(),
  expectedChange1y: count(-1_000_000, 1_000_000, 'change').nullable().optional(),
  expectedChange3y: count(-1_000_000, 1_000_000, 'change').nullable().optional(),
  obstacles: z
    .array(z.enum(OBSTACLES, { error: 'validation.survey.obstacle' }))
    .max(3, { error: 'validation.survey.obstaclesMax' })
    .refine((list) => new Set(list).size === list.length, { error: 'validation.survey.duplicate' })
    .optional(),
  obstaclesOther: z.string().trim().max(500, { error: 'validation.survey.textTooLong' }).optional(),
  providerInterest: z.enum(PROVIDER_INTEREST, { error: 'validation.survey.providerInterest' }).nullable().optional(),
  contactConsent: z.boolean({ error: 'validation.survey.boolean' }).optional(),
};
export const organisationAnswers = z.strictObject(organisationShape);

export const specialisationChoice = z
  .object({
    code: z.string().trim().min(1).max(60),
    focusAreas: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  })
  .strict();

export const placementOffer = z
  .object({
    kinds: z
      .array(z.enum(PLACEMENT_KINDS, { error: 'validation.survey.placementKind' }))
      .min(1, { error: 'validation.survey.placementKind' }),
    count: count(1, 1000, 'placementCount'),
  })
  .strict();

export const draftNeed = z
  .object({
    occupationId: conceptId.nullable().optional(),
    skillIds: z.array(conceptId).max(50, { error: 'validation.survey.tooManySkills' }).default([]),
    specialisations: z.array(specialisationChoice).max(10).default([]),
    headcount: count(1, 10_000, 'headcount').nullable().optional(),
    horizon: z.enum(HORIZONS, { error: 'validation.survey.horizon' }).nullable().optional(),
    educationLevel: z.enum(EDUCATION_LEVEL_CODES, { error: 'validation.survey.educationLevel' }).nullable().optional(),
    difficulty: count(1, 5, 'difficulty').nullable().optional(),
    strategies: z
      .array(z.enum(STRATEGIES, { error: 'validation.survey.strategy' }))
      .max(STRATEGIES.length)
      .default([]),
    /**
     * Version 2 on: does a partner moving with the recruit also need work in the region (null: not
     * answered)? In a version 1 round the same fact is the strategy `relocation-family`
     * (questionnaire-answers.ts).
     */
    partnerNeedsWork: z
      .boolean({ error: 'validation.survey.partnerNeedsWork' })
      .nullable()
      .optional()
      .describe(
        'questionnaire version 2 on: a partner moving with the recruit also needs work in the region (null: not answered); a version 1 round stores it as the strategy relocation-family',
      ),
    // Questionnaire version 3 on: the post's work form (decision 0035); a round of an earlier version
    // does not ask it and stores none of it (questionnaire-answers.ts).
    workPlace: z
      .enum(WORK_PLACES, { error: 'validation.survey.workPlace' })
      .nullable()
      .optional()
      .describe('questionnaire version 3 on: where the work is done, on-site, hybrid or remote (null: not answered)'),
    extent: z
      .enum(EXTENTS, { error: 'validation.survey.extent' })
      .nullable()
      .optional()
      .describe('questionnaire version 3 on: full-time or part-time (null: not answered)'),
    openToSharing: z
      .boolean({ error: 'validation.survey.boolean' })
      .optional()
      .describe(
        'questionnaire version 3 on: true when the organisation is open to sharing a post with another organisation, its consent to be introduced to those with a part-time need for the same occupation group (SSYK 4)',
      ),
    placementOffer: placementOffer.nullable().default(null),
    comment: z.string().trim().max(1000, { error: 'validation.survey.textTooLong' }).default(''),
    // A person's decision, not an answer: nothing merges lines by itself (issue 18).
    keepSeparate: z
      .boolean({ error: 'validation.survey.boolean' })
      .optional()
      .describe(
        'true: kept apart from an earlier need with the same occupation and horizon on purpose; the form stops flagging the pair',
      ),
  })
  .strict();

export const MAX_NEEDS = 200;

const needList = (options?: { error: ReturnType<typeof requiredField> }) =>
  z.array(draftNeed, options).max(MAX_NEEDS, { error: 'validation.survey.tooManyNeeds' });

/**
 * A stored document (and the form's, which always carries both parts). Reading stored JSON fills a
 * missing part with its empty value; a request never does (see `saveResponseBody`).
 */
export const responseDocument = z.object({
  organisation: organisationAnswers.default({}),
  needs: needList().default([]),
});

/**
 * PUT replaces the whole draft, so both parts are required: a missing `needs` read as "no needs"
 * would erase what colleagues typed (issue 15). `[]` and `{}` are how a client says "none".
 */
export const saveResponseBody = z.object({
  version: z.number({ error: 'validation.survey.version' }).int().min(0),
  organisation: z.strictObject(organisationShape, { error: requiredField('validation.survey.organisationRequired') }),
  needs: needList({ error: requiredField('validation.survey.needsRequired') }),
});

export type OrganisationAnswers = z.infer<typeof organisationAnswers>;
export type DraftNeed = z.infer<typeof draftNeed>;
export type ResponseDocument = z.infer<typeof responseDocument>;

/** What a submission needs on top of a valid draft: every required field of every need. */
export const submittableNeed = draftNeed.extend({
  occupationId: conceptId,
  headcount: count(1, 10_000, 'headcount'),
  horizon: z.enum(HORIZONS, { error: 'validation.survey.horizon' }),
  educationLevel: z.enum(EDUCATION_LEVEL_CODES, { error: 'validation.survey.educationLevel' }),
  difficulty: count(1, 5, 'difficulty'),
  specialisations: z.array(specialisationChoice).min(1, { error: 'validation.survey.specialisationRequired' }).max(10),
});
export const submittable = z.object({
  organisation: organisationAnswers,
  needs: z.array(submittableNeed).max(MAX_NEEDS),
});
export type SubmittableNeed = z.infer<typeof submittableNeed>;

export const submitBody = z.object({
  submissionId: z
    .string({ error: 'validation.survey.submissionId' })
    .min(8, { error: 'validation.survey.submissionId' })
    .max(100, { error: 'validation.survey.submissionId' })
    .regex(/^[\w-]+$/, { error: 'validation.survey.submissionId' }),
});

const isoInstant = z.iso.datetime({ offset: true, error: 'validation.round.datetime' });

export const roundTarget = z
  .object({
    sectors: z.array(z.enum(['naringsliv', 'offentlig', 'akademi', 'civilsamhalle'])).default([]),
    sizeClasses: z.array(z.enum(['0', '1-9', '10-49', '50-249', '250+'])).default([]),
    municipalities: z.array(z.string().regex(/^\d{4}$/)).default([]),
    sniSections: z.array(z.string().regex(/^[A-U]$/)).default([]),
  })
  .strict();

export const createRoundBody = z
  .object({
    name: z.string().trim().min(1, { error: 'validation.round.name' }).max(200, { error: 'validation.round.name' }),
    period: z.string().trim().max(50).optional(),
    opensAt: isoInstant,
    closesAt: isoInstant,
    target: roundTarget.default({ sectors: [], sizeClasses: [], municipalities: [], sniSections: [] }),
  })
  .refine((round) => new Date(round.closesAt) > new Date(round.opensAt), {
    error: 'validation.round.closesAfterOpens',
    path: ['closesAt'],
  });

export type RoundTarget = z.infer<typeof roundTarget>;
