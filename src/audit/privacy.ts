import type { CompiledQuery, Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Audit's part of erasing a person (src/identity/privacy.ts puts it in the erasure batch): the
 * entries stay, as the record of what happened, but the network details of the person's own acts
 * go, and those of their registration (made before they had an account to act as).
 */
export function eraseAuditDetails(db: Kysely<Database>, userId: string): CompiledQuery {
  return db
    .updateTable('audit_log')
    .set({ ip: null, user_agent: null })
    .where((eb) =>
      eb.or([
        eb('actor_user_id', '=', userId),
        eb.and([eb('action', '=', 'student.registered'), eb('target_type', '=', 'user'), eb('target_id', '=', userId)]),
      ]),
    )
    .compile();
}

/** Deletes the entries recorded before `cutoff` (the retention policy); returns how many went. */
export async function deleteAuditBefore(db: Kysely<Database>, cutoff: string): Promise<number> {
  const [result] = await db.deleteFrom('audit_log').where('at', '<', cutoff).execute();
  return Number(result?.numDeletedRows ?? 0n);
}
