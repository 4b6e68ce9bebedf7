import { z } from 'zod';
import { cursorSchema, limitSchema } from '../http/pagination.ts';

const code = z.string().trim().max(64);

export const gapQuery = z.object({
  round: z.string().min(1).max(100).optional().describe('round id; the latest closed round if left out'),
  specialisation: code.optional().describe('specialisation code'),
  focusArea: code.optional().describe('focus-area code'),
  horizon: z.enum(['0-1', '1-3', '3-5'], { error: 'education.validation.horizon' }).optional(),
  provider: code.optional().describe('only occupations that this provider’s offerings prepare for'),
  offeringsLimit: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000)
    .default(5)
    .describe(
      'at most this many offerings listed per row (default 5); all of them count towards supply, offeringCount says how many',
    ),
  view: z
    .enum(['raw', 'protected'])
    .optional()
    .describe('the secretariat: raw (default) or protected demand; everyone else always gets protected'),
});
export type GapQueryInput = z.infer<typeof gapQuery>;

/** The JSON list's query: the gap filters and a page of rows (shared/API.md: `{ items, nextCursor }`). */
export const gapListQuery = gapQuery.extend({
  limit: limitSchema(500, 100).describe('rows per page, 1–500 (default 100)'),
  cursor: cursorSchema.optional().describe('opaque; the nextCursor of the page before'),
});

const gapOffering = z.object({
  id: z.string(),
  name: z.string(),
  providerId: z.string(),
  providerName: z.string(),
  via: z.enum(['occupation', 'skills']),
  matchedOn: z.array(z.string()),
  annualGraduates: z.number(),
  graduatesCounted: z.number(),
});

export const gapItem = z.object({
  occupation: z.string().describe('SSYK-4 code (JobTech id for the few groups without one)'),
  occupationName: z.string(),
  horizon: z.string(),
  demand: z.number().nullable().describe('protected headcount; null where hidden'),
  suppressed: z.boolean(),
  reason: z.enum(['few', 'dominance', 'secondary']).nullable(),
  demandPerYear: z.number().nullable(),
  supply: z.number().describe('annual graduates counted for the occupation'),
  supplyInHorizon: z.number(),
  coverage: z.number().nullable().describe('supplyInHorizon / demand; null where demand is hidden'),
  shortage: z.number().nullable(),
  offeringCount: z.number().int(),
  offerings: z.array(gapOffering),
});

export const gapResponse = z.object({
  round: z.object({ id: z.string(), name: z.string(), period: z.string(), status: z.string() }),
  protected: z.boolean(),
  filters: z.object({
    specialisation: z.string().nullable(),
    focusArea: z.string().nullable(),
    horizon: z.string().nullable(),
    provider: z.string().nullable(),
  }),
  items: z.array(gapItem).describe('one page of rows, by occupation code and then horizon'),
  nextCursor: z.string().nullable().describe('the next page’s cursor; null on the last page'),
  shortages: z
    .array(
      z.object({
        occupation: z.string(),
        occupationName: z.string(),
        horizon: z.string(),
        demand: z.number(),
        coverage: z.number(),
      }),
    )
    .optional()
    .describe('the whole selection’s published rows by coverage; on the first page only (no cursor)'),
  demandWithoutOffering: z
    .array(
      z.object({
        occupation: z.string(),
        occupationName: z.string(),
        horizon: z.string(),
        demand: z.number().nullable(),
      }),
    )
    .optional()
    .describe('on the first page only (no cursor)'),
  offeringsWithoutDemand: z
    .array(z.object({ id: z.string(), name: z.string(), providerName: z.string(), occupations: z.array(z.string()) }))
    .optional()
    .describe('on the first page only (no cursor)'),
});
