import type { Kysely } from 'kysely';
import { recordAuditIn } from '../audit/index.ts';
import { DomainError } from '../core/errors.ts';
import { isSecretariat } from '../core/principal.ts';
import type { Scope } from '../core/scope.ts';
import type { Database } from '../db/schema.ts';
import { type Publication, type PublishedEntry, publicationState, readTable } from '../publication/index.ts';
import { demandJsonBodies } from './cache.ts';
import type { Dimension } from './dimensions.ts';
import type { ProtectedEntry } from './protect-table.ts';
import { RAW_TABLE_WAIT_MS } from './raw/progress.ts';
import { rawDemandTable, type TableComputing } from './raw/table.ts';
import { type DemandRound, resolveRound } from './rounds.ts';
import { catalogueRequest, type TableInput } from './tables.ts';

export type { TableComputing } from './raw/table.ts';

/** An entry of a demand table; `cell` is its id in the publication (absent in raw views). */
export interface DemandEntry extends ProtectedEntry {
  cell?: string;
}

export interface DemandTable {
  round: DemandRound;
  by: Dimension[];
  protected: boolean;
  /** The publication the figures are cells of; absent in the secretariat's raw view. */
  publication?: { version: number; publishedAt: string };
  /** The catalogue table that answered (src/publication/catalogue.ts). */
  table?: string;
  cells: DemandEntry[];
  totals: DemandEntry[];
}

/** How many of the organisations a round asked have answered so far. */
export async function answeredSoFar(
  db: Kysely<Database>,
  roundId: string,
): Promise<{ answered: number; targeted: number }> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('round_targets')
        .select((c) => c.fn.countAll<number>().as('n'))
        .where('round_id', '=', roundId)
        .as('targeted'),
      eb
        .selectFrom('responses')
        .select((c) => c.fn.countAll<number>().as('n'))
        .where('round_id', '=', roundId)
        .where('status', '=', 'submitted')
        .as('answered'),
    ])
    .executeTakeFirst();
  return { answered: Number(row?.answered ?? 0), targeted: Number(row?.targeted ?? 0) };
}

/**
 * What a round has to show: an open round publishes no figures, only how many have answered (a
 * figure before and after one submission would differ by exactly that submission) and when it
 * closes; a closed round's figures may still be computing, or not yet asked for.
 */
export type FiguresState =
  | { state: 'open'; answered: number; targeted: number; closesAt: string }
  | { state: 'computing'; progress: number }
  | { state: 'unpublished' }
  | { state: 'published'; publication: Publication };

export async function figuresState(db: Kysely<Database>, round: DemandRound): Promise<FiguresState> {
  if (round.status !== 'closed')
    return { state: 'open', ...(await answeredSoFar(db, round.id)), closesAt: round.closesAt };
  const state = await publicationState(db, round.id);
  if (state.state === 'published') return state;
  if (state.state === 'computing') return { state: 'computing', progress: state.progress };
  return { state: 'unpublished' };
}

/** The round's current publication, or a DomainError saying why there is none to read (409). */
export async function requirePublication(db: Kysely<Database>, round: DemandRound): Promise<Publication> {
  const state = await figuresState(db, round);
  if (state.state === 'published') return state.publication;
  if (state.state === 'open') {
    throw new DomainError('conflict', 'demand.roundOpen', {
      params: { answered: state.answered, targeted: state.targeted },
      dateParams: { closesAt: round.closesAt },
      extra: {
        roundStatus: round.status,
        organisationsAnswered: state.answered,
        organisationsTargeted: state.targeted,
        closesAt: round.closesAt,
      },
    });
  }
  if (state.state === 'computing') {
    throw new DomainError('conflict', 'demand.publishing', {
      extra: { publicationProgress: state.progress },
      headers: { 'Retry-After': '60' },
    });
  }
  throw new DomainError('conflict', 'demand.notYetPublished');
}

