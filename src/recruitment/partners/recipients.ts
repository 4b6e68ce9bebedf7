import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * The organisations that may see the profile for `purpose` at `now`: those a valid consent (not
 * withdrawn, not expired) names, and every current member of the network while a valid consent
 * names the network. The same rule as `profilesVisibleTo`, seen from the profile: what matching
 * sends notices to (decision 0030); every read of a notice checks the rule again.
 */
export async function organisationsReachedBy(
  db: Kysely<Database>,
  profileId: string,
  purpose: string,
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

/**
 * Of the profiles (or the one `profileId`), those `organisationId` may see for `purpose` at `now`:
 * a valid consent names it, or names the network while it is a member.
 */
export async function visibleProfileIds(
  db: Kysely<Database>,
  organisationId: string,
  purpose: string,
  now: string,
  profileId?: string,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('partner_consents as c')
    .select('c.profile_id')
    .distinct()
    .where('c.purpose', '=', purpose)
    .where('c.withdrawn_at', 'is', null)
    .where('c.expires_at', '>', now)
    .$if(profileId !== undefined, (q) => q.where('c.profile_id', '=', profileId ?? ''))
    .where((eb) =>
      eb.or([
        eb('c.organisation_id', '=', organisationId),
        eb.and([
          eb('c.recipient', '=', 'network'),
          eb.exists(
            eb
              .selectFrom('network_members as m')
              .select('m.id')
              .where('m.organisation_id', '=', organisationId)
              .where('m.left_at', 'is', null),
          ),
        ]),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => r.profile_id));
}
