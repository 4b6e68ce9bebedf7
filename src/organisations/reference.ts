import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ReferenceSets } from './schemas.ts';

export interface SniDivision {
  code: string;
  name: string;
}

/** The SNI 2007 divisions (two-digit codes) for choosing an organisation's industry. */
export async function listSniDivisions(db: Kysely<Database>): Promise<SniDivision[]> {
  const rows = await db
    .selectFrom('sni')
    .select(['code', 'name_sv'])
    .where('level', '=', 'division')
    .orderBy('code')
    .execute();
  return rows.map((row) => ({ code: row.code, name: row.name_sv }));
}

/**
 * The codes an organisation may refer to. Reference data changes only when it is reloaded, so
 * checking against it before a write is not a race; the foreign keys stand behind it anyway.
 */
export async function loadReferenceSets(db: Kysely<Database>): Promise<ReferenceSets> {
  const [divisions, municipalities] = await Promise.all([
    db.selectFrom('sni').select('code').where('level', '=', 'division').execute(),
    db.selectFrom('municipalities').select('code').execute(),
  ]);
  return {
    sniDivisions: new Set(divisions.map((row) => row.code)),
    municipalities: new Set(municipalities.map((row) => row.code)),
  };
}
