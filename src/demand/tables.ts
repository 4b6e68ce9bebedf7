import type { TableRequest } from '../publication/index.ts';
import { CATALOGUE, type CatalogueTable, findTable, type PublicDimension } from '../publication/index.ts';
import { DIMENSIONS, type Dimension } from './dimensions.ts';

/**
 * The catalogue's demand tables: headcounts by the survey's dimensions, the tables a person picks
 * on the demand page and the API's `table=` names (src/publication/catalogue.ts). The difficulty
 * and strategy tables are the indicators' (src/demand/indicators/published.ts).
 */
export const DEMAND_TABLES: readonly CatalogueTable[] = CATALOGUE.filter((t) =>
  t.dimensions.every((d) => (DIMENSIONS as readonly string[]).includes(d.dimension)),
);
export const DEMAND_TABLE_IDS = DEMAND_TABLES.map((t) => t.id) as [string, ...string[]];

/** The table the demand page shows when nothing is chosen. */
export const DEFAULT_TABLE = 'specialisation-horizon';

export interface TableInput {
  by: Dimension[];
  filters: Partial<Record<Dimension, string[]>>;
  ssykLevel: 1 | 2 | 3 | 4;
}

export function tableDimensions(table: CatalogueTable): Dimension[] {
  return table.dimensions.map((d) => d.dimension as Dimension);
}

/** The SSYK level a table's occupations are at; 4 for a table without occupations. */
export function tableSsykLevel(table: CatalogueTable): 1 | 2 | 3 | 4 {
  return table.dimensions.find((d) => d.dimension === 'occupation')?.level ?? 4;
}

/**
 * A request for a whole table with a selection: the dimensions a filter does not fix are the
 * breakdown, the filtered ones are selected (a filter never makes a new total).
 */
export function tableInput(id: string, filters: Partial<Record<Dimension, string[]>>): TableInput {
  const table = findTable(id) ?? findTable(DEFAULT_TABLE);
  if (!table) throw new Error(`the catalogue has no table ${DEFAULT_TABLE}`);
  return {
    by: tableDimensions(table).filter((d) => !filters[d]?.length),
    filters,
    ssykLevel: tableSsykLevel(table),
  };
}

/** The codes a filter fixes to one value: every entry of the selection carries them. */
export function fixedCodes(filters: Partial<Record<Dimension, string[]>>): Record<string, string> {
  const fixed: Record<string, string> = {};
  for (const [d, values] of Object.entries(filters)) if (values?.length === 1 && values[0]) fixed[d] = values[0];
  return fixed;
}

/**
 * A demand request in the publication's terms. `skill` is no published dimension: a request with
 * it names no catalogue table, and reading it is refused with the nearest one (read.ts).
 */
export function catalogueRequest(input: TableInput): TableRequest {
  return {
    by: input.by as PublicDimension[],
    filters: input.filters as Partial<Record<PublicDimension, string[]>>,
    ssykLevel: input.ssykLevel,
  };
}
