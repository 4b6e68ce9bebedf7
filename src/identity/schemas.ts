import { z } from 'zod';
import { GLOBAL_ROLES, SCOPES } from '../core/principal.ts';

export const emailSchema = z
  .string({ error: 'validation.email.required' })
  .trim()
  .min(1, { error: 'validation.email.required' })
  .max(254, { error: 'validation.email.invalid' })
  .pipe(z.email({ error: 'validation.email.invalid' }))
  .transform((email) => email.toLowerCase());

export const nameSchema = z
  .string({ error: 'validation.name.required' })
  .trim()
  .min(1, { error: 'validation.name.required' })
  .max(120, { error: 'validation.name.tooLong' });

export const signInLinkBody = z.object({ email: emailSchema, next: z.string().max(500).optional() });
export const sessionBody = z.object({
  token: z.string({ error: 'validation.token.required' }).min(10, { error: 'validation.token.required' }).max(4096),
  email: emailSchema.optional(),
});
export const studentBody = z.object({ email: emailSchema, name: nameSchema });
export const renameBody = z.object({ name: nameSchema });

export const meResponse = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.enum(['secretariat', 'member', 'provider', 'student', 'reviewer', 'relocation-guide'])),
  organisations: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(['member', 'provider']) })),
});

export const apiTokenBody = z.object({
  name: z.string().trim().min(1, { error: 'validation.name.required' }).max(100),
  scopes: z.array(z.enum(SCOPES)).min(1, { error: 'validation.scopes.required' }),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const apiTokenResponse = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(SCOPES)),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const idParam = z.object({ id: z.string().min(1).max(100) });

export const roleBody = z.object({ role: z.enum(GLOBAL_ROLES) });
export const roleParams = z.object({
  id: z.string().min(1).max(100),
  role: z.enum(GLOBAL_ROLES),
});

/** Identity's part of the personal-data export (exportIdentityData in privacy.ts; src/privacy composes it). */
export const identityDataExport = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    createdAt: z.string(),
    lastSignInAt: z.string().nullable(),
  }),
  roles: meResponse.shape.roles,
  organisations: meResponse.shape.organisations,
  sessions: z.array(
    z.object({
      createdAt: z.string(),
      lastSeenAt: z.string(),
      expiresAt: z.string(),
      revokedAt: z.string().nullable(),
      userAgent: z.string().nullable(),
      ip: z.string().nullable(),
    }),
  ),
  invitationsReceived: z.array(
    z.object({ organisation: z.string(), role: z.string(), createdAt: z.string(), acceptedAt: z.string().nullable() }),
  ),
  invitationsSent: z.array(
    z.object({
      organisation: z.string(),
      email: z.string(),
      role: z.string(),
      createdAt: z.string(),
      acceptedAt: z.string().nullable(),
      revokedAt: z.string().nullable(),
    }),
  ),
  activity: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      targetType: z.string().nullable(),
      targetId: z.string().nullable(),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
    }),
  ),
  messages: z.array(
    z.object({ createdAt: z.string(), subject: z.string(), kind: z.string(), sentAt: z.string().nullable() }),
  ),
});
