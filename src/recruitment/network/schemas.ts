import { z } from 'zod';

/** The recruitment network's inputs and answers (decision 0030). */

/** The version of the joint-controller terms a member accepts; a new wording gets a new version. */
export const NETWORK_TERMS_VERSION = '2026-12';
export const PLEDGE_KINDS = ['interview', 'contact'] as const;
export const PLEDGE_CADENCES = ['month', 'quarter', 'half-year', 'year'] as const;
export type PledgeCadence = (typeof PLEDGE_CADENCES)[number];

export const organisationParams = z.object({ orgId: z.string().min(1).max(100) });
export const pledgeParams = z.object({ orgId: z.string().min(1).max(100), pledgeId: z.string().min(1).max(100) });

/** PUT /api/v1/organisations/{orgId}/network: joining, with the terms accepted. */
export const networkJoin = z.object({
  termsVersion: z.string({ error: 'network.validation.terms' }).max(20).describe('the version of the terms you read'),
  acceptTerms: z.literal(true, { error: 'network.validation.terms' }).describe('the joint-controller terms accepted'),
});

const pledgeText = z
  .string({ error: 'network.validation.pledgeText' })
  .trim()
  .min(1, { error: 'network.validation.pledgeText' })
  .max(300, { error: 'network.validation.pledgeText' });
const pledgeCount = z
  .number({ error: 'network.validation.pledgeCount' })
  .int({ error: 'network.validation.pledgeCount' })
  .min(1, { error: 'network.validation.pledgeCount' })
  .max(100, { error: 'network.validation.pledgeCount' });

/** POST /api/v1/organisations/{orgId}/pledges */
export const pledgeCreate = z.object({
  text: pledgeText.describe('the pledge in the organisation’s words, e.g. “we interview one partner a quarter”'),
  kind: z.enum(PLEDGE_KINDS, { error: 'network.validation.pledgeKind' }).describe('what counts towards it'),
  count: pledgeCount.describe('how many per period'),
  cadence: z.enum(PLEDGE_CADENCES, { error: 'network.validation.cadence' }),
});
export type PledgeCreate = z.infer<typeof pledgeCreate>;

/** POST /api/v1/organisations/{orgId}/pledges/{pledgeId}/records */
export const pledgeRecordCreate = z.object({
  kind: z.enum(PLEDGE_KINDS, { error: 'network.validation.pledgeKind' }),
  doneOn: z.iso.date({ error: 'network.validation.doneOn' }).describe('YYYY-MM-DD'),
  note: z
    .string()
    .max(500, { error: 'network.validation.note' })
    .default('')
    .describe('the organisation’s own note; never the partner’s name'),
});
export type PledgeRecordCreate = z.infer<typeof pledgeRecordCreate>;

const period = z.object({ from: z.string(), to: z.string(), done: z.number().int() });

export const pledgeSchema = z.object({
  id: z.string(),
  text: z.string(),
  kind: z.enum(PLEDGE_KINDS),
  count: z.number().int(),
  cadence: z.enum(PLEDGE_CADENCES),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
  current: period.describe('this period: from (inclusive) to (exclusive), and what is recorded in it'),
  previous: period.nullable().describe('the last period that ended since the pledge was made; null: none yet'),
  overdue: z.boolean().describe('the last ended period fell short of the count'),
});
export type Pledge = z.infer<typeof pledgeSchema>;

export const membershipSchema = z.object({
  organisation: z.object({ id: z.string(), name: z.string() }),
  member: z.boolean(),
  joinedAt: z.string().nullable(),
  termsVersion: z.string().nullable().describe('the terms version accepted when joining'),
  currentTermsVersion: z.string(),
  pledges: z.array(pledgeSchema),
});
export type Membership = z.infer<typeof membershipSchema>;

export const publicNetwork = z.object({
  termsVersion: z.string(),
  members: z.array(z.object({ id: z.string(), name: z.string(), joinedAt: z.string() })),
});

export const networkFollowUp = z.object({
  items: z.array(
    z.object({
      organisation: z.object({ id: z.string(), name: z.string() }),
      joinedAt: z.string(),
      termsVersion: z.string(),
      pledges: z.array(pledgeSchema),
    }),
  ),
});
export type NetworkFollowUp = z.infer<typeof networkFollowUp>;

/** The network's pages (decision 0037): a page about one organisation, or one of its pledges. */
export const networkPageParams = z.object({ id: z.string().min(1).max(100) });
export const pledgePageParams = z.object({ id: z.string().min(1).max(100), pledgeId: z.string().min(1).max(100) });
export const networkPageQuery = z.object({ notice: z.string().max(20).optional() });

/** The join form: the version of the terms shown, and the tick that accepts them. */
export const joinForm = z.object({
  termsVersion: z.string({ error: 'network.validation.terms' }).max(20, { error: 'network.validation.terms' }),
  acceptTerms: z.literal('true', { error: 'network.validation.terms' }),
});

/** The leave form: a tick that confirms it, since leaving hides shared profiles at once and ends the pledges. */
export const leaveForm = z.object({
  confirm: z.literal('true', { error: 'network.validation.leaveConfirm' }),
});

/** The pledge form's posted strings to what pledgeCreate parses (the count as a number; empty: missing). */
export const pledgeFormFields = (fields: Record<string, string | string[]>) => {
  const one = (name: string) => {
    const v = fields[name];
    return (Array.isArray(v) ? v[0] : v) ?? '';
  };
  const count = one('count').trim();
  return {
    text: one('text'),
    kind: one('kind') || undefined,
    count: count === '' ? undefined : Number(count),
    cadence: one('cadence') || undefined,
  };
};

/** The record form's posted strings to what pledgeRecordCreate parses. */
export const recordFormFields = (fields: Record<string, string | string[]>) => {
  const one = (name: string) => {
    const v = fields[name];
    return (Array.isArray(v) ? v[0] : v) ?? '';
  };
  return { kind: one('kind') || undefined, doneOn: one('doneOn').trim(), note: one('note') };
};
