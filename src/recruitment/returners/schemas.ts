import { z } from 'zod';

/** The returner pool's inputs and answers (decision 0033): the JSON API's and the pages' schemas. */

export const CONNECTIONS = ['lived', 'studied', 'placement', 'other'] as const;
export const REMOTE_WISHES = ['on-site', 'hybrid', 'remote', 'any'] as const;
export const RETURNER_STATUSES = ['pending', 'active', 'paused', 'lapsed'] as const;
export type ReturnerStatus = (typeof RETURNER_STATUSES)[number];

const name = z
  .string({ error: 'returner.validation.name' })
  .trim()
  .min(1, { error: 'returner.validation.name' })
  .max(200, { error: 'returner.validation.name' });
const email = z
  .string({ error: 'validation.email.invalid' })
  .trim()
  .min(1, { error: 'validation.email.invalid' })
  .max(254, { error: 'validation.email.invalid' })
  .pipe(z.email({ error: 'validation.email.invalid' }))
  .transform((address) => address.toLowerCase());
const month = z
  .string({ error: 'returner.validation.month' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'returner.validation.month' })
  .describe('YYYY-MM');

const details = {
  connection: z
    .enum(CONNECTIONS, { error: 'returner.validation.connection' })
    .describe('how the person knows the region: lived, studied, did a placement here, or other'),
  occupationIds: z
    .array(z.string().trim().min(1).max(32), { error: 'returner.validation.occupations' })
    .min(1, { error: 'returner.validation.occupations' })
    .max(10, { error: 'returner.validation.occupationsTooMany' })
    .describe('JobTech occupation-group concept ids (SSYK 4), as GET /api/v1/taxonomy/occupations gives them'),
  earliestMove: month.nullable().describe('the earliest month the person could start here; null: open'),
  kommuner: z
    .array(z.string().regex(/^\d{4}$/, { error: 'returner.validation.kommun' }))
    .max(50, { error: 'returner.validation.kommun' })
    .describe('kommun codes of interest; empty: anywhere in the region'),
  remote: z.enum(REMOTE_WISHES, { error: 'returner.validation.remote' }),
};

const languages = z
  .array(z.string().trim().min(1).max(40, { error: 'returner.validation.language' }))
  .max(10, { error: 'returner.validation.language' });

/** POST /api/v1/returners: a sign-up. The consent is explicit: `true`, or the sign-up is refused. */
export const returnerRegistration = z.object({
  name,
  email,
  ...details,
  languages: languages.default([]).describe('languages the person works in (optional, free text)'),
  consent: z
    .literal(true, { error: 'returner.validation.consent' })
    .describe('the person agrees to be mailed about matching needs, placements and figures for 12 months'),
});
export type ReturnerRegistration = z.infer<typeof returnerRegistration>;

/** PUT /api/v1/returners/me */
export const returnerUpdate = z.object({
  version: z.number().int().min(1).describe('the version you read; a stale one gets 409'),
  name,
  ...details,
  languages: languages
    .optional()
    .describe('languages the person works in (optional, free text); left out: kept as stored'),
});
export type ReturnerUpdate = z.infer<typeof returnerUpdate>;

export const returnerStatusChange = z.object({
  status: z.enum(['active', 'paused'], { error: 'returner.validation.status' }),
});

export const renewalBody = z.object({
  token: z.string({ error: 'returner.renew.invalid' }).min(16, { error: 'returner.renew.invalid' }).max(200),
});

export const renewedSchema = z.object({ expiresAt: z.string().describe('the consent now lasts until') });

const occupation = z.object({ id: z.string(), ssyk: z.string().nullable(), labelSv: z.string(), labelEn: z.string() });

export const returnerSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  connection: z.enum(CONNECTIONS),
  occupations: z.array(occupation),
  earliestMove: z.string().nullable(),
  kommuner: z.array(z.string()),
  remote: z.enum(REMOTE_WISHES),
  languages: z.array(z.string()),
  status: z.enum(RETURNER_STATUSES).describe('lapsed: the twelve months have passed without a renewal'),
  consentedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  version: z.number().int(),
});
export type Returner = z.infer<typeof returnerSchema>;

const countCell = z.object({
  code: z.string(),
  labelSv: z.string(),
  labelEn: z.string(),
  count: z.number().int().nullable().describe('null: fewer than `fewerThan`'),
});
export const poolCountsSchema = z.object({
  total: z.number().int().nullable(),
  fewerThan: z.number().int().describe('counts under this are shown as "fewer than" it'),
  byOccupation: z.array(countCell).describe('SSYK 4 groups; a person with several occupations counts in each'),
  byKommun: z.array(countCell).describe('kommuner of interest; a person counts in each chosen kommun'),
});
export type PoolCounts = z.infer<typeof poolCountsSchema>;

/** Returner's part of the privacy export. */
export const returnerDataExport = returnerSchema.nullable();
