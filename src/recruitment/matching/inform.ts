import type { CoreDeps } from '../../core/deps.ts';
import { stockholmDate } from '../move-cases/queries.ts';
import { organisationsReachedBy } from '../partners/recipients.ts';
import { type MatchReason, matchOpening, type Opening } from './match.ts';
import type { Names } from './names.ts';
import { criteriaOf, publicOpeningsOf, withSsyk } from './openings.ts';
import type { MatchProfile } from './queries.ts';
import type { InformOpening } from './schemas.ts';

/**
 * The purpose "to tell me about openings" (`inform`; decision 0031): the profile is matched, by the
 * same filters as for "consider", to the openings the organisations its inform consents reach have
 * made public themselves (open placements, need lines confirmed in a campaign taking applications;
 * never a need line that is only a confidential survey answer), and what matches is the partner's to see — on their matches page and in a weekly digest —
 * with the organisation's name and how to go on. The organisation is told nothing and sees nothing:
 * no notice, no view. Matched live at every read, so a withdrawn or expired consent, or the
 * organisation leaving the network, stops it at once.
 */

export type FoundOpening = Opening & { reasons: MatchReason[] };

/** The openings that fit the profile at organisations it asked to be told about, at `now`. */
export async function informOpeningsOf(deps: CoreDeps, profile: MatchProfile, now: Date): Promise<FoundOpening[]> {
  const reached = await organisationsReachedBy(deps.db, profile.id, 'inform', now.toISOString());
  if (reached.length === 0) return [];
  const [criteria, openings] = await Promise.all([
    criteriaOf(deps, profile),
    publicOpeningsOf(deps, reached, now).then((o) => withSsyk(deps, o)),
  ]);
  const today = stockholmDate(now);
  return openings.flatMap((o) => {
    const reasons = matchOpening(criteria, o, today);
    return reasons ? [{ ...o, reasons }] : [];
  });
}

/**
 * How the partner goes on: a placement's own page (its contact and how to apply); for a need line
 * confirmed in a campaign, the campaign's page (where one applies); else sharing the profile with
 * the organisation to be considered, so that it may ask to get in touch.
 */
export const howToApply = (o: Opening): InformOpening['howToApply'] =>
  o.source === 'placement'
    ? { kind: 'placement-page', href: `/placements/${encodeURIComponent(o.id)}` }
    : o.campaignId
      ? { kind: 'campaign-page', href: `/campaigns/${encodeURIComponent(o.campaignId)}` }
      : { kind: 'share-to-be-considered', href: '/partner/sharing#give' };

export function presentInformOpenings(
  found: readonly FoundOpening[],
  n: Names & { organisation: (id: string) => { code: string; name: string } },
): InformOpening[] {
  return found.map((o) => ({
    source: o.source,
    id: o.id,
    organisation: n.organisation(o.organisationId),
    occupation: n.occupation(o.occupationId),
    title: o.title ?? n.occupation(o.occupationId).name,
    kommun: n.kommun(o.kommun),
    applyBy: o.applyBy ?? null,
    reasons: o.reasons,
    howToApply: howToApply(o),
  }));
}
