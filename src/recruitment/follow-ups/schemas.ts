import { z } from 'zod';

/** Follow-ups after the move (decision 0029): the answer's schema for the API and the page. */

export const FOLLOW_UP_WAVES = [3, 12, 24] as const;
export const FOLLOW_UP_STATES = ['due', 'sent', 'answered', 'declined', 'lapsed'] as const;
export const NETWORK_EMPLOYER = ['yes', 'no', 'unknown'] as const;
export const RECOMMEND = ['yes', 'no', 'unsure'] as const;

const month = z
  .string({ error: 'moveFollowUp.validation.workSince' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'moveFollowUp.validation.workSince' })
  .describe('YYYY-MM');
const kommunCode = z.string().regex(/^\d{4}$/, { error: 'moveFollowUp.validation.kommun' });
const occupationGroup = z
  .string()
  .regex(/^\d$/, { error: 'moveFollowUp.validation.occupationGroup' })
  .describe('SSYK 2012 major group (one digit)');

/**
 * One person's answer. The partner's work questions (since when, occupation group, at a member of
 * the recruitment network) are asked of the partner only; the recruit answers whether they are
 * still in the job they moved for.
 */
export const followUpAnswer = z
  .object({
    inRegion: z.boolean({ error: 'moveFollowUp.validation.inRegion' }),
    kommun: kommunCode.optional().describe('the kommun the person lives in, when still in the region'),
    inWork: z
      .boolean({ error: 'moveFollowUp.validation.inWork' })
      .describe('recruit: still in the job; partner: in work'),
    workSince: month.optional().describe('partner in work: since which month'),
    occupationGroup: occupationGroup.optional(),
    networkEmployer: z.enum(NETWORK_EMPLOYER, { error: 'moveFollowUp.validation.networkEmployer' }).optional(),
    recommend: z.enum(RECOMMEND, { error: 'moveFollowUp.validation.recommend' }).optional(),
  })
  .refine((a) => !a.inRegion || a.kommun !== undefined, { path: ['kommun'], error: 'moveFollowUp.validation.kommun' });
export type FollowUpAnswer = z.infer<typeof followUpAnswer>;

export const followUpParams = z.object({ id: z.string().min(1).max(200) });

export const followUpSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  person: z.enum(['recruit', 'partner']),
  wave: z.number().int().describe('months after the move-in: 3, 12 or 24'),
  dueOn: z.string(),
  state: z.enum(FOLLOW_UP_STATES),
  movedInOn: z.string().nullable(),
  answer: z
    .object({
      answeredAt: z.string(),
      inRegion: z.boolean().nullable(),
      kommun: z.string().nullable(),
      inWork: z.boolean().nullable(),
      workSince: z.string().nullable(),
      occupationGroup: z.string().nullable(),
      networkEmployer: z.enum(NETWORK_EMPLOYER).nullable(),
      recommend: z.enum(RECOMMEND).nullable(),
    })
    .nullable(),
});
export type FollowUp = z.infer<typeof followUpSchema>;
export const followUpList = z.object({ items: z.array(followUpSchema), nextCursor: z.null() });

const blank = (v: unknown) => (v === '' ? undefined : v);
const yesNo = (error: string) =>
  z.preprocess((v) => (v === 'yes' ? true : v === 'no' ? false : undefined), z.boolean({ error }));

/** The page's form: radio buttons and selects, read into the API's shape. */
export const followUpForm = z
  .object({
    inRegion: yesNo('moveFollowUp.validation.inRegion'),
    kommun: z.preprocess(blank, kommunCode.optional()),
    inWork: yesNo('moveFollowUp.validation.inWork'),
    workSince: z.preprocess(blank, month.optional()),
    occupationGroup: z.preprocess(blank, occupationGroup.optional()),
    networkEmployer: z.preprocess(blank, z.enum(NETWORK_EMPLOYER).optional()),
    recommend: z.preprocess(blank, z.enum(RECOMMEND).optional()),
  })
  .refine((a) => !a.inRegion || a.kommun !== undefined, { path: ['kommun'], error: 'moveFollowUp.validation.kommun' });
