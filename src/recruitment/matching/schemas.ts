import { z } from 'zod';
import { MATCH_REASONS } from './match.ts';

/** Matching's inputs and answers (decision 0031): the JSON API's and the pages' schemas. */

export const NOTICE_STATES = [
  'new',
  'interested',
  'not-interested',
  'accepted',
  'declined',
  'hired',
  'not-hired',
] as const;

const version = z.number().int().min(1).describe('the version you read; a stale one gets 409');
const reason = z.enum(MATCH_REASONS).describe('a filter the opening passed');

export const organisationParams = z.object({ orgId: z.string().min(1).max(100) });
export const orgNoticeParams = z.object({ orgId: z.string().min(1).max(100), noticeId: z.string().min(1).max(100) });
export const noticeParams = z.object({ noticeId: z.string().min(1).max(100) });
export const caseParams = z.object({ id: z.string().min(1).max(100) });

const namedCode = z.object({ code: z.string(), name: z.string() });

export const matchedOpening = z.object({
  source: z.enum(['need', 'placement']).describe('one of your need lines, or one of your open placements'),
  id: z.string(),
  occupation: namedCode.describe('concept id and name'),
  kommun: namedCode.nullable(),
  reasons: z.array(reason),
});

export const organisationNotice = z
  .object({
    id: z.string(),
    state: z.enum(NOTICE_STATES),
    version: z.number(),
    createdAt: z.string(),
    person: z
      .object({
        occupations: z.array(namedCode).describe('the occupations the person looks for'),
        earliestStart: z.string().nullable().describe('YYYY-MM, or null: any time'),
        kommuner: z.array(namedCode).describe('kommuner within reach'),
        workModes: z.array(z.enum(['on-site', 'hybrid', 'remote'])),
        languages: z.array(z.string()).describe('ISO 639-1'),
      })
      .describe('what the person told about their wishes; no name until they accept'),
    matches: z.array(matchedOpening),
    contact: z
      .object({ name: z.string(), email: z.string() })
      .nullable()
      .describe('given only once the person has accepted your interest'),
    hiredOn: z.string().nullable(),
  })
  .describe('An anonymous notice: a person whose profile is shared with you matches your openings');
export type OrganisationNotice = z.infer<typeof organisationNotice>;
export const organisationNoticeList = z.object({ items: z.array(organisationNotice) });

export const interestInput = z.object({
  interested: z.boolean({ error: 'matching.validation.interested' }),
  version,
});
export const outcomeInput = z
  .object({
    outcome: z.enum(['hired', 'not-hired'], { error: 'matching.validation.outcome' }),
    hiredOn: z.iso.date({ error: 'matching.validation.date' }).optional().describe('YYYY-MM-DD; required when hired'),
    version,
  })
  .refine((v) => v.outcome !== 'hired' || v.hiredOn !== undefined, {
    error: 'matching.validation.hiredOn',
    path: ['hiredOn'],
  });
export const answerInput = z.object({
  accept: z.boolean({ error: 'matching.validation.accept' }),
  version,
});

export const partnerNotice = z.object({
  id: z.string(),
  state: z.enum(NOTICE_STATES),
  version: z.number(),
  organisation: namedCode.describe('told only once the organisation has said it is interested'),
  matches: z.array(matchedOpening),
});

export const placementMatch = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.string(),
  organisation: namedCode,
  kommun: namedCode.nullable(),
  applyBy: z.string(),
  reasons: z.array(reason),
});

export const informOpening = z
  .object({
    source: z
      .enum(['need', 'placement'])
      .describe('a need line the organisation made public in a campaign taking applications, or an open placement'),
    id: z.string(),
    organisation: namedCode.describe('the organisation with the opening'),
    occupation: namedCode.describe('concept id and name'),
    title: z.string().describe('the placement’s title, or the occupation of a need line'),
    kommun: namedCode.nullable(),
    applyBy: z.string().nullable().describe('YYYY-MM-DD for a placement; null for a need line'),
    reasons: z.array(reason),
    howToApply: z
      .object({
        kind: z.enum(['placement-page', 'campaign-page', 'share-to-be-considered']),
        href: z.string(),
      })
      .describe(
        'a placement’s own page (its contact and how to apply), a campaign’s public page for a need line the organisation confirmed in it, or (for a need line an organisation told you of) sharing your profile with the organisation to be considered',
      ),
  })
  .describe('An opening that fits you at an organisation you asked to tell you about openings; it is not told of you');
export type InformOpening = z.infer<typeof informOpening>;

