import { z } from 'zod';
import { DIMENSIONS, type Dimension } from './dimensions.ts';

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

/** GET /api/v1/demand: `by` names one to three dimensions; each dimension may also filter. */
export const demandQuery = z
  .object({
    round: z.string().min(1).max(100).optional().describe('round id; the latest closed round if left out'),
    by: byList,
    view: z
      .enum(['raw', 'protected'])
      .optional()
      .describe('the secretariat: raw (default) or protected figures; everyone else always gets protected ones'),
    ...filterShape,
  })
  .strict();

export type DemandQueryInput = z.infer<typeof demandQuery>;

export function filtersOf(query: Record<string, unknown>): Partial<Record<Dimension, string[]>> {
  const filters: Partial<Record<Dimension, string[]>> = {};
  for (const d of DIMENSIONS) {
    const value = query[d];
    if (Array.isArray(value) && value.length > 0) filters[d] = value.map(String);
  }
  return filters;
}

export const roundSchema = z.object({ id: z.string(), name: z.string(), period: z.string(), status: z.string() });

export const entry = z.object({
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
  cells: z.array(entry),
  totals: z.array(entry),
});
