import type { Kysely } from 'kysely';
import { DomainError } from '../core/errors.ts';
import { runCompiled } from '../db/queries.ts';
import type { Database } from '../db/schema.ts';
import {
  CATALOGUE,
  type CatalogueTable,
  dimensionToken,
  kindOf,
  type PublicDimension,
  parseCellId,
  parseToken,
  type SsykLevel,
} from './catalogue.ts';

/**
 * Reading a round's publication: the only source of figures for everyone but the secretariat's raw
 * views (docs/decisions/0020-joint-publication.md). A request names dimensions to break down by and
 * codes to select; it is answered by one catalogue table, whose cells the selection picks. A request
 * no table holds is refused with the nearest table that does: a filter never makes a new total.
 */
export interface Publication {
  id: string;
  roundId: string;
  version: number;
  publishedAt: string;
}

export type PublicationState =
  | { state: 'published'; publication: Publication }
  | { state: 'computing'; progress: number; startedAt: string }
  | { state: 'failed' }
  | { state: 'none' };

export type HiddenReason = 'few' | 'dominance' | 'secondary';

export interface PublishedEntry {
  /** The cell's id in the publication (catalogue.ts `cellId`): the same cell in every output. */
  cell: string;
  /** Codes by dimension; a dimension the entry sums over is absent. */
  key: Partial<Record<PublicDimension, string>>;
  headcount: number | null;
  organisations: number | null;
  suppressed: boolean;
  reason: HiddenReason | null;
}

export interface TableRequest {
  by: readonly PublicDimension[];
  filters: Partial<Record<PublicDimension, readonly string[]>>;
  ssykLevel: SsykLevel;
}

export interface PublishedTable {
  table: CatalogueTable;
  /** Entries with every `by` dimension, and the margins over some of them (`totals`). */
  cells: PublishedEntry[];
  totals: PublishedEntry[];
}

/** The round's current publication, or where its computation stands. */
export async function publicationState(db: Kysely<Database>, roundId: string): Promise<PublicationState> {
  // Read by every request for figures: compiled once per database handle (decision 0017).
  const { rows } = await runCompiled(
    db,
    'publication-state',
    () =>
      db
        .selectFrom('publications')
        .select(['id', 'round_id', 'version', 'status', 'progress', 'created_at', 'published_at'])
        .where('round_id', '=', roundId)
        .where('status', 'in', ['published', 'computing', 'failed'])
        .orderBy('version', 'desc'),
    [roundId, 'published', 'computing', 'failed'],
  );
  const published = rows.find((r) => r.status === 'published');
  if (published) {
    return {
      state: 'published',
      publication: {
        id: published.id,
        roundId: published.round_id,
        version: published.version,
        publishedAt: published.published_at ?? published.created_at,
      },
    };
  }
  const computing = rows.find((r) => r.status === 'computing');
  if (computing) return { state: 'computing', progress: computing.progress, startedAt: computing.created_at };
  return rows.length > 0 ? { state: 'failed' } : { state: 'none' };
}

/** A request's tokens: its dimensions, occupation at the level asked for. */
function tokensOf(request: TableRequest): { by: string[]; filtered: string[] } {
  const token = (d: PublicDimension) =>
    dimensionToken(d === 'occupation' ? { dimension: d, level: request.ssykLevel } : { dimension: d });
  const filtered = (Object.keys(request.filters) as PublicDimension[])
    .filter((d) => (request.filters[d]?.length ?? 0) > 0)
    .map(token);
  return { by: request.by.map(token), filtered };
}

/**
 * The catalogue table that answers a request, or a DomainError naming the nearest one: the table
 * with every `by` dimension and the most of the rest, then the smallest. A request for a margin of
 * a table (`by=occupation`: every horizon summed) is answered by the smallest table that holds it,
 * since a table publishes all its margins.
 */
