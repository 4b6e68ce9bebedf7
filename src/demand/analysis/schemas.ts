import { z } from 'zod';
import { DIMENSIONS } from '../dimensions.ts';
import { STRATEGY_CODES } from '../indicators/strategies.ts';
import { byList, filterShape, publicationSchema, roundSchema } from '../schemas.ts';

const roundId = z.string().min(1).max(100);
const reason = z.enum(['few', 'dominance', 'secondary']).nullable();

/**
 * GET /api/v1/demand/indicators: a round, and a specialisation to narrow to (the catalogue
 * publishes the indicators for the whole round and per specialisation; another filter is a 422).
 */
export const indicatorsQuery = z
  .object({ round: roundId.optional().describe('round id; the latest closed round if left out'), ...filterShape })
  .strict();

/** GET /api/v1/demand/change: two rounds and a breakdown. */
export const changeQuery = z
  .object({
    from: roundId.describe('the earlier round'),
    to: roundId.describe('the later round'),
    by: byList,
    ...filterShape,
  })
  .strict();

const share = z.object({
  headcount: z.number().nullable(),
  share: z.number().nullable().describe('part of the base headcount, 0–1'),
  suppressed: z.boolean(),
  reason,
});

export const indicatorsResponse = z.object({
  round: roundSchema,
  publication: publicationSchema,
  tables: z.array(z.string()).describe('the catalogue tables the figures are cells of'),
  specialisation: z.string().nullable().describe('the specialisation the figures are for; null: the whole round'),
  base: z.object({
    headcount: z.number().nullable(),
    organisations: z.number().nullable(),
    suppressed: z.boolean(),
    reason,
  }),
  difficulty: z.object({
    mean: z.number().nullable().describe('headcount-weighted mean of 1 (easy) – 5 (very hard)'),
    suppressed: z.boolean(),
    reason,
    distribution: z.array(share.extend({ level: z.number() })),
  }),
  strategies: z.array(share.extend({ code: z.enum(STRATEGY_CODES) })),
});

const change = z.object({
  cell: z.string().optional().describe("the cell's id, the same in both publications"),
  key: z.record(z.string(), z.string()),
  from: z.number().nullable(),
  to: z.number().nullable(),
  change: z
    .number()
    .nullable()
    .describe(
      'to − from; null where either is hidden or the headcount question changed its meaning (comparable false)',
    ),
  suppressed: z.boolean(),
  comparable: z
    .boolean()
    .describe("false where the headcount question means something else in the two rounds' questionnaires"),
  organisations: z
    .object({ from: z.number().nullable(), to: z.number().nullable(), change: z.number().nullable() })
    .describe(
      "organisations that state the need in each round; change null where hidden or the breakdown's questions changed meaning",
    ),
});

export const changeResponse = z.object({
  from: roundSchema,
  to: roundSchema,
  by: z.array(z.enum(DIMENSIONS)),
  table: z.string().optional().describe('the catalogue table compared'),
  publications: z.object({ from: publicationSchema.optional(), to: publicationSchema.optional() }),
  comparable: z
    .boolean()
    .describe(
      'false: the headcount question changed its meaning between the rounds, so no change is shown (not comparable)',
    ),
  notComparable: z
    .array(z.object({ question: z.string(), reason: z.enum(['meaning-changed']) }))
    .describe(
      "the questions the two rounds' questionnaires ask with different meanings (e.g. headcount from version 1 to 2)",
    ),
  cells: z.array(change),
  totals: z.array(change),
});
