import { z } from 'zod';
import { ROUND_MAIL_BATCH } from './rounds/invitations.ts';
import { responseDocument, roundTarget } from './schemas.ts';

/**
 * What the survey-round API answers, for the OpenAPI document (the contract test checks every
 * answer the tests receive against it). The shapes are those of the service's return types:
 * `Round` (rounds.ts), `ResponseView` (responses.ts), `MailRun` (invitations.ts), …
 */
export const roundSchema = z.object({
  id: z.string(),
  name: z.string(),
  period: z.string(),
  opensAt: z.string().describe('ISO 8601'),
  closesAt: z.string().describe('ISO 8601'),
  status: z.enum(['draft', 'open', 'closed']),
  questionnaireVersion: z.number().int(),
  target: roundTarget,
  createdAt: z.string(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});

export const roundListSchema = z.object({ items: z.array(roundSchema), nextCursor: z.string().nullable() });

const mailRunShape = {
  sent: z.number().int().describe('messages sent, one per contact'),
  organisations: z.number().int().describe('organisations mailed'),
  remaining: z.number().int().describe(`organisations still to mail (at most ${ROUND_MAIL_BATCH} a call): call again`),
  unreachable: z
    .array(z.object({ id: z.string(), name: z.string(), orgNumber: z.string() }))
    .describe('target organisations with no contact to mail'),
};
export const mailRunSchema = z.object(mailRunShape);
export const reminderRunSchema = z.object({
  ...mailRunShape,
  skipped: z.number().int().describe('reminded less than 20 hours ago'),
});
export const openedRoundSchema = roundSchema.extend({ invitations: mailRunSchema });

export const responseViewSchema = responseDocument.extend({
  roundId: z.string(),
  organisationId: z.string(),
  version: z.number().int().describe('0 before the first save'),
  status: z.enum(['draft', 'submitted']),
  revision: z.number().int(),
  hasUnsubmittedChanges: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
});

export const savedDraftSchema = z.object({ version: z.number().int() });
export const submitResultSchema = z.object({ status: z.literal('submitted'), revision: z.number().int() });

export const revisionListSchema = z.object({
  items: z.array(
    z.object({
      revision: z.number().int(),
      submittedAt: z.string(),
      submittedBy: z.string().nullable(),
      onBehalf: z.boolean(),
      changes: z.object({
        organisation: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
        needsAdded: z.number().int(),
        needsRemoved: z.number().int(),
        needsChanged: z.number().int(),
      }),
    }),
  ),
  nextCursor: z.string().nullable(),
});

const rateCell = z.object({
  key: z.string().nullable(),
  name: z.string().nullable().describe("the municipality's or SNI section's name; null for sector and size class"),
  targeted: z.number().int(),
  submitted: z.number().int(),
});
export const responseRatesSchema = z.object({
  round: z.string(),
  overall: z.object({ targeted: z.number().int(), submitted: z.number().int() }),
  by: z.object({
    sector: z.array(rateCell),
    sizeClass: z.array(rateCell),
    municipality: z.array(rateCell),
    sniSection: z.array(rateCell),
  }),
});

export const nonResponderListSchema = z.object({
  items: z.array(
    z.object({
      organisationId: z.string(),
      name: z.string(),
      orgNumber: z.string(),
      sector: z.string(),
      sizeClass: z.string(),
      municipalityCode: z.string(),
      municipalityName: z.string().nullable(),
      status: z.enum(['not-started', 'draft']),
      lastSavedAt: z.string().nullable(),
      invitedAt: z.string().nullable(),
      remindedAt: z.string().nullable(),
      reminders: z.number().int(),
      contacts: z.array(z.object({ name: z.string(), email: z.string() })),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const importResultSchema = z.object({
  imported: z.number().int().describe('organisations whose response the file created and submitted'),
  unchanged: z.number().int().describe('organisations already imported from the same answers earlier'),
});

export const copiedForwardSchema = z.object({
  version: z.number().int(),
  copiedFrom: z.object({
    roundId: z.string(),
    roundName: z.string(),
    revision: z.number().int(),
    submittedAt: z.string(),
  }),
  notCopied: z
    .array(z.string())
    .describe(
      "need questions left empty because their meaning changed between the rounds' questionnaires (headcount from version 1 to 2): answer them anew",
    ),
});
