import type { Kysely } from 'kysely';
import { encode, perDatabase, TextCache } from '../cache/text-cache.ts';
import type { Database } from '../db/schema.ts';
import { findTitleSource, findTitlesDigest, listOccupations, type Occupation, type Page } from './queries.ts';
import { JOB_TITLE_ALIASES } from './titles/aliases.ts';
import { type NearTitle, nearestTitles } from './titles/near.ts';
import { findTitles, type MatchedBy, type TitleHit } from './titles/search.ts';
import { buildTitleIndex, normalise, type TitleGroup, type TitleIndex } from './titles/title-index.ts';

/**
 * Occupation search by job title (issue 18; docs/decisions/0026-job-title-search.md). The index of
 * about 5,800 titles is built once per database handle (per isolate on Workers) and kept under the
 * digest the seed wrote over its tables, which is read on every search: a new seed is picked up
 * by the next search, on every server and isolate alike.
 */
export interface OccupationMatch extends Occupation {
  /** The job title that matched, when it is not the group's own label: "Mjukvaruutvecklare". */
  matchedTitle: string | null;
  /** What matched; null when nothing was searched for (the alphabetical list). */
  matchedBy: MatchedBy | null;
}

/** A title near a query that found nothing, with the group it belongs to. */
export interface NearOccupation extends Occupation {
  title: string;
}

export interface OccupationSearch extends Page<OccupationMatch> {
  /** Only when the words found nothing: the nearest titles, for "did you mean …". */
  didYouMean: NearOccupation[];
}

interface Held {
  digest: string | null;
  index: Promise<TitleIndex>;
  /** Recent answers, most recently used last: the ranked groups of a query as returned (see ANSWERS). */
  answers: Map<string, OccupationMatch[]>;
}

const memo = new WeakMap<object, Held>();

/**
 * How many answers a handle keeps. People type a title a letter at a time and many type the same
 * ones. Most answers hold a few groups; even if every one held all 400, this is about 20 MB.
 */
const ANSWERS = 500;

async function heldFor(db: Kysely<Database>): Promise<Held> {
  const digest = await findTitlesDigest(db);
  const held = memo.get(db);
  if (held && held.digest === digest) return held;
  const index = findTitleSource(db).then((source) => buildTitleIndex({ ...source, aliases: JOB_TITLE_ALIASES }));
  const fresh: Held = { digest, index, answers: new Map() };
  memo.set(db, fresh);
  index.catch(() => {
    if (memo.get(db) === fresh) memo.delete(db);
  });
  return fresh;
}

/** The index over this database's titles, built when first needed or when the seed has changed them. */
export async function titleIndexFor(db: Kysely<Database>): Promise<TitleIndex> {
  return (await heldFor(db)).index;
}

const occupationOf = (g: TitleGroup): Occupation => ({
  id: g.id,
  ssyk: g.ssyk,
  labelSv: g.labelSv,
  labelEn: g.labelEn,
});

const matchOf = (hit: TitleHit): OccupationMatch => ({
  ...occupationOf(hit.group),
  matchedTitle: hit.matchedTitle,
  matchedBy: hit.matchedBy,
});

/** The ranked groups for a query, kept: the objects are shared between answers, and nobody changes them. */
function rankedMatches(held: Held, index: TitleIndex, q: string, ssyk: string | undefined): OccupationMatch[] {
  const key = `${ssyk ?? ''}\u0000${normalise(q)}`;
  const known = held.answers.get(key);
  if (known) {
    held.answers.delete(key);
    held.answers.set(key, known);
    return known;
  }
  const hits = findTitles(index, q, ssyk ? { ssyk } : {}).map(matchOf);
  held.answers.set(key, hits);
  if (held.answers.size > ANSWERS) {
    const oldest = held.answers.keys().next().value;
    if (oldest !== undefined) held.answers.delete(oldest);
  }
  return hits;
}

/**
 * Occupation groups by job title, Swedish or English group name or SSYK code, best first; without
 * words, all groups (under an SSYK prefix) alphabetically. A query that finds nothing comes back
 * with the nearest titles to offer instead.
 */
export async function searchOccupations(
  db: Kysely<Database>,
  filter: { q?: string; ssyk?: string; limit: number; offset: number },
): Promise<OccupationSearch> {
  const q = filter.q?.trim();
  if (!q) {
    const page = await listOccupations(db, filter);
    return {
      items: page.items.map((o) => ({ ...o, matchedTitle: null, matchedBy: null })),
      nextOffset: page.nextOffset,
      didYouMean: [],
    };
  }
  const held = await heldFor(db);
  const index = await held.index;
  const hits = rankedMatches(held, index, q, filter.ssyk);
  const more = hits.length > filter.offset + filter.limit;
  const didYouMean =
    hits.length === 0
      ? nearestTitles(index, q).filter((near: NearTitle) => !filter.ssyk || near.group.ssyk?.startsWith(filter.ssyk))
      : [];
  return {
    items: hits.slice(filter.offset, filter.offset + filter.limit),
    nextOffset: more ? filter.offset + filter.limit : null,
    didYouMean: didYouMean.map((near) => ({ title: near.title, ...occupationOf(near.group) })),
  };
}

/**
 * The API's answers as UTF-8 JSON, kept per database handle under the digest of the titles, like
 * placement search's (docs/decisions/0017-per-request-costs.md): a repeated search costs the one
 * read of the digest. At most 1,000 answers and 8 MB (a first page of 20 groups is about 3 kB).
 */
const bodiesOf = perDatabase<Kysely<Database>, TextCache<Uint8Array<ArrayBuffer>>>(
  () => new TextCache<Uint8Array<ArrayBuffer>>(1000, 8 * 1024 * 1024),
);

export async function cachedOccupationBody(
  db: Kysely<Database>,
  key: string,
  compute: () => Promise<string>,
): Promise<Uint8Array<ArrayBuffer>> {
  const cache = bodiesOf(db);
  const version = (await findTitlesDigest(db)) ?? '';
  const hit = cache.get(key, version);
  if (hit !== undefined) return hit;
  const body = encode(await compute());
  cache.set(key, version, body);
  return body;
}
