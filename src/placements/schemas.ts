import { z } from 'zod';
import { cursorSchema, limitSchema } from '../http/pagination.ts';
import { requiredField } from '../http/validation.ts';
import { EDUCATION_LEVEL_CODES } from '../taxonomy/index.ts';

/** Placements (shared/API.md "Placements"): field names are fixed there. */
export const PLACEMENT_KINDS = ['praktik', 'lia', 'exjobb', 'trainee', 'summer', 'student-job'] as const;
export type PlacementKind = (typeof PLACEMENT_KINDS)[number];
export const LANGUAGES = ['sv', 'en', 'sv-en'] as const;
export const APPLICATION_STATUSES = [
  'received',
  'in-dialogue',
  'offered',
  'accepted',
  'declined',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const VISIBILITIES = ['hidden', 'applications', 'organisations'] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'placement.validation.date' });
const id = z.string().trim().min(1).max(40);
const specialisation = z.object({
  code: z.string().trim().min(1).max(40),
  focusAreas: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
});
export type SpecialisationChoice = z.infer<typeof specialisation>;

/** The fields without defaults, for PATCH (a default inside optional would reset an omitted field). */
const placementBase = {
  kind: z.enum(PLACEMENT_KINDS),
  title: z.string().trim().min(3).max(140),
  description: z.string().trim().min(1).max(8000),
  occupationId: id,
  skillIds: z.array(id).max(30),
  specialisations: z.array(specialisation).max(10),
  municipalityCode: z.string().regex(/^\d{4}$/, { error: 'placement.validation.municipality' }),
  remote: z.boolean(),
  periodStart: isoDate,
  periodEnd: isoDate,
  places: z.number().int().min(1).max(1000),
  applyBy: isoDate,
  paid: z.boolean(),
  language: z.enum(LANGUAGES),
  educationLevel: z.enum(EDUCATION_LEVEL_CODES).nullable(),
  requirements: z.string().trim().max(4000),
  contact: z.string().trim().max(400),
};

const placementFields = {
  ...placementBase,
  skillIds: placementBase.skillIds.default([]),
  specialisations: placementBase.specialisations.default([]),
  remote: placementBase.remote.default(false),
  places: placementBase.places.default(1),
  paid: placementBase.paid.default(false),
  language: placementBase.language.default('sv'),
  educationLevel: placementBase.educationLevel.default(null),
  requirements: placementBase.requirements.default(''),
  contact: placementBase.contact.default(''),
};

const periodInOrder = (v: { periodStart?: string; periodEnd?: string }) =>
  !v.periodStart || !v.periodEnd || v.periodStart <= v.periodEnd;

/** With `needRef`, occupation, skills and specialisations default to the need line's. */
export const placementCreateSchema = z
  .object({
    organisationId: id,
    ...placementFields,
    occupationId: id.optional(),
    skillIds: placementBase.skillIds.optional(),
    specialisations: placementBase.specialisations.optional(),
    needRef: z.string().trim().min(1).max(80).nullable().optional(),
  })
  .refine(periodInOrder, { path: ['periodEnd'], error: 'placement.validation.periodOrder' });
export type PlacementCreate = z.infer<typeof placementCreateSchema>;

export const placementPatchSchema = z
  .object({ version: z.number().int().min(1), ...placementBase })
  .partial()
  .required({ version: true })
  .refine(periodInOrder, { path: ['periodEnd'], error: 'placement.validation.periodOrder' });
export type PlacementPatch = z.infer<typeof placementPatchSchema>;

export const placementIdParams = z.object({ id: id });

export const placementListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  kind: z.enum(PLACEMENT_KINDS).optional(),
  municipality: z
    .string()
    .regex(/^\d{4}$/, { error: 'placement.validation.municipality' })
    .optional(),
  occupation: z.string().max(40).optional(),
  specialisation: z.string().max(40).optional(),
  limit: limitSchema(100, 20),
  cursor: cursorSchema.optional(),
});
export type PlacementListQuery = z.infer<typeof placementListQuery>;

export const placementSchema = z.object({
  id: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  kind: z.enum(PLACEMENT_KINDS),
  title: z.string(),
  description: z.string(),
  occupationId: z.string(),
  occupationLabel: z.string(),
  skillIds: z.array(z.string()),
  specialisations: z.array(specialisation),
  municipalityCode: z.string(),
  municipalityName: z.string(),
  remote: z.boolean(),
  periodStart: z.string(),
  periodEnd: z.string(),
  places: z.number(),
  applyBy: z.string(),
  paid: z.boolean(),
  language: z.string(),
  educationLevel: z.string().nullable(),
  requirements: z.string(),
  contact: z.string(),
  needRef: z.string().nullable(),
  status: z.string(),
  open: z.boolean(),
  version: z.number(),
});
export const placementList = z.object({ items: z.array(placementSchema), nextCursor: z.string().nullable() });

/**
 * PUT replaces the whole profile, so every field is required: a missing one is a 422 that names it,
 * never an empty value over what the student saved (issue 15). The page's form sends them all.
 */
const missing = { error: requiredField() };
export const profileSchema = z.object({
  programme: z.string(missing).trim().max(200),
  institution: z.string(missing).trim().max(200),
  level: z
    .string(missing)
    .regex(/^\d{2}$/, { error: 'placement.validation.sunLevel' })
    .nullable(),
  expectedGraduation: z
    .string(missing)
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'placement.validation.graduation' })
    .nullable(),
  skillIds: z.array(id, missing).max(50),
  occupationIds: z.array(id, missing).max(10),
  specialisations: z.array(specialisation, missing).max(10),
  municipalityCodes: z
    .array(z.string().regex(/^\d{4}$/, { error: 'placement.validation.municipality' }), missing)
    .max(20),
  remoteOk: z.boolean(missing),
  languages: z.array(z.string().trim().min(2).max(20), missing).max(10),
  visibility: z.enum(VISIBILITIES, missing),
  version: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('The version you read (0 before the first save); a stale one gets 409. Without it the last save wins'),
});
export type ProfileInput = z.infer<typeof profileSchema>;

export const applicationCreateSchema = z.object({ message: z.string().trim().min(1).max(4000) });
export const applicationPatchSchema = z.object({ status: z.enum(APPLICATION_STATUSES) });
export const applicationIdParams = z.object({ id: id });
export const applicationListQuery = z.object({ organisation: z.string().max(40).optional() });

export const followUpAnswerSchema = z.object({ hired: z.boolean(), stayedInRegion: z.boolean() });

/** A student's profile as the API answers it (every field present; version 0 before the first save). */
export const profileResponse = profileSchema.required().extend({ version: z.number() });

/** The placements' part of the personal-data export (exportPlacementData in privacy.ts; src/privacy composes it). */
export const placementDataExport = z.object({
  studentProfile: profileResponse.nullable(),
  applications: z.array(
    z.object({
      id: z.string(),
      placement: z.string(),
      organisation: z.string(),
      status: z.string(),
      message: z.string(),
      createdAt: z.string(),
      updatedAt: z.string(),
    }),
  ),
  followUps: z.array(
    z.object({
      months: z.number().int(),
      answeredAt: z.string().nullable(),
      hired: z.boolean().nullable(),
      stayedInRegion: z.boolean().nullable(),
    }),
  ),
});