export function resolveTable(request: TableRequest): CatalogueTable {
  const { by, filtered } = tokensOf(request);
  const wanted = new Set([...by, ...filtered]);
  const tokens = (t: CatalogueTable) => t.dimensions.map(dimensionToken);
  const exact = CATALOGUE.find((t) => {
    const own = tokens(t);
    return own.length === wanted.size && own.every((x) => wanted.has(x));
  });
  if (exact) return exact;
  const holding = CATALOGUE.filter((t) => [...wanted].every((x) => tokens(t).includes(x))).sort(
    (a, b) => a.dimensions.length - b.dimensions.length,
  )[0];
  if (holding) return holding;
  const score = (t: CatalogueTable) => {
    const own = tokens(t);
    const hasBy = by.every((x) => own.includes(x)) ? 1 : 0;
    const overlap = own.filter((x) => wanted.has(x)).length;
    return hasBy * 1000 + overlap * 10 - own.length;
  };
  const nearest = [...CATALOGUE].sort((a, b) => score(b) - score(a) || a.id.localeCompare(b.id))[0];
  throw new DomainError('invalid', 'demand.notPublished', {
    field: 'by',
    messageParams: { nearest: `publication.table.${nearest?.id ?? 'horizon'}` },
    extra: {
      nearestTable: nearest ? { id: nearest.id, dimensions: tokens(nearest) } : null,
      tables: CATALOGUE.map((t) => ({ id: t.id, dimensions: tokens(t) })),
    },
  });
}

function toEntry(
  row: Pick<Database['publication_cells'], 'cell_id' | 'headcount' | 'organisations' | 'status'>,
): PublishedEntry {
  const key: Partial<Record<PublicDimension, string>> = {};
  for (const [token, code] of Object.entries(parseCellId(row.cell_id))) key[parseToken(token).dimension] = code;
  const published = row.status === 'published';
  return {
    cell: row.cell_id,
    key,
    headcount: published ? row.headcount : null,
    organisations: published ? row.organisations : null,
    suppressed: !published,
    reason: published ? null : (row.status as HiddenReason),
  };
}

/**
 * A table of a publication with the request's selection: the cells and those margins that keep
 * every filtered dimension (a margin over a filtered dimension would be a total the selection did
 * not ask for).
 */
export async function readTable(
  db: Kysely<Database>,
  publication: Publication,
  request: TableRequest,
): Promise<PublishedTable> {
  const table = resolveTable(request);
  const { by, filtered } = tokensOf(request);
  const kinds: string[] = [];
  for (let mask = 0; mask < 1 << by.length; mask++) {
    kinds.push(kindOf([...filtered, ...by.filter((_t, i) => (mask >> i) & 1)]));
  }
  const rows = await db
    .selectFrom('publication_cells')
    .select(['kind', 'cell_id', 'headcount', 'organisations', 'status'])
    .where('publication_id', '=', publication.id)
    .where('kind', 'in', kinds)
    .orderBy('kind')
    .orderBy('cell_id')
    .execute();
  const full = kindOf([...filtered, ...by]);
  const selected = rows.filter((row) => {
    const key = parseCellId(row.cell_id);
    return filtered.every((token) => {
      const dimension = parseToken(token).dimension;
      return request.filters[dimension]?.includes(key[token] ?? '') ?? true;
    });
  });
  return {
    table,
    cells: selected.filter((r) => r.kind === full).map(toEntry),
    totals: selected.filter((r) => r.kind !== full).map(toEntry),
  };
}

/** Every cell of some kinds, keyed by cell id: for views that look for a published coarser figure. */
export async function readKinds(
  db: Kysely<Database>,
  publication: Publication,
  kinds: readonly string[],
): Promise<Map<string, PublishedEntry>> {
  if (kinds.length === 0) return new Map();
  const rows = await db
    .selectFrom('publication_cells')
    .select(['cell_id', 'headcount', 'organisations', 'status'])
    .where('publication_id', '=', publication.id)
    .where('kind', 'in', [...kinds])
    .execute();
  return new Map(rows.map((row) => [row.cell_id, toEntry(row)]));
}

/** A cell with its true figures beside what is published of it. */
export interface RawEntry extends PublishedEntry {
  trueHeadcount: number;
  trueOrganisations: number;
}

