import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Purpose } from '../partners/schemas.ts';
import type { MatchReason } from './match.ts';

export type NoticeRow = Selectable<Database['partner_notices']>;
export type NoticeState = NoticeRow['state'];

/** One of the organisation's own openings that a profile matched, with the filters it passed. */
export interface StoredMatch {
  source: 'need' | 'placement';
  id: string;
  occupationId: string;
  kommun: string | null;
  reasons: MatchReason[];
}

export const parseMatches = (json: string): StoredMatch[] => JSON.parse(json) as StoredMatch[];

/** A profile's lists as matching reads them. */
export interface MatchProfile {
  id: string;
  userId: string;
  occupationIds: string[];
  kommuner: string[];
  workModes: string[];
  languages: string[];
  earliestStart: string | null;
}

const list = (json: string): string[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
};

function toMatchProfile(row: Selectable<Database['partner_profiles']>): MatchProfile {
  return {
    id: row.id,
    userId: row.user_id,
    occupationIds: list(row.occupation_ids),
    kommuner: list(row.kommuner),
    workModes: list(row.work_modes),
    languages: list(row.languages),
    earliestStart: row.earliest_start,
  };
}

export async function findMatchProfile(db: Kysely<Database>, by: { id?: string; userId?: string }) {
  const row = await db
    .selectFrom('partner_profiles')
    .selectAll()
    .$if(by.id !== undefined, (q) => q.where('id', '=', by.id ?? ''))
    .$if(by.userId !== undefined, (q) => q.where('user_id', '=', by.userId ?? ''))
    .executeTakeFirst();
  return row ? toMatchProfile(row) : undefined;
}

/** The ids of profiles that share for `purpose` at `now` under some consent not withdrawn nor expired. */
function sharingProfiles(db: Kysely<Database>, purpose: Purpose, now: string) {
  return db
    .selectFrom('partner_profiles as p')
    .select('p.id')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('partner_consents as c')
          .select('c.id')
          .whereRef('c.profile_id', '=', 'p.id')
          .where('c.purpose', '=', purpose)
          .where('c.withdrawn_at', 'is', null)
          .where('c.expires_at', '>', now),
      ),
    );
}

/**
 * Profiles with a valid consent to be considered that were not matched since `matchedBefore`
 * (never matched first, then the longest ago): the daily refresh's work list, `limit` at a time.
 */
export async function listProfilesToMatch(
  db: Kysely<Database>,
  input: { now: string; matchedBefore: string; limit: number },
): Promise<string[]> {
  const rows = await sharingProfiles(db, 'consider', input.now)
    .where((eb) => eb.or([eb('p.matched_at', 'is', null), eb('p.matched_at', '<', input.matchedBefore)]))
    .orderBy((eb) => eb.fn.coalesce('p.matched_at', eb.val('')))
    .limit(input.limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Profiles with a valid consent to the network to be considered (matched again when a member joins). */
export async function listNetworkProfileIds(db: Kysely<Database>, now: string): Promise<string[]> {
  const rows = await db
    .selectFrom('partner_consents')
    .select('profile_id')
    .distinct()
    .where('recipient', '=', 'network')
    .where('purpose', '=', 'consider')
    .where('withdrawn_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('profile_id')
    .limit(500)
    .execute();
  return rows.map((r) => r.profile_id);
}

/** SSYK 4 codes of occupation concepts (where the taxonomy gives one). */
export async function ssykOf(db: Kysely<Database>, occupationIds: readonly string[]): Promise<Map<string, string>> {
  if (occupationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('occupations')
    .select(['id', 'ssyk_code'])
    .where('id', 'in', [...occupationIds])
    .execute();
  return new Map(rows.flatMap((r) => (r.ssyk_code ? [[r.id, r.ssyk_code] as const] : [])));
}

export async function listNoticesOfProfile(db: Kysely<Database>, profileId: string): Promise<NoticeRow[]> {
  return db
    .selectFrom('partner_notices')
    .selectAll()
    .where('profile_id', '=', profileId)
    .orderBy('created_at')
    .execute();
}

export async function listNoticesOfOrganisation(db: Kysely<Database>, organisationId: string): Promise<NoticeRow[]> {
  return db
    .selectFrom('partner_notices')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
}

export async function findNotice(db: Kysely<Database>, id: string): Promise<NoticeRow | undefined> {
  return db.selectFrom('partner_notices').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The partner's name and address, released to an organisation once the partner accepts. */
export async function contactOf(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('users')
    .select(['name', 'email'])
    .where('id', '=', userId)
    .where('erased_at', 'is', null)
    .executeTakeFirst();
}

/**
 * Profiles with a valid consent "to tell me about openings" whose last digest was mailed before
 * `due` (or never): the inform digest's work list, `limit` at a time, the longest waiting first.
 */
export async function listProfilesToInform(
  db: Kysely<Database>,
  input: { now: string; due: string; after: string; limit: number },
): Promise<string[]> {
  const rows = await sharingProfiles(db, 'inform', input.now)
    .where('p.id', '>', input.after)
    .where((eb) => eb.or([eb('p.informed_at', 'is', null), eb('p.informed_at', '<=', input.due)]))
    .orderBy('p.id')
    .limit(input.limit)
    .execute();
  return rows.map((r) => r.id);
}

/** What the inform digests have named to the person, oldest first: for their data export. */
export async function exportToldOpenings(db: Kysely<Database>, profileId: string) {
  const rows = await db
    .selectFrom('partner_inform_told')
    .select(['source', 'opening_id', 'told_at'])
    .where('profile_id', '=', profileId)
    .orderBy('told_at')
    .orderBy('opening_id')
    .execute();
  return rows.map((r) => ({ source: r.source, openingId: r.opening_id, toldAt: r.told_at }));
}

/** The openings a profile's inform digests have named, as `source:id`. */
export async function listToldOpenings(db: Kysely<Database>, profileId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('partner_inform_told')
    .select(['source', 'opening_id'])
    .where('profile_id', '=', profileId)
    .execute();
  return new Set(rows.map((r) => `${r.source}:${r.opening_id}`));
}
