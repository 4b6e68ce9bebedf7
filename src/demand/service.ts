import type { Context } from 'hono';
import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit/audit.ts';
import { DomainError } from '../core/errors.ts';
import type { Database } from '../db/schema.ts';
import type { AppEnv } from '../deps.ts';
import { isSecretariat } from '../identity/principal.ts';
import type { PublicDimension, SsykLevel } from '../publication/catalogue.ts';
import { type Publication, publicationState, readTable } from '../publication/read.ts';
import { cachedAggregateDemand } from './aggregate.ts';
import type { Dimension } from './dimensions.ts';
import { type ProtectedEntry, protectTable } from './protect-table.ts';
import { type DemandRound, resolveRound } from './rounds.ts';

export interface DemandTable {
  round: DemandRound;
  by: Dimension[];
  protected: boolean;
  /** The publication the figures are cells of; absent in the secretariat's raw view. */
  publication?: { version: number; publishedAt: string };
  /** The catalogue table that answered (src/publication/catalogue.ts). */
  table?: string;
  cells: ProtectedEntry[];
  totals: ProtectedEntry[];
}

/** How many of the organisations a round asked have answered so far. */
export async function answeredSoFar(
  db: Kysely<Database>,
  roundId: string,
): Promise<{ answered: number; targeted: number }> {
  const row = await sql<{ targeted: number; answered: number }>`
    select (select count(*) from round_targets where round_id = ${roundId}) as targeted,
      (select count(*) from responses where round_id = ${roundId} and status = 'submitted') as answered`
    .execute(db)
    .then((r) => r.rows[0]);
  return { answered: Number(row?.answered ?? 0), targeted: Number(row?.targeted ?? 0) };
}

/**
 * The round's current publication, or why there is none to read: an open round publishes no
 * figures, only how many have answered (a figure before and after one submission would differ by
 * exactly that submission); a closed round's figures may still be computing.
 */
export async function requirePublication(db: Kysely<Database>, round: DemandRound): Promise<Publication> {
  if (round.status !== 'closed') {
    const { answered, targeted } = await answeredSoFar(db, round.id);
    throw new DomainError('conflict', 'demand.roundOpen', {
      params: { answered, targeted },
      dateParams: { closesAt: round.closesAt },
      extra: { roundStatus: round.status, organisationsAnswered: answered, organisationsTargeted: targeted },
    });
  }
  const state = await publicationState(db, round.id);
  if (state.state === 'published') return state.publication;
  if (state.state === 'computing') {
    throw new DomainError('conflict', 'demand.publishing', {
      extra: { publicationProgress: state.progress },
      headers: { 'Retry-After': '60' },
    });
  }
  throw new DomainError('conflict', 'demand.notYetPublished');
}

function toProtected(entry: {
  key: Partial<Record<PublicDimension, string>>;
  headcount: number | null;
  organisations: number | null;
  suppressed: boolean;
  reason: ProtectedEntry['reason'];
}): ProtectedEntry {
  return {
    key: Object.fromEntries(Object.entries(entry.key).filter((e): e is [string, string] => e[1] !== undefined)),
    headcount: entry.headcount,
    organisations: entry.organisations,
    suppressed: entry.suppressed,
    reason: entry.reason,
  };
}

/** A table of the round's publication, with the selection asked for. */
export async function publishedDemandTable(
  db: Kysely<Database>,
  publication: Publication,
  input: { by: Dimension[]; filters: Partial<Record<Dimension, string[]>>; ssykLevel: 1 | 2 | 3 | 4 },
) {
  return readTable(db, publication, {
    by: input.by as PublicDimension[],
    filters: input.filters as Partial<Record<PublicDimension, string[]>>,
    ssykLevel: input.ssykLevel as SsykLevel,
  });
}

/**
 * Demand as a table. Everyone but the secretariat reads cells of the round's publication; the
 * secretariat sees raw figures (each read audited), for any breakdown, with what publishing hides:
 * the publication's status where the breakdown is a published table, else the primary rule's.
 */
export async function demandTable(
  c: Context<AppEnv>,
  input: {
    round?: string | undefined;
    by: Dimension[];
    filters: Partial<Record<Dimension, string[]>>;
    ssykLevel: 1 | 2 | 3 | 4;
    view?: 'raw' | 'protected';
  },
): Promise<DemandTable> {
  const { db, config } = c.get('deps');
  const round = await resolveRound(c, input.round);
  const raw = isSecretariat(c.get('principal')) && input.view !== 'protected';
  if (!raw) {
    const publication = await requirePublication(db, round);
    const table = await publishedDemandTable(db, publication, input);
    return {
      round,
      by: input.by,
      protected: true,
      publication: { version: publication.version, publishedAt: publication.publishedAt },
      table: table.table.id,
      cells: table.cells.map(toProtected),
      totals: table.totals.map(toProtected),
    };
  }
  const query = {
    roundId: round.id,
    by: input.by,
    filters: input.filters,
    ssykLevel: input.ssykLevel,
    dominanceN: config.disclosure.dominanceN,
  };
  const { offload } = c.get('deps');
  const entries = await cachedAggregateDemand(db, query, c.get('deps').now(), offload?.aggregateDemand);
  const hiddenBy = await publishedReasons(db, round, input);
  const primary = protectTable(input.by, entries, config.disclosure);
  const out: ProtectedEntry[] = entries.map((e, i) => ({
    key: e.key,
    headcount: e.headcount,
    organisations: e.organisations,
    suppressed: false,
    reason: hiddenBy ? (hiddenBy.get(keyOf(e.key)) ?? null) : (primary[i]?.reason ?? null),
  }));
  await recordAudit(c, {
    action: 'raw-answers.read',
    targetType: 'demand',
    targetId: round.id,
    detail: { by: input.by },
  });
  const isCell = (e: ProtectedEntry) => input.by.every((d) => e.key[d] !== undefined);
  return { round, by: input.by, protected: false, cells: out.filter(isCell), totals: out.filter((e) => !isCell(e)) };
}

function keyOf(key: Record<string, string | undefined>): string {
  return Object.keys(key)
    .filter((k) => key[k] !== undefined)
    .sort()
    .map((k) => `${k}=${key[k]}`)
    .join('|');
}

/** What the publication hides of a raw table, by entry key, when the table is one it publishes. */
async function publishedReasons(
  db: Kysely<Database>,
  round: DemandRound,
  input: { by: Dimension[]; filters: Partial<Record<Dimension, string[]>>; ssykLevel: 1 | 2 | 3 | 4 },
): Promise<Map<string, ProtectedEntry['reason']> | null> {
  if (round.status !== 'closed') return null;
  const state = await publicationState(db, round.id);
  if (state.state !== 'published') return null;
  try {
    const table = await publishedDemandTable(db, state.publication, input);
    const filtered = new Set(Object.keys(input.filters));
    return new Map(
      [...table.cells, ...table.totals].map((e) => {
        // Raw entries are keyed by the breakdown only; the filter's code is implied.
        const key = Object.fromEntries(Object.entries(e.key).filter(([d]) => !filtered.has(d)));
        return [keyOf(key), e.reason];
      }),
    );
  } catch (err) {
    if (err instanceof DomainError) return null;
    throw err;
  }
}
