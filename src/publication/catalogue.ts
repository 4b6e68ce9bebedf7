/**
 * The publication's catalogue: the fixed, declared set of tables a closed round publishes
 * (docs/decisions/0020-joint-publication.md). Every public and provider figure is a cell of one of
 * these tables; a filter selects cells, it never makes a new total. Tables carry all their margins
 * (every subset of their dimensions summed), and a margin that two tables share is one cell with one
 * value and one status everywhere.
 *
 * Adding a table is a compatible change (raise CATALOGUE_VERSION: the next publication protects it
 * together with the rest); removing or renaming one needs a decision record.
 */
export const CATALOGUE_VERSION = 1;

/** The dimensions a published cell can have. `occupation` carries an SSYK level (1–4). */
export const PUBLIC_DIMENSIONS = [
  'specialisation',
  'focusArea',
  'occupation',
  'horizon',
  'educationLevel',
  'municipality',
  'sector',
  'sizeClass',
  'difficulty',
  'strategy',
] as const;
export type PublicDimension = (typeof PUBLIC_DIMENSIONS)[number];

export type SsykLevel = 1 | 2 | 3 | 4;

/** A dimension of a table: the dimension, and for occupation the SSYK level it rolls up to. */
export interface TableDimension {
  dimension: PublicDimension;
  level?: SsykLevel;
}

export interface CatalogueTable {
  /** Stable id, used in the API (`table=`), open data and CSV file names. */
  id: string;
  dimensions: readonly TableDimension[];
}

const d = (dimension: PublicDimension): TableDimension => ({ dimension });
const occ = (level: SsykLevel): TableDimension => ({ dimension: 'occupation', level });
const SSYK_LEVELS = [4, 3, 2, 1] as const;

export const CATALOGUE: readonly CatalogueTable[] = [
  { id: 'horizon', dimensions: [d('horizon')] },
  { id: 'specialisation-horizon', dimensions: [d('specialisation'), d('horizon')] },
  { id: 'focus-area-horizon', dimensions: [d('focusArea'), d('horizon')] },
  ...SSYK_LEVELS.map((level) => ({ id: `ssyk${level}-horizon`, dimensions: [occ(level), d('horizon')] })),
  ...SSYK_LEVELS.map((level) => ({
    id: `specialisation-ssyk${level}-horizon`,
    dimensions: [d('specialisation'), occ(level), d('horizon')],
  })),
  { id: 'municipality-horizon', dimensions: [d('municipality'), d('horizon')] },
  { id: 'specialisation-municipality-horizon', dimensions: [d('specialisation'), d('municipality'), d('horizon')] },
  { id: 'education-level-horizon', dimensions: [d('educationLevel'), d('horizon')] },
  { id: 'sector-horizon', dimensions: [d('sector'), d('horizon')] },
  { id: 'size-class-horizon', dimensions: [d('sizeClass'), d('horizon')] },
  { id: 'difficulty-specialisation', dimensions: [d('difficulty'), d('specialisation')] },
  { id: 'strategy-specialisation', dimensions: [d('strategy'), d('specialisation')] },
];

export function findTable(id: string): CatalogueTable | undefined {
  return CATALOGUE.find((t) => t.id === id);
}

/**
 * A dimension with its level as one token: `occupation@4`, `horizon`. Cells and their kinds are
 * written with these.
 */
export function dimensionToken(td: TableDimension): string {
  return td.dimension === 'occupation' ? `occupation@${td.level ?? 4}` : td.dimension;
}

export function parseToken(token: string): TableDimension {
  const [dimension, level] = token.split('@') as [PublicDimension, string | undefined];
  return level === undefined ? { dimension } : { dimension, level: Number(level) as SsykLevel };
}

/**
 * The kind of a cell: the sorted tokens of the dimensions it has ('' for the grand total). Two
 * tables that share a margin share its kind, and so its cells.
 */
export function kindOf(tokens: readonly string[]): string {
  return [...tokens].sort().join('|');
}

/** Every kind a table holds: all subsets of its dimensions (its cells and every margin). */
export function kindsOf(table: CatalogueTable): string[] {
  const tokens = table.dimensions.map(dimensionToken);
  const out: string[] = [];
  for (let mask = 0; mask < 1 << tokens.length; mask++) {
    out.push(kindOf(tokens.filter((_t, i) => (mask >> i) & 1)));
  }
  return out;
}

/** Every kind in the catalogue, each once. */
export function catalogueKinds(): string[] {
  return [...new Set(CATALOGUE.flatMap(kindsOf))];
}

/** A cell's id: its kind's tokens with their codes, `horizon=0-1|specialisation=tech`. */
export function cellId(key: Readonly<Record<string, string>>): string {
  return Object.keys(key)
    .sort()
    .map((token) => `${token}=${key[token]}`)
    .join('|');
}

export function parseCellId(id: string): Record<string, string> {
  if (id === '') return {};
  return Object.fromEntries(
    id.split('|').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at), part.slice(at + 1)];
    }),
  );
}

/** Dimensions whose codes a need can hold several of: their margins are distinct totals, not sums. */
export const MULTI_VALUED: ReadonlySet<PublicDimension> = new Set(['specialisation', 'focusArea', 'strategy']);
