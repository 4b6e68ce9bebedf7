import type { CompiledQuery } from 'kysely';
import { auditIn } from '../../audit/index.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { systemScope } from '../../core/scope.ts';
import { stockholmDate } from '../move-cases/queries.ts';
import { organisationsReachedBy } from '../partners/recipients.ts';
import { mailMembers } from './notice-change.ts';
import { criteriaOf, matchAll, openingsOf, withSsyk } from './openings.ts';
import { findMatchProfile, listNetworkProfileIds, listNoticesOfProfile, listProfilesToMatch } from './queries.ts';

/**
 * The matching run (decision 0031): a profile shared for "consider" is matched by filters to the
 * openings of the organisations its consents reach; each organisation with a match gets one
 * anonymous notice. Run for one profile after the partner's write, for the network's profiles when
 * a member joins, and daily for every profile not matched for a day.
 */

/**
 * Brings one profile's notices up to date: a notice to each organisation it is shared with (for
 * "consider") whose openings it matches, the matches of existing ones renewed, and notices nobody
 * has acted on removed where nothing matches any longer. The members of an organisation with a
 * new notice are told by mail, without anything about the person.
 */
export async function refreshNotices(
  deps: CoreDeps,
  profileId: string,
  now: Date,
): Promise<{ sent: number; removed: number }> {
  const { db, atomic } = deps;
  const profile = await findMatchProfile(db, { id: profileId });
  if (!profile) return { sent: 0, removed: 0 };
  const scope = systemScope(deps, now, 'partner-matching');
  const reached = await organisationsReachedBy(db, profile.id, 'consider', now.toISOString());
  const [criteria, openings, existing] = await Promise.all([
    criteriaOf(deps, profile),
    openingsOf(deps, reached, now).then((o) => withSsyk(deps, o)),
    listNoticesOfProfile(db, profile.id),
  ]);
  const matched = matchAll(criteria, openings, stockholmDate(now));
  const at = now.toISOString();
  const queries: CompiledQuery[] = [
    db.updateTable('partner_profiles').set({ matched_at: at }).where('id', '=', profile.id).compile(),
  ];
  const sentTo: string[] = [];
  for (const [organisationId, matches] of matched) {
    const json = JSON.stringify(matches);
    const notice = existing.find((n) => n.organisation_id === organisationId);
    if (notice) {
      if (notice.matches !== json)
        queries.push(
          db
            .updateTable('partner_notices')
            .set({ matches: json, updated_at: at })
            .where('id', '=', notice.id)
            .compile(),
        );
      continue;
    }
    const id = deps.newId();
    queries.push(
      db
        .insertInto('partner_notices')
        .values({
          id,
          profile_id: profile.id,
          organisation_id: organisationId,
          matches: json,
          state: 'new',
          interested_at: null,
          answered_at: null,
          hired_on: null,
          outcome_at: null,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.columns(['profile_id', 'organisation_id']).doNothing())
        .compile(),
      auditIn(scope, {
        action: 'partner-notice.sent',
        targetType: 'partner-profile',
        targetId: profile.id,
        detail: { organisationId, noticeId: id },
      }),
    );
    sentTo.push(organisationId);
  }
  const stale = existing.filter((n) => n.state === 'new' && !matched.has(n.organisation_id));
  if (stale.length > 0)
    queries.push(
      db
        .deleteFrom('partner_notices')
        .where(
          'id',
          'in',
          stale.map((n) => n.id),
        )
        .where('state', '=', 'new')
        .compile(),
    );
  await atomic(queries);
  for (const organisationId of sentTo) await mailMembers(deps, organisationId, 'matching.mail.notice');
  return { sent: sentTo.length, removed: stale.length };
}

/**
 * The profiles shared with the network for "consider", matched at once: an organisation that has
 * just joined the network gets its notices now, not at the next daily run (decision 0031). Like the
 * partner's own writes, a failure is the daily job's to retry.
 */
export async function matchNetworkProfiles(deps: CoreDeps, now: Date): Promise<void> {
  try {
    for (const id of await listNetworkProfileIds(deps.db, now.toISOString())) await refreshNotices(deps, id, now);
  } catch (err) {
    deps.log.error('partner matching after a network change failed', { error: String(err) });
  }
}

/** Profiles matched per run of the job (each is a handful of reads and one batch). */
const REFRESH_BATCH = 50;

/**
 * The profiles shared for "consider" that were not matched for a day, a batch at a time: the job
 * that catches new need lines, placements and members, and lapsed consents.
 */
export async function refreshAllNotices(deps: CoreDeps, now: Date): Promise<{ profiles: number; sent: number }> {
  const ids = await listProfilesToMatch(deps.db, {
    now: now.toISOString(),
    matchedBefore: new Date(now.getTime() - 86_400_000).toISOString(),
    limit: REFRESH_BATCH,
  });
  let sent = 0;
  for (const id of ids) sent += (await refreshNotices(deps, id, now)).sent;
  return { profiles: ids.length, sent };
}
