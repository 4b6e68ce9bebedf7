import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { profilesVisibleTo } from './queries.ts';
import type { Purpose } from './schemas.ts';

/**
 * The organisations that may see the profile for `purpose` at `now`: those a valid consent (not
 * withdrawn, not expired) names, and every current member of the network while a valid consent
 * names the network. The same rule as `profilesVisibleTo`, seen from the profile: what matching
 * sends notices to (decision 0031); every read of a notice checks the rule again.
 */
export async function organisationsReachedBy(
  db: Kysely<Database>,
  profileId: string,
  purpose: Purpose,
  now: string,
): Promise<string[]> {
  const consents = await db
    .selectFrom('partner_consents')
    .select(['recipient', 'organisation_id'])
    .where('profile_id', '=', profileId)
    .where('purpose', '=', purpose)
    .where('withdrawn_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
  const named = consents.flatMap((c) =>
    c.recipient === 'organisation' && c.organisation_id ? [c.organisation_id] : [],
  );
  const members = consents.some((c) => c.recipient === 'network')
    ? (await db.selectFrom('network_members').select('organisation_id').where('left_at', 'is', null).execute()).map(
        (m) => m.organisation_id,
      )
    : [];
  return [...new Set([...named, ...members])].sort();
}

/** The ids of `profilesVisibleTo`: the one read rule, for reads that need only whether a profile is visible. */
export async function visibleProfileIds(
  db: Kysely<Database>,
  organisationId: string,
  purpose: Purpose,
  now: string,
  profileId?: string,
): Promise<Set<string>> {
  return new Set((await profilesVisibleTo(db, organisationId, purpose, now, profileId)).map((p) => p.id));
}
