import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../deps.ts';
import { cachedAggregateDemand } from './aggregate.ts';
import type { Dimension } from './dimensions.ts';
import { protectTable } from './protect-table.ts';
import { resolveRound } from './rounds.ts';

/**
 * The open data set of a round: a fixed set of protected tables, flattened into rows with stable
 * columns. The names below are a promise to everyone who reads the data (docs/api.md, "Open data",
 * and the data dictionary page); add columns or tables, never rename or remove one.
 */
export const OPEN_DATA_TABLES = [
  { id: 'specialisation-horizon', by: ['specialisation', 'horizon'], ssykLevel: 4 },
  { id: 'focus-area-horizon', by: ['focusArea', 'horizon'], ssykLevel: 4 },
  { id: 'ssyk4-horizon', by: ['occupation', 'horizon'], ssykLevel: 4 },
  { id: 'ssyk1-horizon', by: ['occupation', 'horizon'], ssykLevel: 1 },
  { id: 'municipality-horizon', by: ['municipality', 'horizon'], ssykLevel: 4 },
  { id: 'education-level-horizon', by: ['educationLevel', 'horizon'], ssykLevel: 4 },
] as const satisfies readonly { id: string; by: readonly Dimension[]; ssykLevel: 1 | 4 }[];

/** The dimensions that have a column, in column order. */
export const OPEN_DATA_DIMENSIONS = [
  'specialisation',
  'focusArea',
  'occupation',
  'municipality',
  'educationLevel',
  'horizon',
] as const satisfies readonly Dimension[];

export const OPEN_DATA_COLUMNS = [
  'roundId',
  'roundName',
  'roundPeriod',
  'table',
  ...OPEN_DATA_DIMENSIONS,
  'headcount',
  'organisations',
  'flag',
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
  table: z.enum(OPEN_DATA_TABLES.map((t) => t.id)),
  specialisation: code,
  focusArea: code,
  occupation: code,
  municipality: code,
  educationLevel: code,
  horizon: code,
  headcount: z.number().nullable(),
  organisations: z.number().nullable(),
  flag: z.enum(['', HIDDEN_FLAG]),
});
export type OpenDataRow = z.infer<typeof openDataRow>;

export const openDataResponse = z.object({
  round: z.object({ id: z.string(), name: z.string(), period: z.string() }),
  disclosure: z.object({ minOrganisations: z.number(), dominanceN: z.number(), dominanceK: z.number() }),
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

/** A closed round's open data: protected for everyone, the secretariat included. */
export async function openDataFor(c: Context<AppEnv>, roundId: string | undefined): Promise<OpenData> {
  const { db, config, now } = c.get('deps');
  const round = await resolveRound(c, roundId, { closedOnly: true });
  const rows: OpenDataRow[] = [];
  for (const table of OPEN_DATA_TABLES) {
    const by: Dimension[] = [...table.by];
    const entries = await cachedAggregateDemand(
      db,
      { roundId: round.id, by, filters: {}, ssykLevel: table.ssykLevel, dominanceN: config.disclosure.dominanceN },
      now(),
    );
    const tableRows = protectTable(by, entries, config.disclosure).map((entry): OpenDataRow => {
      const codeIn = (d: Dimension) => (by.includes(d) ? (entry.key[d] ?? TOTAL_CODE) : null);
      return {
        roundId: round.id,
        roundName: round.name,
        roundPeriod: round.period,
        table: table.id,
        specialisation: codeIn('specialisation'),
        focusArea: codeIn('focusArea'),
        occupation: codeIn('occupation'),
        municipality: codeIn('municipality'),
        educationLevel: codeIn('educationLevel'),
        horizon: codeIn('horizon'),
        headcount: entry.headcount,
        organisations: entry.organisations,
        flag: entry.suppressed ? HIDDEN_FLAG : '',
      };
    });
    rows.push(...tableRows.sort(rowOrder));
  }
  return {
    round: { id: round.id, name: round.name, period: round.period },
    disclosure: { ...config.disclosure },
    columns: [...OPEN_DATA_COLUMNS],
    tables: OPEN_DATA_TABLES.map((t) => t.id),
    rows,
  };
}