function toDemandEntry(entry: PublishedEntry): DemandEntry {
  return {
    cell: entry.cell,
    key: Object.fromEntries(Object.entries(entry.key).filter((e): e is [string, string] => e[1] !== undefined)),
    headcount: entry.headcount,
    organisations: entry.organisations,
    suppressed: entry.suppressed,
    reason: entry.reason,
  };
}

/** A table of the round's publication, with the selection asked for. */
export async function publishedDemandTable(db: Kysely<Database>, publication: Publication, input: TableInput) {
  return readTable(db, publication, catalogueRequest(input));
}

/**
 * A round's demand as cells of its publication: the one catalogue table that holds the breakdown
 * and the selection (a 422 naming the nearest table otherwise), or a 409 while there is none.
 */
export async function publishedDemand(
  db: Kysely<Database>,
  round: DemandRound,
  input: TableInput,
  publication?: Publication,
): Promise<DemandTable> {
  const source = publication ?? (await requirePublication(db, round));
  const table = await publishedDemandTable(db, source, input);
  return {
    round,
    by: input.by,
    protected: true,
    publication: { version: source.version, publishedAt: source.publishedAt },
    table: table.table.id,
    cells: table.cells.map(toDemandEntry),
    totals: table.totals.map(toDemandEntry),
  };
}

/**
 * A public (or protected-view) table as the JSON API's text, kept per publication: the second
 * reader of a table neither reads its cells nor serialises them again. `undefined` when the caller
 * sees raw figures (the secretariat), which are never kept as text.
 */
export async function publishedDemandText(scope: Scope, input: TableRequest): Promise<string | undefined> {
  if (isSecretariat(scope.principal) && input.view !== 'protected') return undefined;
  const { db } = scope.deps;
  const round = await resolveRound(db, input.round);
  const publication = await requirePublication(db, round);
  const { round: _round, view: _view, ...table } = input;
  const key = `${publication.id}/${JSON.stringify(round)}/${JSON.stringify(table)}`;
  return demandJsonBodies.get(db, { key, dependsOn: [], now: scope.now }, async () =>
    JSON.stringify(await publishedDemand(db, round, table, publication)),
  );
}

type TableRequest = TableInput & { round?: string | undefined; view?: 'raw' | 'protected' };

/**
 * Demand as a table. Everyone but the secretariat reads cells of the round's publication; the
 * secretariat sees raw figures (each read audited), for any breakdown, with what publishing hides:
 * the publication's status where the breakdown is a published table, else the primary rule's.
 * Waits for a raw table however long it takes (off the request thread on Node).
 */
export async function demandTable(scope: Scope, input: TableRequest): Promise<DemandTable> {
  const result = await demandTableWithin(scope, input, Number.POSITIVE_INFINITY);
  // Without a wait limit a computation is only ever done or failed (which throws).
  if ('state' in result) throw new DomainError('unavailable', 'demand.raw.failed');
  return result;
}

/**
 * The same, waiting for a raw table at most RAW_TABLE_WAIT_MS: a table that takes longer goes on
 * being computed off the request, and the person is told so (202, or the page's notice) and asks
 * again. Public requests only read the publication and are answered at once.
 */
export function demandTableOrProgress(scope: Scope, input: TableRequest): Promise<DemandTable | TableComputing> {
  return demandTableWithin(scope, input, RAW_TABLE_WAIT_MS);
}

async function demandTableWithin(
  scope: Scope,
  input: TableRequest,
  waitMs: number,
): Promise<DemandTable | TableComputing> {
  const { db } = scope.deps;
  const round = await resolveRound(db, input.round);
  const raw = isSecretariat(scope.principal) && input.view !== 'protected';
  if (!raw) return publishedDemand(db, round, input);
  const result = await rawDemandTable(scope.deps, round, input, waitMs);
  if ('state' in result) return result;
  // Audited when raw figures are handed out, not while they are still being computed.
  await recordAuditIn(scope, {
    action: 'raw-answers.read',
    targetType: 'demand',
    targetId: round.id,
    detail: { by: input.by },
  });
  return { round, by: input.by, protected: false, ...result };
}
