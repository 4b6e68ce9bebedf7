import type { CompiledQuery, Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Mail's part of erasing a person, for the erasure batch (src/identity/privacy.ts): mail to them goes. */
export function eraseMailTo(db: Kysely<Database>, address: string): CompiledQuery {
  return db.deleteFrom('outbox').where('to_address', '=', address).compile();
}

/** Deletes the messages queued before `cutoff` (the retention policy); returns how many went. */
export async function deleteMailBefore(db: Kysely<Database>, cutoff: string): Promise<number> {
  const [result] = await db.deleteFrom('outbox').where('created_at', '<', cutoff).execute();
  return Number(result?.numDeletedRows ?? 0n);
}
