import { z } from 'zod';
import { DIMENSIONS, type Dimension } from './dimensions.ts';
import { DEMAND_TABLE_IDS, type TableInput, tableInput } from './tables.ts';

const list = z
  .string()
  .max(2000)
  .transform((text) =>
    text
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  );

/** The SSYK level and a filter per dimension: shared by every demand query. */
export const filterShape = {
  ssykLevel: z.coerce.number().int().min(1).max(4).default(4).describe('SSYK level occupations roll up to (1–4)'),
  ...Object.fromEntries(DIMENSIONS.map((d) => [d, list.optional().describe(`filter: ${d} codes, comma-separated`)])),
};

/** `by`: one to three different dimensions, comma-separated. */
export const byList = list
  .pipe(
    z
      .array(z.enum(DIMENSIONS, { error: 'validation.demand.dimension' }))
      .min(1, { error: 'validation.demand.by' })
      .max(3, { error: 'validation.demand.by' })
      .refine((dims) => new Set(dims).size === dims.length, { error: 'validation.demand.by' }),
  )
  .describe(`one to three of ${DIMENSIONS.join(', ')}, comma-separated`);

/**
 * GET /api/v1/demand: `table` names a catalogue table, or `by` one to three dimensions (the table
 * that holds them answers); each dimension may also filter, which selects cells.
 */
export const demandQuery = z
  .object({
    round: z.string().min(1).max(100).optional().describe('round id; the latest closed round if left out'),
    table: z
      .enum(DEMAND_TABLE_IDS, { error: 'validation.demand.table' })
      .optional()
      .describe('a catalogue table (see /data/dictionary); its dimensions that no filter fixes are the breakdown'),
    by: byList.optional(),
    view: z
      .enum(['raw', 'protected'])
      .optional()
      .describe('the secretariat: raw (default) or protected figures; everyone else always gets protected ones'),
    ...filterShape,
  })
  .strict()
  .superRefine((query, ctx) => {
    if ((query.table === undefined) === (query.by === undefined))
      ctx.addIssue({ code: 'custom', path: ['by'], message: 'validation.demand.tableOrBy' });
  });

export type DemandQueryInput = z.infer<typeof demandQuery>;

export function filtersOf(query: Record<string, unknown>): Partial<Record<Dimension, string[]>> {
  const filters: Partial<Record<Dimension, string[]>> = {};
  for (const d of DIMENSIONS) {
    const value = query[d];
    if (Array.isArray(value) && value.length > 0) filters[d] = value.map(String);
  }
  return filters;
}

export const roundSchema = z.object({
  id: z.string(),
  name: z.string(),
  period: z.string(),
  status: z.string(),
  questionnaireVersion: z.number().describe('the questionnaire version the round asked'),
  closesAt: z.string().describe('when the round closes (ISO 8601); an open round publishes its figures then'),
});

/** The publication a response's figures are cells of (docs/api.md, "Demand"). */
export const publicationSchema = z
  .object({ version: z.number(), publishedAt: z.string() })
  .describe('the publication the figures come from: computed and protected once when the round closed');

export const entry = z.object({
  cell: z
    .string()
    .optional()
    .describe("the cell's id in the publication, e.g. horizon=1-3|specialisation=tech: one value in every output"),
  key: z.record(z.string(), z.string()),
  headcount: z.number().nullable(),
  organisations: z.number().nullable(),
  suppressed: z.boolean(),
  reason: z.enum(['few', 'dominance', 'secondary']).nullable(),
});

export const demandResponse = z.object({
  round: roundSchema,
  by: z.array(z.enum(DIMENSIONS)),
  protected: z.boolean(),
  publication: publicationSchema.optional(),
  table: z
    .string()
    .optional()
    .describe('the catalogue table the cells are of (GET /data/dictionary lists them); absent in raw views'),
  cells: z.array(entry),
  totals: z.array(entry),
});

/** The secretariat's raw table when it takes longer than a moment: 202, ask again after `retryAfter`. */
export const demandComputingResponse = z.object({
  status: z.literal('computing'),
  round: roundSchema,
  since: z.string().describe('when the computation started (ISO 8601)'),
  needLines: z.number().describe("the round's submitted needs: why the table takes a while"),
  lastFailedAt: z.string().nullable().describe('when the last attempt at the same table failed, if it did'),
  retryAfter: z.number().describe('seconds until it is worth asking again, as in Retry-After'),
  detail: z.string().describe('the same, for people'),
});

/** What an API query asks for: a whole table with its selection, or a breakdown. */
export function tableInputOf(query: DemandQueryInput): TableInput {
  const filters = filtersOf(query);
  if (query.table) return tableInput(query.table, filters);
  return { by: query.by ?? [], filters, ssykLevel: query.ssykLevel as 1 | 2 | 3 | 4 };
}
