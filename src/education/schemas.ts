import { z } from 'zod';
import { cursorSchema, limitSchema } from '../http/pagination.ts';

/**
 * One set of schemas for the offerings API, the forms and the CSV import (STYLE.md §6). Formats
 * are checked here; that the codes exist is checked against the reference tables in
 * references.ts, with errors that name the bad id's path.
 */
export const OFFERING_FORMS = [
  'university-programme',
  'university-course',
  'yh',
  'komvux',
  'contract',
  'upper-secondary-vocational',
] as const;
export type OfferingForm = (typeof OFFERING_FORMS)[number];
export const OFFERING_LANGUAGES = ['sv', 'en', 'sv-en', 'other'] as const;

const id = z.string().trim().min(1).max(64);
/** One to three digits and an optional letter: the shapes SUN 2020's field codes take. */
export const SUN_FIELD_SHAPE = /^\d{1,3}[a-z]?$/;

function fields() {
  return {
    name: z
      .string({ error: 'education.validation.name' })
      .trim()
      .min(1, { error: 'education.validation.name' })
      .max(200, { error: 'education.validation.nameLong' }),
    providerId: z.string({ error: 'education.validation.provider' }).trim().min(1, {
      error: 'education.validation.provider',
    }),
    form: z.enum(OFFERING_FORMS, { error: 'education.validation.form' }),
    sunLevel: z
      .string({ error: 'education.validation.sunLevel' })
      .trim()
      .regex(/^\d{2}$/, { error: 'education.validation.sunLevel' })
      .describe('SUN 2020 level, two digits, e.g. 41 (post-secondary, under 2 years)'),
    // Any level of SUN 2020's field codes (4, 48, 481, 840c): whether the code exists is checked
    // against the reference table (references.ts), so the shape here only keeps junk out.
    sunField: z
      .string({ error: 'education.validation.sunField' })
      .trim()
      .toLowerCase()
      .regex(SUN_FIELD_SHAPE, { error: 'education.validation.sunField' })
      .describe(
        'SUN 2020 field of education (inriktning), any level in the reference data: 1 to 3 digits or a 4-position code, e.g. 481 or 840c',
      ),
    occupationIds: z
      .array(id, { error: 'education.validation.occupations' })
      .max(30, { error: 'education.validation.tooMany' })
      .describe('JobTech occupation-group ids the offering prepares for'),
    skillIds: z
      .array(id, { error: 'education.validation.skills' })
      .max(100, { error: 'education.validation.tooMany' })
      .describe('JobTech skill ids the offering teaches'),
    annualPlaces: z.coerce
      .number({ error: 'education.validation.places' })
      .int({ error: 'education.validation.places' })
      .min(0, { error: 'education.validation.places' })
      .max(100_000, { error: 'education.validation.places' }),
    annualGraduates: z.coerce
      .number({ error: 'education.validation.graduates' })
      .int({ error: 'education.validation.graduates' })
      .min(0, { error: 'education.validation.graduates' })
      .max(100_000, { error: 'education.validation.graduates' })
      .describe('Expected graduates a year: the supply side of the gap analysis'),
    municipalityCode: z
      .string({ error: 'education.validation.municipality' })
      .trim()
      .regex(/^\d{4}$/, { error: 'education.validation.municipality' })
      .nullable()
      .describe('Where it is given (kommun code); null for distance only'),
    distance: z.boolean({ error: 'education.validation.distance' }),
    language: z.enum(OFFERING_LANGUAGES, { error: 'education.validation.language' }),
    pace: z.coerce
      .number({ error: 'education.validation.pace' })
      .int({ error: 'education.validation.pace' })
      .min(1, { error: 'education.validation.pace' })
      .max(100, { error: 'education.validation.pace' })
      .describe('Study pace in per cent of full time'),
    startDates: z
      .array(
        z
          .string({ error: 'education.validation.startDate' })
          .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'education.validation.startDate' })
          .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), { error: 'education.validation.startDate' }),
      )
      .max(20, { error: 'education.validation.tooMany' })
      .describe('Next start dates (YYYY-MM-DD)'),
    url: z
      .string({ error: 'education.validation.url' })
      .trim()
      .max(500, { error: 'education.validation.url' })
      .regex(/^https?:\/\/\S+$/, { error: 'education.validation.url' })
      .nullable(),
    description: z.string().trim().max(2000, { error: 'education.validation.description' }).nullable(),
  };
}

const placeGiven = (o: { municipalityCode?: string | null | undefined; distance?: boolean | undefined }) =>
  o.municipalityCode !== null || o.distance === true;

export const offeringCreateSchema = (() => {
  const f = fields();
  return z
    .object({
      ...f,
      occupationIds: f.occupationIds.default([]),
      skillIds: f.skillIds.default([]),
      municipalityCode: f.municipalityCode.default(null),
      distance: f.distance.default(false),
      language: f.language.default('sv'),
      pace: f.pace.default(100),
      startDates: f.startDates.default([]),
      url: f.url.default(null),
      description: f.description.default(null),
    })
    .refine(placeGiven, { error: 'education.validation.place', path: ['municipalityCode'] });
})();
export type OfferingCreate = z.infer<typeof offeringCreateSchema>;

/** PATCH: any of the fields (absent ones stay as they are) and the version the change was made from. */
export const offeringPatchSchema = z
  .object(fields())
  .partial()
  .extend({
    version: z.coerce
      .number({ error: 'validation.version.required' })
      .int({ error: 'validation.version.required' })
      .min(1, { error: 'validation.version.required' })
      .describe('The version you read; a stale one gets 409 and nothing changes'),
  });
export type OfferingPatch = z.infer<typeof offeringPatchSchema>;

export const offeringIdParams = z.object({ id: z.string().min(1).max(64) });

export const offeringListQuery = z.object({
  q: z.string().trim().max(100).optional().describe('Words in the name'),
  provider: z.string().max(64).optional().describe('Provider organisation id'),
  occupation: z.string().max(64).optional().describe('JobTech occupation-group id'),
  municipality: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
  form: z.enum(OFFERING_FORMS).optional(),
  limit: limitSchema(500, 50),
  cursor: cursorSchema.optional(),
});
export type OfferingListQuery = z.infer<typeof offeringListQuery>;

const concept = z.object({ id: z.string(), label: z.string(), ssyk: z.string().nullable().optional() });

export const offeringSchema = z.object({
  id: z.string(),
  name: z.string(),
  providerId: z.string(),
  providerName: z.string(),
  form: z.enum(OFFERING_FORMS),
  sunLevel: z.string(),
  sunLevelName: z.string(),
  sunField: z.string(),
  sunFieldName: z.string(),
  occupationIds: z.array(z.string()),
  skillIds: z.array(z.string()),
  occupations: z.array(concept),
  skills: z.array(concept),
  annualPlaces: z.number().int(),
  annualGraduates: z.number().int(),
  municipalityCode: z.string().nullable(),
  municipalityName: z.string().nullable(),
  distance: z.boolean(),
  language: z.enum(OFFERING_LANGUAGES),
  pace: z.number().int(),
  startDates: z.array(z.string()),
  url: z.string().nullable(),
  description: z.string().nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Offering = z.infer<typeof offeringSchema>;
export const offeringList = z.object({ items: z.array(offeringSchema), nextCursor: z.string().nullable() });
