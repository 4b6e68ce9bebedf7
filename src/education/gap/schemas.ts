import { z } from 'zod';
import { cursorSchema, limitSchema } from '../../http/pagination.ts';

const code = z.string().trim().max(64);

export const gapQuery = z.object({
  round: z.string().min(1).max(100).optional().describe('round id; the latest closed round if left out'),
  specialisation: code.optional().describe('specialisation code'),
  focusArea: code
    .optional()
    .describe(
      'focus-area code: the publication has no focus area by occupation, so this is a 422 naming the nearest published table (the secretariat’s raw view only)',
    ),
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

const coverageLevel = z
  .object({
    ssykLevel: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    occupation: z.string().describe('the occupation’s code at that SSYK level'),
    occupationName: z.string(),
    horizon: z.string().nullable().describe('the row’s horizon, or null: all horizons'),
    table: z.string().describe('the publication’s catalogue table the cell belongs to'),
    cell: z.string().describe('the publication’s cell id, as in the open data'),
    label: z.string().describe('the level for people, e.g. "Yrkesgrupp 251, alla tidshorisonter"'),
    demand: z.number(),
    supply: z.number().describe('annual graduates counted for every occupation in the group'),
    supplyInHorizon: z.number(),
    coverage: z.number(),
    shortage: z.number(),
  })
  .nullable()
  .describe(
    'coverage at the finest published level: the row’s own cell, else the nearest coarser published one (the occupation over all horizons, then SSYK 3 with the horizon, SSYK 3 over all horizons, … SSYK 1); null where every level is hidden',
  );

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
  coverageLevel,
  offeringCount: z.number().int(),
  offerings: z.array(gapOffering),
});

export const gapResponse = z.object({
  round: z.object({ id: z.string(), name: z.string(), period: z.string(), status: z.string() }),
  protected: z.boolean(),
  internal: z.boolean().describe('true for the secretariat’s raw view: unprotected figures, not to be handed on'),
  publication: z
    .object({ version: z.number().int(), publishedAt: z.string() })
    .nullable()
    .describe('the publication the figures are cells of; null in the raw view'),
  filters: z.object({
    specialisation: z.string().nullable(),
    focusArea: z.string().nullable(),
    horizon: z.string().nullable(),
    provider: z.string().nullable(),
  }),
  items: z.array(gapItem).describe('one page of rows, by occupation code and then horizon'),
  nextCursor: z.string().nullable().describe('the next page’s cursor; null on the last page'),
  hiddenRows: z.number().int().describe('rows of the whole selection whose demand is hidden'),
  rowsWithoutCoverage: z
    .number()
    .int()
    .describe('rows of the whole selection with no published coverage at any level: a shortage may be there'),
  shortages: z
    .array(
      z.object({
        occupation: z.string().describe('the code at the level of the figure'),
        occupationName: z.string(),
        horizon: z.string().nullable().describe('null: all horizons'),
        demand: z.number(),
        coverage: z.number(),
        ssykLevel: z.number().int(),
        cell: z.string(),
        label: z.string(),
        rows: z.number().int().describe('how many rows of the selection this figure stands for'),
      }),
    )
    .optional()
    .describe(
      'the published coverage figures of the whole selection, each cell once (a coarser cell stands for the hidden rows under it), lowest coverage first; on the first page only (no cursor)',
    ),
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
