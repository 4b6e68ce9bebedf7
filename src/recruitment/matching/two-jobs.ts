import { NotFound } from '../../core/errors.ts';
import type { Scope } from '../../core/scope.ts';
import { organisationsOf } from '../../organisations/index.ts';
import { listOpenPlacementOpenings } from '../../placements/index.ts';
import { requireCase } from '../move-cases/access.ts';
import { stockholmDate } from '../move-cases/queries.ts';
import { names, organisationNames } from './names.ts';
import { criteriaOf, PARTNER_PLACEMENT_KINDS } from './openings.ts';
import { placementMatches } from './partner.ts';
import { findMatchProfile, listNoticesOfProfile, parseMatches } from './queries.ts';
import type { TwoJobView } from './schemas.ts';

/**
 * The two-job view for a household (decision 0031): the recruit's job beside each opening for the
 * partner within the household's chosen kommuner (the case's housing wishes, else the partner's
 * own), from the organisations that said they are interested and from public posts. Need lines
 * of organisations that have not answered stay anonymous: only their number is shown. The
 * household's own view (both adults); nobody else's, since it is made from the partner's profile.
 */
export async function twoJobView(scope: Scope, caseId: string): Promise<TwoJobView> {
  const access = await requireCase(scope, caseId);
  if (access.relation !== 'household') throw new NotFound();
  const { db } = scope.deps;
  const { row, people } = access;
  const partnerEmail = people.find((p) => p.person === 'partner')?.email;
  const partnerUser = partnerEmail
    ? await db
        .selectFrom('users')
        .select('id')
        .where('email', '=', partnerEmail)
        .where('erased_at', 'is', null)
        .executeTakeFirst()
    : undefined;
  const profile = partnerUser ? await findMatchProfile(db, { userId: partnerUser.id }) : undefined;
  const chosen = row.housing?.kommuner.length ? row.housing.kommuner : (profile?.kommuner ?? []);
  const orgs = await organisationsOf(db, row.organisationId ? [row.organisationId] : []);
  const n = await names(scope, [row.occupationId]);
  const recruitJob = {
    organisation: row.organisationId
      ? { code: row.organisationId, name: row.organisationName ?? row.organisationId }
      : null,
    occupation: n.occupation(row.occupationId),
    kommun: n.kommun(row.organisationId ? (orgs.get(row.organisationId)?.kommun ?? null) : null),
  };
  const kommuner = chosen.flatMap((k) => n.kommun(k) ?? []);
  if (!profile) return { caseId, recruitJob, kommuner, pairs: [], waiting: 0, partnerProfile: false };
  const criteria = await criteriaOf(scope.deps, profile, chosen);
  const notices = await listNoticesOfProfile(db, profile.id);
  const interested = notices.filter((x) => ['interested', 'accepted', 'hired'].includes(x.state));
  const all = await listOpenPlacementOpenings(db, { kinds: PARTNER_PLACEMENT_KINDS, today: stockholmDate(scope.now) });
  const withNames = await names(scope, [
    ...interested.flatMap((x) => parseMatches(x.matches).map((m) => m.occupationId)),
    ...all.map((p) => p.occupationId),
  ]);
  const organisation = await organisationNames(scope, [
    ...interested.map((x) => x.organisation_id),
    ...all.map((p) => p.organisationId),
  ]);
  const inChosen = (kommun: string | null, reasons: readonly string[]) =>
    (kommun !== null && chosen.includes(kommun)) || reasons.includes('remote');
  const fromInterest = interested.flatMap((x) =>
    parseMatches(x.matches)
      .filter((m) => inChosen(m.kommun, m.reasons))
      .map((m) => ({
        partnerOpening: {
          source: 'interest' as const,
          title: withNames.occupation(m.occupationId).name,
          organisation: organisation(x.organisation_id),
          kommun: withNames.kommun(m.kommun),
          reasons: m.reasons,
        },
      })),
  );
  const fromPlacements = (await placementMatches(scope, criteria, { ...withNames, organisation })).map((p) => ({
    partnerOpening: {
      source: 'placement' as const,
      title: p.title,
      organisation: p.organisation,
      kommun: p.kommun,
      reasons: p.reasons,
    },
  }));
  return {
    caseId,
    recruitJob,
    kommuner,
    pairs: [...fromInterest, ...fromPlacements],
    waiting: notices.filter((x) => x.state === 'new').length,
    partnerProfile: true,
  };
}
