import type { CoreDeps } from '../../core/deps.ts';
import { organisationsOf } from '../../organisations/index.ts';
import { listOpenPlacementOpenings, type PlacementOpening } from '../../placements/index.ts';
import { listSubmittedNeedLines } from '../../surveys/index.ts';
import { listOpenConfirmedLines } from '../campaigns/queries.ts';
import { stockholmDate } from '../move-cases/queries.ts';
import { addMonths, type Criteria, matchOpening, type Opening } from './match.ts';
import { type MatchProfile, type StoredMatch, ssykOf } from './queries.ts';

/**
 * What matching compares (decision 0031): the person's criteria from the profile, and the
 * organisations' openings — recruiting need lines and open trainee posts and work placements.
 */

/** The placement kinds open to an adult who is not a student: trainee posts and work placements. */
export const PARTNER_PLACEMENT_KINDS = ['trainee', 'praktik'] as const;
/** Need lines from rounds that closed longer ago than this are no longer openings. */
const NEED_LINE_MONTHS = 24;

export async function criteriaOf(
  deps: CoreDeps,
  profile: MatchProfile,
  kommuner?: readonly string[],
): Promise<Criteria> {
  const ssyk = await ssykOf(deps.db, profile.occupationIds);
  return {
    occupationIds: new Set(profile.occupationIds),
    ssyk4: new Set(ssyk.values()),
    kommuner: new Set(kommuner ?? profile.kommuner),
    remoteOk: profile.workModes.includes('remote') || profile.workModes.includes('hybrid'),
    earliestStart: profile.earliestStart,
  };
}

/** The organisations' openings: their recruiting need lines and their open placements. */
export async function openingsOf(deps: CoreDeps, organisationIds: readonly string[], now: Date): Promise<Opening[]> {
  const { db } = deps;
  if (organisationIds.length === 0) return [];
  const today = stockholmDate(now);
  const since = `${addMonths(today.slice(0, 7), -NEED_LINE_MONTHS)}-01`;
  const [orgs, lines, placements] = await Promise.all([
    organisationsOf(db, organisationIds),
    listSubmittedNeedLines(db, { organisationIds, rounds: { closingSince: since }, recruiting: true }),
    listOpenPlacementOpenings(db, { kinds: PARTNER_PLACEMENT_KINDS, today, organisationIds }),
  ]);
  return [
    ...lines.map(
      (l): Opening => ({
        source: 'need',
        id: l.id,
        organisationId: l.organisationId,
        occupationId: l.occupationId,
        ssyk: l.ssyk,
        kommun: orgs.get(l.organisationId)?.kommun ?? null,
        remote: l.strategies.includes('remote'),
        horizon: l.horizon,
      }),
    ),
    ...placements.map((p) => placementOpening(p)),
  ];
}

/**
 * The organisations' openings that they have made public themselves: their open placements and
 * the need lines they confirmed in a campaign that takes applications (decision 0032). What a
 * partner who asked to be told about openings is shown unasked (decision 0031): a need line that
 * is only a survey answer stays confidential until the organisation tells the partner of it.
 */
export async function publicOpeningsOf(
  deps: CoreDeps,
  organisationIds: readonly string[],
  now: Date,
): Promise<Opening[]> {
  const { db } = deps;
  if (organisationIds.length === 0) return [];
  const today = stockholmDate(now);
  const [orgs, lines, placements] = await Promise.all([
    organisationsOf(db, organisationIds),
    listOpenConfirmedLines(db, { organisationIds, today }),
    listOpenPlacementOpenings(db, { kinds: PARTNER_PLACEMENT_KINDS, today, organisationIds }),
  ]);
  const seen = new Set<string>();
  return [
    // A line confirmed in two open campaigns is one opening (the campaign closing first leads).
    ...lines.flatMap((l): Opening[] => {
      if (seen.has(l.needLineId)) return [];
      seen.add(l.needLineId);
      return [
        {
          source: 'need',
          id: l.needLineId,
          organisationId: l.organisationId,
          occupationId: l.occupationId,
          ssyk: l.ssyk,
          kommun: orgs.get(l.organisationId)?.kommun ?? null,
          remote: l.remote,
          horizon: l.horizon,
          campaignId: l.campaignId,
        },
      ];
    }),
    ...placements.map((p) => placementOpening(p)),
  ];
}

const placementOpening = (p: PlacementOpening): Opening => ({
  source: 'placement',
  id: p.id,
  organisationId: p.organisationId,
  occupationId: p.occupationId,
  ssyk: null,
  kommun: p.municipalityCode,
  remote: p.remote,
  periodStart: p.periodStart,
  title: p.title,
  applyBy: p.applyBy,
});

/** Placements carry a concept id only; their SSYK code comes from the taxonomy, as the profile's does. */
export async function withSsyk(deps: CoreDeps, openings: Opening[]): Promise<Opening[]> {
  const missing = [...new Set(openings.filter((o) => o.ssyk === null).map((o) => o.occupationId))];
  const codes = await ssykOf(deps.db, missing);
  return openings.map((o) => (o.ssyk === null ? { ...o, ssyk: codes.get(o.occupationId) ?? null } : o));
}

/** The openings that pass every filter, per organisation, each with the filters it passed. */
export function matchAll(criteria: Criteria, openings: readonly Opening[], today: string): Map<string, StoredMatch[]> {
  const byOrganisation = new Map<string, StoredMatch[]>();
  for (const opening of openings) {
    const reasons = matchOpening(criteria, opening, today);
    if (!reasons) continue;
    const list = byOrganisation.get(opening.organisationId) ?? [];
    list.push({
      source: opening.source,
      id: opening.id,
      occupationId: opening.occupationId,
      kommun: opening.kommun,
      reasons,
    });
    byOrganisation.set(opening.organisationId, list);
  }
  return byOrganisation;
}