/** What an organisation tells a partner of one of its own openings (decision 0031). */
export const informTipInput = z.object({
  source: z
    .enum(['need', 'placement'], { error: 'matching.tip.validation.source' })
    .describe('a recruiting need line of the organisation, or one of its open placements'),
  openingId: z
    .string({ error: 'matching.tip.validation.opening' })
    .min(1, { error: 'matching.tip.validation.opening' })
    .max(100, { error: 'matching.tip.validation.opening' })
    .describe('the need line’s or placement’s id'),
  note: z
    .string()
    .trim()
    .max(500, { error: 'matching.tip.validation.note' })
    .default('')
    .describe('an optional short note to the partner, plain text, at most 500 characters'),
});
export type InformTipInput = z.infer<typeof informTipInput>;

/** The page's form: the opening as `need:<id>` or `placement:<id>` in one select, and the note. */
export const informTipForm = z.object({
  opening: z
    .string({ error: 'matching.tip.validation.opening' })
    .regex(/^(need|placement):.{1,100}$/, { error: 'matching.tip.validation.opening' }),
  note: z.string().trim().max(500, { error: 'matching.tip.validation.note' }).default(''),
});

export const tipParams = z.object({ orgId: z.string().min(1).max(100), profileId: z.string().min(1).max(100) });
export const tipPageParams = z.object({ id: z.string().min(1).max(100), profileId: z.string().min(1).max(100) });

export const informTip = z
  .object({
    id: z.string(),
    source: z.enum(['need', 'placement']),
    openingId: z.string(),
    organisation: namedCode.describe('the organisation that tells you'),
    occupation: namedCode.describe('concept id and name'),
    title: z.string().describe('the placement’s title, or the occupation of a need line'),
    kommun: namedCode.nullable(),
    note: z.string().describe('the organisation’s note to you; empty when none'),
    tippedAt: z.string(),
    howToApply: z
      .object({ kind: z.enum(['placement-page', 'share-to-be-considered']), href: z.string() })
      .describe(
        'the placement’s own page, or, for a need line, sharing your profile with the organisation to be considered',
      ),
  })
  .describe('An opening an organisation you share your profile with "to tell me about openings" told you of');
export type InformTip = z.infer<typeof informTip>;
export const informTipAnswer = z.object({ tip: informTip });

export const partnerMatches = z.object({
  hasProfile: z.boolean().describe('false until you have a partner profile: then every list is empty'),
  interested: z
    .array(partnerNotice)
    .describe(
      'organisations that would like to get in touch, and those you answered; accept to give them your name and address',
    ),
  waiting: z.number().describe('organisations told of you anonymously whose need you match, who have not yet answered'),
  tips: z
    .array(informTip)
    .describe(
      'openings that organisations you share your profile with "to tell me about openings" told you of, newest first',
    ),
  openings: z
    .array(informOpening)
    .describe(
      'openings that fit you at the organisations you share your profile with "to tell me about openings"; they learn nothing of you',
    ),
  placements: z
    .array(placementMatch)
    .describe('open trainee posts and work placements that match your wishes (those listed in openings left out)'),
});
export type PartnerMatches = z.infer<typeof partnerMatches>;

export const twoJobView = z.object({
  caseId: z.string(),
  recruitJob: z.object({ organisation: namedCode.nullable(), occupation: namedCode, kommun: namedCode.nullable() }),
  kommuner: z
    .array(namedCode)
    .describe('the household’s chosen kommuner (the case’s housing wishes, else the partner’s)'),
  pairs: z
    .array(
      z.object({
        partnerOpening: z.object({
          source: z.enum(['interest', 'placement']),
          title: z.string(),
          organisation: namedCode,
          kommun: namedCode.nullable(),
          reasons: z.array(reason),
        }),
      }),
    )
    .describe('the recruit’s job paired with each opening for the partner within the chosen kommuner'),
  waiting: z.number().describe('organisations with a matching need told anonymously and not yet answered'),
  partnerProfile: z.boolean().describe('whether the partner has a profile to match'),
});
export type TwoJobView = z.infer<typeof twoJobView>;

const blankIsUndefined = (v: unknown) => (v === '' ? undefined : v);
const formVersion = z.preprocess((v) => Number(v), version);

/** The pages' forms as they post (buttons carry the choice). */
export const interestForm = z.object({
  version: formVersion,
  interested: z.enum(['yes', 'no'], { error: 'matching.validation.interested' }),
});
export const answerForm = z.object({
  version: formVersion,
  accept: z.enum(['yes', 'no'], { error: 'matching.validation.accept' }),
});
export const outcomeForm = z
  .object({
    version: formVersion,
    outcome: z.enum(['hired', 'not-hired'], { error: 'matching.validation.outcome' }),
    hiredOn: z.preprocess(blankIsUndefined, z.iso.date({ error: 'matching.validation.date' }).optional()),
  })
  .refine((v) => v.outcome !== 'hired' || v.hiredOn !== undefined, {
    error: 'matching.validation.hiredOn',
    path: ['hiredOn'],
  });
export const organisationPageParams = z.object({ id: z.string().min(1).max(100) });
export const organisationNoticePageParams = z.object({
  id: z.string().min(1).max(100),
  noticeId: z.string().min(1).max(100),
});
