import { z } from 'zod';

/** The partner's profile and consents (decision 0030): the JSON API's schemas. */

/**
 * Why an organisation may see the profile, a closed list kept small (research/recruitment.md §6:
 * consent is specific, one per purpose): `consider` — to consider me for its openings;
 * `inform` — to tell me about its openings.
 */
export const PURPOSES = ['consider', 'inform'] as const;
export type Purpose = (typeof PURPOSES)[number];
export const RECIPIENTS = ['organisation', 'network'] as const;
export const WORK_MODES = ['on-site', 'hybrid', 'remote'] as const;
/** ISO 639-1 codes of the languages a profile may list (names: Intl.DisplayNames in the reader's language). */
export const LANGUAGE_CODES = [
  'sv',
  'en',
  'da',
  'no',
  'fi',
  'de',
  'pl',
  'lt',
  'lv',
  'et',
  'uk',
  'ru',
  'fr',
  'es',
  'it',
  'pt',
  'nl',
  'ar',
  'fa',
  'ku',
  'so',
  'ti',
  'am',
  'tr',
  'bs',
  'hr',
  'sr',
  'ro',
  'hu',
  'el',
  'hi',
  'ur',
  'bn',
  'ta',
  'zh',
  'ja',
  'ko',
  'vi',
  'th',
  'tl',
] as const;
/** Kommuner within reach: Blekinge's and its neighbours' (Skåne, Kronoberg, Kalmar), by county code. */
export const REACHABLE_COUNTIES = ['10', '12', '07', '08'] as const;

const month = z
  .string({ error: 'partnerProfile.validation.month' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'partnerProfile.validation.month' })
  .describe('YYYY-MM');
const conceptId = z.string().min(1).max(100);

/** PUT /api/v1/me/partner-profile. No field for gender or the kind of relationship, by design. */
export const partnerProfileInput = z.object({
  occupationIds: z
    .array(conceptId, { error: 'partnerProfile.validation.occupations' })
    .min(1, { error: 'partnerProfile.validation.occupations' })
    .max(5, { error: 'partnerProfile.validation.occupations' })
    .describe('occupation groups (JobTech concept ids), 1 to 5'),
  skillIds: z.array(conceptId).max(30, { error: 'partnerProfile.validation.skills' }).describe('JobTech skill ids'),
  languages: z
    .array(z.enum(LANGUAGE_CODES, { error: 'partnerProfile.validation.languages' }))
    .min(1, { error: 'partnerProfile.validation.languages' })
    .max(10, { error: 'partnerProfile.validation.languages' })
    .describe('ISO 639-1 codes'),
  earliestStart: month.nullable().describe('the month the partner can start, or null: not known yet'),
  kommuner: z
    .array(z.string().regex(/^\d{4}$/, { error: 'partnerProfile.validation.kommuner' }))
    .min(1, { error: 'partnerProfile.validation.kommuner' })
    .max(40, { error: 'partnerProfile.validation.kommuner' })
    .describe('kommun codes within reach, in Blekinge, Skåne, Kronoberg or Kalmar'),
  workModes: z
    .array(z.enum(WORK_MODES, { error: 'partnerProfile.validation.workModes' }))
    .min(1, { error: 'partnerProfile.validation.workModes' })
    .max(3, { error: 'partnerProfile.validation.workModes' }),
  about: z
    .string()
    .max(1000, { error: 'partnerProfile.validation.about' })
    .optional()
    .describe(
      'a short free text; no health, religion or relationship details; left out: kept as stored (empty at first)',
    ),
  version: z.number().int().min(1).optional().describe('the version you read; a stale one gets 409'),
});
export type PartnerProfileInput = z.infer<typeof partnerProfileInput>;

/** POST /api/v1/me/partner-profile/consents */
export const consentCreate = z
  .object({
    recipient: z.enum(RECIPIENTS, { error: 'partnerConsent.validation.recipient' }),
    organisationId: z.string().min(1).max(100).optional().describe('with recipient "organisation"'),
    purpose: z.enum(PURPOSES, { error: 'partnerConsent.validation.purpose' }),
    months: z.union([z.literal(6), z.literal(12)], { error: 'partnerConsent.validation.months' }),
  })
  .refine((c) => (c.recipient === 'organisation') === (c.organisationId !== undefined), {
    path: ['organisationId'],
    error: 'partnerConsent.validation.organisation',
  });
