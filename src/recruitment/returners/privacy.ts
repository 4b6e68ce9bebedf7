import type { CompiledQuery, Kysely } from 'kysely';
import type { UserPrincipal } from '../../core/principal.ts';
import type { Database } from '../../db/schema.ts';
import { findReturnerByEmail, presentReturner } from './queries.ts';
import type { Returner } from './schemas.ts';

/** The person's pool entry in their export (GDPR art. 15, 20), as their page shows it. */
export async function exportReturnerData(
  db: Kysely<Database>,
  principal: UserPrincipal,
  now: Date,
): Promise<Returner | null> {
  const row = await findReturnerByEmail(db, principal.email);
  return row ? presentReturner(db, row, now) : null;
}

/** Statements for the erasure batch (src/privacy eraseAccount): the entry, its occupations and notices. */
export function eraseReturnerData(db: Kysely<Database>, principal: UserPrincipal): CompiledQuery[] {
  const mine = db.selectFrom('returners').select('id').where('email', '=', principal.email);
  return [
    db.deleteFrom('returner_notices').where('returner_id', 'in', mine).compile(),
    db.deleteFrom('returner_occupations').where('returner_id', 'in', mine).compile(),
    db.deleteFrom('returners').where('email', '=', principal.email).compile(),
  ];
}
