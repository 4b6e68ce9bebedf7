import { z } from 'zod';
import { cursorSchema, limitSchema } from '../http/pagination.ts';
import { orgNumberSchema } from './org-number.ts';

/**
 * One set of schemas for the JSON API, the forms and the CSV import (STYLE.md §6). Messages that
 * are catalogue keys reach people in their language through describeIssues.
 */
export const SECTORS = ['naringsliv', 'offentlig', 'akademi', 'civilsamhalle'] as const;
export const SIZE_CLASSES = ['0', '1-9', '10-49', '50-249', '250+'] as const;
export type Sector = (typeof SECTORS)[number];
export type SizeClass = (typeof SIZE_CLASSES)[number];

/** Codes that must exist in the reference tables; given, the schema checks them too. */
export interface ReferenceSets {
  sniDivisions: ReadonlySet<string>;
  municipalities: ReadonlySet<string>;
}

function fields(ref?: ReferenceSets) {
  const sniDivision = z
    .string({ error: 'validation.sniDivision.format' })
    .trim()
    .regex(/^\d{2}$/, { error: 'validation.sniDivision.format' })
    .describe('SNI 2007 division (two digits, e.g. 62)');
  const municipalityCode = z
    .string({ error: 'validation.municipalityCode.format' })
    .trim()
    .regex(/^\d{4}$/, { error: 'validation.municipalityCode.format' })
    .describe('Municipality (kommun) code, four digits, e.g. 1080 for Karlskrona');
  return {
    name: z
      .string({ error: 'validation.organisationName.required' })
      .trim()
      .min(1, { error: 'validation.organisationName.required' })
      .max(200, { error: 'validation.organisationName.tooLong' }),
    orgNumber: orgNumberSchema,
    sector: z.enum(SECTORS, { error: 'validation.sector.invalid' }),
    sniDivision: ref
      ? sniDivision.refine((code) => ref.sniDivisions.has(code), { error: 'validation.sniDivision.unknown' })
      : sniDivision,
    sizeClass: z.enum(SIZE_CLASSES, { error: 'validation.sizeClass.invalid' }),
    municipalityCode: ref
      ? municipalityCode.refine((code) => ref.municipalities.has(code), {
          error: 'validation.municipalityCode.unknown',
        })
      : municipalityCode,
    isEducationProvider: z.boolean({ error: 'validation.isEducationProvider.invalid' }).default(false),
  };
}

/** POST /api/v1/organisations; with `ref`, unknown SNI divisions and municipalities are refused too. */
export const organisationCreateSchema = (ref?: ReferenceSets) => z.object(fields(ref));

/** PATCH: any of the fields, and the version the change was made from (optimistic concurrency). */
export const organisationPatchSchema = (ref?: ReferenceSets) => {
  const f = fields(ref);
  return z.object({
    name: f.name.optional(),
    orgNumber: f.orgNumber.optional(),
    sector: f.sector.optional(),
    sniDivision: f.sniDivision.optional(),
    sizeClass: f.sizeClass.optional(),
    municipalityCode: f.municipalityCode.optional(),
    isEducationProvider: z.boolean({ error: 'validation.isEducationProvider.invalid' }).optional(),
    version: z.coerce
      .number({ error: 'validation.version.required' })
      .int({ error: 'validation.version.required' })
      .min(1, { error: 'validation.version.required' })
      .describe('The version you read; a stale one gets 409 and nothing changes'),
  });
};

export type OrganisationCreate = z.infer<ReturnType<typeof organisationCreateSchema>>;
export type OrganisationPatch = z.infer<ReturnType<typeof organisationPatchSchema>>;

export const organisationIdParams = z.object({ id: z.string().min(1).max(64) });

export const organisationListQuery = z.object({
  q: z.string().trim().max(100).optional().describe('Words in the name, or an org number'),
  municipality: z
    .string()
    .regex(/^\d{4}$/, { error: 'validation.municipalityCode.format' })
    .optional()
    .describe('Municipality code'),
  sector: z.enum(SECTORS, { error: 'validation.sector.invalid' }).optional(),
  limit: limitSchema(200, 50),
  cursor: cursorSchema.optional(),
});
export type OrganisationListQuery = z.infer<typeof organisationListQuery>;

export const organisationSchema = z.object({
  id: z.string(),
  name: z.string(),
  orgNumber: z.string(),
  sector: z.enum(SECTORS),
  sniDivision: z.string().nullable(),
  sizeClass: z.enum(SIZE_CLASSES),
  municipalityCode: z.string(),
  municipalityName: z.string(),
  isEducationProvider: z.boolean(),
  isDemo: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const organisationList = z.object({ items: z.array(organisationSchema), nextCursor: z.string().nullable() });

export const memberList = z.object({
  items: z.array(
    z.object({ userId: z.string(), name: z.string(), email: z.string(), role: z.enum(['member', 'provider']) }),
  ),
  nextCursor: z.null(),
});

export const MEMBERSHIP_ROLES = ['member', 'provider'] as const;

export const invitationCreateSchema = z.object({
  email: z
    .string({ error: 'validation.inviteeEmail.required' })
    .trim()
    .min(1, { error: 'validation.inviteeEmail.required' })
    .max(254, { error: 'validation.email.invalid' })
    .pipe(z.email({ error: 'validation.email.invalid' }))
    .transform((email) => email.toLowerCase()),
  role: z
    .enum(MEMBERSHIP_ROLES, { error: 'validation.invitationRole.invalid' })
    .default('member')
    .describe('member: acts for the organisation; provider: education-provider staff'),
});
export type InvitationCreate = z.infer<typeof invitationCreateSchema>;

/**
 * A contact person in a row of the organisations CSV (the optional columns contactName,
 * contactEmail, contactRole), checked only when one of them is filled in: the address as an
 * invitation takes it, the role member unless it says provider, and the name, when left out, the
 * address's local part (as for a person who accepts an invitation).
 */
export const importContactSchema = z
  .object({
    contactName: z.string().trim().max(200, { error: 'validation.contactName.tooLong' }),
    contactEmail: z
      .string({ error: 'validation.contactEmail.required' })
      .trim()
      .min(1, { error: 'validation.contactEmail.required' })
      .max(254, { error: 'validation.email.invalid' })
      .pipe(z.email({ error: 'validation.email.invalid' }))
      .transform((email) => email.toLowerCase()),
    contactRole: z
      .string()
      .trim()
      .toLowerCase()
      .transform((role) => role || 'member')
      .pipe(z.enum(MEMBERSHIP_ROLES, { error: 'validation.invitationRole.invalid' })),
  })
  .transform((c) => ({
    name: c.contactName || (c.contactEmail.split('@')[0] ?? c.contactEmail),
    email: c.contactEmail,
    role: c.contactRole,
  }));
export type ImportContact = z.infer<typeof importContactSchema>;

export const invitationParams = z.object({ id: z.string().min(1).max(64), invitationId: z.string().min(1).max(64) });

export const invitationSchema = z.object({
  id: z.string(),
  organisationId: z.string(),
  email: z.string(),
  role: z.enum(MEMBERSHIP_ROLES),
  invitedBy: z.string().nullable(),
  invitedByName: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export const invitationList = z.object({ items: z.array(invitationSchema), nextCursor: z.null() });
