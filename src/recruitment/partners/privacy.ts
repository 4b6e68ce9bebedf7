import type { CompiledQuery, Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * Erasing a partner's profile (decision 0030): its consents and the profile go, so it leaves every
 * organisation's view, list and export at once (they are read live; no organisation holds a copy
 * in the service), and with it what the "inform" digests named. The audit trail keeps its bare facts: who viewed which profile id, when, for
 * which purpose, under the audit log's own retention.
 */
export function erasePartnerQueries(db: Kysely<Database>, userId: string): CompiledQuery[] {
  const profiles = db.selectFrom('partner_profiles').select('id').where('user_id', '=', userId);
  return [
    db.deleteFrom('partner_inform_tips').where('profile_id', 'in', profiles).compile(),
    db.deleteFrom('partner_inform_told').where('profile_id', 'in', profiles).compile(),
    db.deleteFrom('partner_consents').where('profile_id', 'in', profiles).compile(),
    db.deleteFrom('partner_profiles').where('user_id', '=', userId).compile(),
  ];
}