export type ConsentCreate = z.infer<typeof consentCreate>;

export const consentParams = z.object({ consentId: z.string().min(1).max(100) });
export const sharedListParams = z.object({ orgId: z.string().min(1).max(100) });
export const sharedParams = z.object({ orgId: z.string().min(1).max(100), profileId: z.string().min(1).max(100) });
export const purposeQuery = z.object({
  purpose: z
    .enum(PURPOSES, { error: 'partnerConsent.validation.purpose' })
    .describe('why you look: every view is logged with it'),
});

const named = z.object({ id: z.string(), labelSv: z.string() });

const profileBody = {
  id: z.string(),
  occupations: z.array(named),
  skills: z.array(named),
  languages: z.array(z.string()),
  earliestStart: z.string().nullable(),
  kommuner: z.array(z.object({ code: z.string(), name: z.string() })),
  workModes: z.array(z.enum(WORK_MODES)),
  about: z.string(),
};

export const consentSchema = z.object({
  id: z.string(),
  recipient: z.enum(RECIPIENTS),
  organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
  purpose: z.enum(PURPOSES),
  months: z.number().int(),
  givenAt: z.string(),
  expiresAt: z.string(),
  withdrawnAt: z.string().nullable(),
  valid: z.boolean().describe('neither withdrawn nor expired'),
});
export type Consent = z.infer<typeof consentSchema>;

export const accessEntrySchema = z.object({
  at: z.string(),
  organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
  viewer: z.string().nullable().describe('the person who looked; null once erased'),
  purpose: z.enum(PURPOSES).nullable(),
});

/** The partner's own profile, with every consent and the access log. */
export const ownProfileSchema = z.object({
  ...profileBody,
  version: z.number().int(),
  updatedAt: z.string(),
  consents: z.array(consentSchema),
  accessLog: z.array(accessEntrySchema).describe('every view by an organisation, newest first'),
});
export type OwnProfile = z.infer<typeof ownProfileSchema>;
export const ownProfileAnswer = z.object({ profile: ownProfileSchema.nullable() });

/** A profile as an organisation sees it while a consent names it (no name, no address: contact comes later). */
export const sharedProfileSchema = z.object({
  ...profileBody,
  purpose: z.enum(PURPOSES),
  sharedUntil: z.string().describe('when the latest consent that lets you see it expires'),
});
export type SharedProfile = z.infer<typeof sharedProfileSchema>;
export const sharedProfileList = z.object({ items: z.array(sharedProfileSchema) });

/** The partner part of a person's export (src/privacy). */
export const partnerDataExport = ownProfileSchema
  .extend({
    tips: z
      .array(
        z.object({
          organisationId: z.string(),
          source: z.enum(['need', 'placement']),
          openingId: z.string(),
          occupationId: z.string(),
          kommun: z.string().nullable(),
          title: z.string().nullable(),
          note: z.string(),
          tippedAt: z.string(),
        }),
      )
      .describe('what organisations told you of with "Tell about an opening" (decision 0031)'),
    digested: z
      .array(
        z.object({
          source: z.enum(['need', 'placement', 'tip']),
          openingId: z.string().describe("the placement's, the need line's or the tip's id"),
          toldAt: z.string(),
        }),
      )
      .describe('what the weekly mails about openings named to you, and when (decision 0031)'),
  })
  .nullable();

/** The sharing page's form: "network" or an organisation's id in one select, as the API's consent. */
export const consentFormFields = (fields: Record<string, string | string[]>) => {
  const one = (name: string) => {
    const v = fields[name];
    return (Array.isArray(v) ? v[0] : v) ?? '';
  };
  const recipient = one('recipient');
  return {
    ...(recipient === 'network'
      ? { recipient: 'network' }
      : recipient
        ? { recipient: 'organisation', organisationId: recipient }
        : {}),
    purpose: one('purpose') || undefined,
    months: Number(one('months')),
  };
};

/** Erasing the profile asks for a ticked confirmation. */
export const eraseProfileForm = z.object({
  confirm: z.literal('true', { error: 'partnerPage.validation.confirm' }),
});

/** The organisation's page of shared profiles: the purpose it reads them for (none: nothing is read yet). */
export const sharedPageQuery = z.object({ purpose: z.enum(PURPOSES).optional() });
export const organisationPageParams = z.object({ id: z.string().min(1).max(100) });
