import { z } from 'zod';

/** The ways a shared post can be made (research/recruitment.md §4.2; decision 0035). */
export const SHARING_WAYS = ['two-part-time-contracts', 'intermediary', 'public-agreement'] as const;
export type SharingWay = (typeof SHARING_WAYS)[number];

/** Why the cross-border telework note is shown: the post is remote or hybrid, or an organisation is in a border kommun. */
export const TELEWORK_REASONS = ['remote-or-hybrid', 'border-kommun'] as const;
export type TeleworkReason = (typeof TELEWORK_REASONS)[number];

export const organisationParams = z.object({ orgId: z.string().min(1).max(64) });
export const proposalParams = z.object({ orgId: z.string().min(1).max(64), proposalId: z.string().min(1).max(64) });
export const roundParams = z.object({ roundId: z.string().min(1).max(64) });

export const answerInput = z
  .object({
    answer: z.enum(['accept', 'decline'], { error: 'flexible.error.answer' }),
  })
  .strict();
export type AnswerInput = z.infer<typeof answerInput>;

export const sharedPostProposal = z.object({
  id: z.string(),
  roundId: z.string(),
  roundName: z.string(),
  occupationGroup: z.object({ ssyk: z.string(), nameSv: z.string(), nameEn: z.string() }),
  organisations: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        answer: z.enum(['proposed', 'accepted', 'declined']),
      }),
    )
    .describe('only the organisations that declared a part-time need of the group and are open to sharing'),
  ways: z
    .array(z.enum(SHARING_WAYS))
    .describe('how the post can be shared; public-agreement where all are public bodies'),
  teleworkNote: z
    .array(z.enum(TELEWORK_REASONS))
    .describe('why the cross-border telework note applies (empty: it does not)'),
  createdAt: z.string(),
});
export type SharedPostProposal = z.infer<typeof sharedPostProposal>;

export const proposalList = z.object({ items: z.array(sharedPostProposal) });

export const partTimeCounts = z.object({
  roundId: z.string(),
  items: z.array(
    z.object({
      ssyk: z.string(),
      nameSv: z.string(),
      nameEn: z.string(),
      organisations: z.number().int().describe('organisations with a part-time need of the group'),
      openToSharing: z.number().int().describe('of them, those open to sharing a post'),
    }),
  ),
});
export type PartTimeCounts = z.infer<typeof partTimeCounts>;
