import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, ReturnersTable } from '../../db/schema.ts';
import { findOccupationsByIds } from '../../taxonomy/index.ts';
import type { Returner, ReturnerStatus } from './schemas.ts';

/** Reads of the returner pool (decision 0033). */

export type ReturnerRow = Selectable<ReturnersTable>;

export async function findReturnerByEmail(db: Kysely<Database>, email: string): Promise<ReturnerRow | undefined> {
  return db.selectFrom('returners').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function findReturnerByTokenHash(db: Kysely<Database>, hash: string): Promise<ReturnerRow | undefined> {
  return db.selectFrom('returners').selectAll().where('renew_token_hash', '=', hash).executeTakeFirst();
}

export async function listReturnerOccupationIds(db: Kysely<Database>, returnerId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('returner_occupations')
    .select('occupation_id')
    .where('returner_id', '=', returnerId)
    .orderBy('occupation_id')
    .execute();
  return rows.map((r) => r.occupation_id);
}

const parseList = (json: string): string[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
};

/** The entry's state as the person and the jobs read it: a passed expiry is a lapse, whatever the status. */
export function statusOf(row: Pick<ReturnerRow, 'status' | 'expires_at'>, now: Date): ReturnerStatus {
  if (row.status === 'pending') return 'pending';
  if (row.expires_at && row.expires_at <= now.toISOString()) return 'lapsed';
  return row.status === 'paused' ? 'paused' : 'active';
}

export async function presentReturner(db: Kysely<Database>, row: ReturnerRow, now: Date): Promise<Returner> {
  const occupations = await findOccupationsByIds(db, await listReturnerOccupationIds(db, row.id));
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    connection: row.connection as Returner['connection'],
    occupations: occupations.map((o) => ({
      id: o.id,
      ssyk: o.ssyk,
      labelSv: o.labelSv,
      labelEn: o.labelEn ?? o.labelSv,
    })),
    earliestMove: row.earliest_move,
    kommuner: parseList(row.kommuner),
    remote: row.remote as Returner['remote'],
    languages: parseList(row.languages),
    status: statusOf(row, now),
    consentedAt: row.consented_at,
    expiresAt: row.expires_at,
    version: row.version,
  };
}

/** Entries that may be mailed: confirmed, active (not paused) and not lapsed. */
export function mailableReturners(db: Kysely<Database>, now: string) {
  return db
    .selectFrom('returners')
    .selectAll()
    .where('status', '=', 'active')
    .where('expires_at', '>', now)
    .orderBy('id');
}

/** The pool by SSYK 4 group: confirmed entries that have not lapsed (paused ones count: they are in the pool). */
export async function countPoolByOccupation(db: Kysely<Database>, now: string) {
  return db
    .selectFrom('returner_occupations as ro')
    .innerJoin('returners as r', 'r.id', 'ro.returner_id')
    .select((eb) => ['ro.ssyk_code', eb.fn.count<number>('r.id').distinct().as('n')])
    .where('r.status', 'in', ['active', 'paused'])
    .where('r.expires_at', '>', now)
    .groupBy('ro.ssyk_code')
    .orderBy('ro.ssyk_code')
    .execute();
}

/**
 * The pool by kommun of interest. Raw SQL: json_each over a column of each row (a correlated
 * table-valued function) is what the builder cannot say.
 */
export async function countPoolByKommun(db: Kysely<Database>, now: string) {
  const result = await sql<{ kommun: string; n: number }>`
    SELECT k.value AS kommun, count(DISTINCT r.id) AS n
    FROM returners AS r, json_each(r.kommuner) AS k
    WHERE r.status IN ('active', 'paused') AND r.expires_at > ${now}
    GROUP BY k.value ORDER BY k.value`.execute(db);
  return result.rows;
}

export async function countPool(db: Kysely<Database>, now: string): Promise<number> {
  const row = await db
    .selectFrom('returners')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['active', 'paused'])
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listNoticedKeys(db: Kysely<Database>, returnerId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('returner_notices')
    .select(['source', 'item_key'])
    .where('returner_id', '=', returnerId)
    .execute();
  return new Set(rows.map((r) => `${r.source}:${r.item_key}`));
}
