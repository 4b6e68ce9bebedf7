import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { CATALOGUE, findTable, type Publication, type PublicDimension, readTable } from '../../publication/index.ts';
import type { DemandRound } from '../rounds.ts';

/**
 * The open data set of a closed round: tables of its publication (src/publication/catalogue.ts),
 * every cell and margin flattened into rows with stable columns. The names below are a promise to
 * everyone who reads the data (docs/api.md, "Open data", and the data dictionary page): add
 * columns (at the end) or tables, never rename or remove one. The first six tables are the ones
 * open data has always had; the rest of the catalogue follows.
 */
const FIRST_TABLES = [
  'specialisation-horizon',
  'focus-area-horizon',
  'ssyk4-horizon',
  'ssyk1-horizon',
  'municipality-horizon',
  'education-level-horizon',
];
export const OPEN_DATA_TABLES: readonly string[] = [
  ...FIRST_TABLES,
  ...CATALOGUE.map((t) => t.id).filter((id) => !FIRST_TABLES.includes(id) && id !== 'horizon'),
];

/** The dimensions that have a column, in column order (the first six as they always were). */
export const OPEN_DATA_DIMENSIONS = [
  'specialisation',
  'focusArea',
  'occupation',
  'municipality',
  'educationLevel',
  'horizon',
  'sector',
  'sizeClass',
  'difficulty',
  'strategy',
] as const satisfies readonly PublicDimension[];

export const OPEN_DATA_COLUMNS = [
  'roundId',
  'roundName',
  'roundPeriod',
  'table',
  ...OPEN_DATA_DIMENSIONS.slice(0, 6),
  'headcount',
  'organisations',
  'flag',
  ...OPEN_DATA_DIMENSIONS.slice(6),
  'reason',
  'cell',
  'publicationVersion',
  'questionnaireVersion',
] as const;

/** The code a row has in a dimension its table sums over. */
export const TOTAL_CODE = 'total';
/** The flag of a hidden figure (Eurostat's "confidential"). */
export const HIDDEN_FLAG = ':c';

/** A dimension's code; null where the table does not have the dimension. */
const code = z.string().nullable();
export const openDataRow = z.object({
  roundId: z.string(),
  roundName: z.string(),
  roundPeriod: z.string(),
  table: z.enum(OPEN_DATA_TABLES as [string, ...string[]]),
  specialisation: code,
  focusArea: code,
  occupation: code,
  municipality: code,
  educationLevel: code,
  horizon: code,
  headcount: z.number().nullable(),
  organisations: z.number().nullable(),
  flag: z.enum(['', HIDDEN_FLAG]),
  sector: code,
  sizeClass: code,
  difficulty: code,
  strategy: code,
  reason: z.enum(['', 'few', 'dominance', 'secondary']),
  cell: z.string().describe("the cell's id in the publication: the same figure in the API, CSV and on the page"),
  publicationVersion: z.number(),
  questionnaireVersion: z
    .number()
    .describe("the round's questionnaire version: from 2 on, headcount counts the people to recruit or train"),
});
export type OpenDataRow = z.infer<typeof openDataRow>;

/** The disclosure parameters a publication was protected with (publications.rule). */
const disclosureRule = z.object({
  minOrganisations: z.number(),
  dominanceN: z.number(),
  dominanceK: z.number(),
  protectionPercent: z
    .number()
    .describe("how far either side of a hidden figure an attacker's interval reaches at least, in per cent"),
});

export const openDataResponse = z.object({
  round: z.object({ id: z.string(), name: z.string(), period: z.string() }),
  publication: z.object({ version: z.number(), publishedAt: z.string() }),
  disclosure: disclosureRule.describe('the parameters the publication was protected with'),
  columns: z.array(z.string()),
  tables: z.array(z.string()),
  rows: z.array(openDataRow),
});
export type OpenData = z.infer<typeof openDataResponse>;

/** Cells first, then margins, each in code order: the same data always gives the same file. */
function rowOrder(a: OpenDataRow, b: OpenDataRow): number {
  const totals = (r: OpenDataRow) => OPEN_DATA_DIMENSIONS.filter((d) => r[d] === TOTAL_CODE).length;
  if (totals(a) !== totals(b)) return totals(a) - totals(b);
  for (const d of OPEN_DATA_DIMENSIONS) {
    const order = String(a[d] ?? '').localeCompare(String(b[d] ?? ''));
    if (order !== 0) return order;
  }
  return 0;
}

/** A closed round's open data: every table of its publication, for everyone, the secretariat included. */
export async function openData(
  db: Kysely<Database>,
  input: { round: DemandRound; publication: Publication },
): Promise<OpenData> {
  const { round, publication } = input;
  const stored = await db
    .selectFrom('publications')
    .select('rule')
    .where('id', '=', publication.id)
    .executeTakeFirstOrThrow();
  const rows: OpenDataRow[] = [];
  for (const id of OPEN_DATA_TABLES) {
    const table = findTable(id);
    if (!table) continue;
    const by = table.dimensions.map((d) => d.dimension);
    const ssykLevel = table.dimensions.find((d) => d.dimension === 'occupation')?.level ?? 4;
    const { cells, totals } = await readTable(db, publication, { by, filters: {}, ssykLevel });
    const tableRows = [...cells, ...totals].map((entry): OpenDataRow => {
      const codeIn = (d: PublicDimension) => (by.includes(d) ? (entry.key[d] ?? TOTAL_CODE) : null);
      return {
        roundId: round.id,
        roundName: round.name,
        roundPeriod: round.period,
        table: id,
        specialisation: codeIn('specialisation'),
        focusArea: codeIn('focusArea'),
        occupation: codeIn('occupation'),
        municipality: codeIn('municipality'),
        educationLevel: codeIn('educationLevel'),
        horizon: codeIn('horizon'),
        headcount: entry.headcount,
        organisations: entry.organisations,
        flag: entry.suppressed ? HIDDEN_FLAG : '',
        sector: codeIn('sector'),
        sizeClass: codeIn('sizeClass'),
        difficulty: codeIn('difficulty'),
        strategy: codeIn('strategy'),
        reason: entry.reason ?? '',
        cell: entry.cell,
        publicationVersion: publication.version,
        questionnaireVersion: round.questionnaireVersion,
      };
    });
    rows.push(...tableRows.sort(rowOrder));
  }
  return {
    round: { id: round.id, name: round.name, period: round.period },
    publication: { version: publication.version, publishedAt: publication.publishedAt },
    disclosure: disclosureRule.parse(JSON.parse(stored.rule)),
    columns: [...OPEN_DATA_COLUMNS],
    tables: [...OPEN_DATA_TABLES],
    rows,
  };
}