/**
 * Every cell of some kinds with its true figures, keyed by cell id: for the secretariat's raw views
 * only (audited by the caller), never for a public one. The status still says what the publication
 * hides, so a raw view can mark it.
 */
export async function readKindsRaw(
  db: Kysely<Database>,
  publication: Publication,
  kinds: readonly string[],
): Promise<Map<string, RawEntry>> {
  if (kinds.length === 0) return new Map();
  const rows = await db
    .selectFrom('publication_cells')
    .select(['cell_id', 'headcount', 'organisations', 'status', 'true_headcount', 'true_organisations'])
    .where('publication_id', '=', publication.id)
    .where('kind', 'in', [...kinds])
    .execute();
  return new Map(
    rows.map((row) => [
      row.cell_id,
      { ...toEntry(row), trueHeadcount: row.true_headcount, trueOrganisations: row.true_organisations },
    ]),
  );
}

/**
 * The coarser cells that stand in for a hidden one, nearest first: the occupation one SSYK level up
 * at a time, then all horizons, then the whole region (no kommun), then without size class, sector
 * and education level. Views show the first of these that is published, and say which it is.
 */
export function coarserCells(cellId: string): string[] {
  const key = parseCellId(cellId);
  const steps: Record<string, string>[] = [];
  let current = { ...key };
  const occupationToken = Object.keys(current).find((t) => t.startsWith('occupation@'));
  if (occupationToken) {
    let level = parseToken(occupationToken).level ?? 4;
    let code = current[occupationToken] ?? '';
    while (level > 1 && /^\d+$/.test(code)) {
      const next: Record<string, string> = { ...current };
      delete next[`occupation@${level}`];
      level--;
      code = code.slice(0, level);
      next[`occupation@${level}`] = code;
      steps.push(next);
      current = next;
    }
  }
  for (const token of ['horizon', 'municipality', 'sizeClass', 'sector', 'educationLevel']) {
    if (current[token] === undefined) continue;
    const next = { ...current };
    delete next[token];
    steps.push(next);
    current = next;
  }
  return steps.map((k) =>
    Object.keys(k)
      .sort()
      .map((t) => `${t}=${k[t]}`)
      .join('|'),
  );
}

/** The kinds of the cells `coarserCells` may name, for one kind. */
export function coarserKinds(kind: string): string[] {
  const probe =
    kind === ''
      ? ''
      : kind
          .split('|')
          .map((t) => `${t}=0000`)
          .join('|');
  return [...new Set(coarserCells(probe).map((id) => kindOf(Object.keys(parseCellId(id)))))];
}

/** The skills at least the threshold number of organisations named, overall ('') or per specialisation. */
export async function readNamedSkillIds(
  db: Kysely<Database>,
  publication: Publication,
  specialisation = '',
): Promise<string[]> {
  const rows = await db
    .selectFrom('publication_skills')
    .select('skill_id')
    .where('publication_id', '=', publication.id)
    .where('specialisation_code', '=', specialisation)
    .orderBy('skill_id')
    .execute();
  return rows.map((r) => r.skill_id);
}

/**
 * The current publication of each round published at or after `since`, newest first, with the
 * round's name: for features that tell people a new round's figures have appeared (the returner
 * pool's digest). Only what is public: the publication's identity, never its raw lines.
 */
export async function listPublishedSince(
  db: Kysely<Database>,
  since: string,
): Promise<(Publication & { roundName: string })[]> {
  const rows = await db
    .selectFrom('publications as p')
    .innerJoin('rounds as r', 'r.id', 'p.round_id')
    .select(['p.id', 'p.round_id', 'p.version', 'p.published_at', 'p.created_at', 'r.name'])
    .where('p.status', '=', 'published')
    .where((eb) => eb(eb.fn.coalesce('p.published_at', 'p.created_at'), '>=', since))
    .orderBy('p.published_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    roundId: r.round_id,
    version: r.version,
    publishedAt: r.published_at ?? r.created_at,
    roundName: r.name,
  }));
}
