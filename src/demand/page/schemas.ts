import { z } from 'zod';
import { SECTORS, SIZE_CLASSES } from '../../organisations/index.ts';
import { HORIZONS } from '../../surveys/index.ts';
import { EDUCATION_LEVEL_CODES } from '../../taxonomy/index.ts';
import { DIMENSIONS, type Dimension } from '../dimensions.ts';
import { DEFAULT_TABLE, DEMAND_TABLE_IDS, type TableInput, tableInput } from '../tables.ts';

/** The dimensions a person can break the page's table down by and filter it on. */
export const PAGE_DIMENSIONS = DIMENSIONS.filter((d) => d !== 'skill');
export const PAGE_FILTERS = [
  'specialisation',
  'focusArea',
  'horizon',
  'educationLevel',
  'municipality',
  'sector',
  'sizeClass',
] as const satisfies readonly Dimension[];

const optionalText = z
  .string()
  .max(100)
  .optional()
  .transform((v) => (v ? v : undefined));
/**
 * A select's value; "" (all) is no filter. A value no select offers (a mistyped bookmark) is an
 * error at the field, not a quietly empty table: a fixed list is checked against its values, a
 * kommun against the form of a code, a strategy code against the form of a slug (a well-formed
 * code that matches nothing gives the empty table it should).
 */
const filterValue = (allowed: readonly string[] | RegExp) =>
  optionalText
    .refine((v) => v === undefined || (allowed instanceof RegExp ? allowed.test(v) : allowed.includes(v)), {
      error: 'validation.demand.filterValue',
    })
    .transform((v) => (v ? [v] : undefined));
const FILTER_VALUES: Record<(typeof PAGE_FILTERS)[number], readonly string[] | RegExp> = {
  specialisation: /^[a-z0-9-]{1,60}$/,
  focusArea: /^[a-z0-9-]{1,60}$/,
  horizon: HORIZONS,
  educationLevel: EDUCATION_LEVEL_CODES,
  municipality: /^\d{4}$/,
  sector: SECTORS,
  sizeClass: SIZE_CLASSES,
};

/**
 * The GET form of /demand, so that every view is a bookmarkable address: a catalogue table and the
 * codes that select its rows and columns. `by` (repeated or comma-separated) and `ssykLevel` are
 * what earlier addresses named; they lead to the table that holds that breakdown.
 */
export const demandPageQuery = z.object({
  round: optionalText,
  table: z
    .enum(['', ...DEMAND_TABLE_IDS], { error: 'validation.demand.table' })
    .optional()
    .transform((v) => v || undefined),
  by: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? undefined : [v].flat().flatMap((s) => s.split(','))))
    .transform((v) => v?.map((s) => s.trim()).filter(Boolean))
    .pipe(
      z
        .array(z.enum(PAGE_DIMENSIONS, { error: 'validation.demand.dimension' }))
        .min(1, { error: 'validation.demand.by' })
        .max(3, { error: 'validation.demand.by' })
        .refine((dims) => new Set(dims).size === dims.length, { error: 'validation.demand.byDistinct' })
        .optional(),
    ),
  ssykLevel: z
    .enum(['', '1', '2', '3', '4'])
    .optional()
    .transform((v) => (v ? (Number(v) as 1 | 2 | 3 | 4) : undefined)),
  /** The round to compare with; `none` for no comparison, left out for the round before. */
  compare: optionalText,
  view: z.enum(['', 'raw', 'protected']).optional(),
  org: optionalText,
  ...Object.fromEntries(PAGE_FILTERS.map((d) => [d, filterValue(FILTER_VALUES[d])])),
});

export type DemandPageQuery = z.infer<typeof demandPageQuery>;

/**
 * What the page asks the publication for: the chosen table, or for an earlier address the
 * breakdown it named (its filtered dimensions are selected, not broken down), or the default table.
 */
export function pageTableInput(query: DemandPageQuery): TableInput {
  const filters = pageFilters(query);
  if (query.table) return tableInput(query.table, filters);
  if (query.by) return { by: query.by.filter((d) => !filters[d]?.length), filters, ssykLevel: query.ssykLevel ?? 4 };
  return tableInput(DEFAULT_TABLE, filters);
}

export function pageFilters(query: Record<string, unknown>): Partial<Record<Dimension, string[]>> {
  const filters: Partial<Record<Dimension, string[]>> = {};
  for (const d of PAGE_FILTERS) {
    const value = query[d];
    if (Array.isArray(value) && value.length > 0) filters[d] = value.map(String);
  }
  return filters;
}

/** The same table through the API: the round and table named, the filters as given. */
export function apiSearch(input: {
  round: string;
  table: string;
  filters: Partial<Record<Dimension, string[]>>;
  view?: 'raw' | 'protected' | undefined;
}): string {
  const params = new URLSearchParams({ round: input.round, table: input.table });
  for (const [d, values] of Object.entries(input.filters)) if (values?.length) params.set(d, values.join(','));
  if (input.view) params.set('view', input.view);
  return params.toString();
}
