import { DomainError, NotFound } from '../../core/errors.ts';
import { actingUser, type Scope } from '../../core/scope.ts';
import { listOpenPlacementOpenings } from '../../placements/index.ts';
import { stockholmDate } from '../move-cases/queries.ts';
import { informOpeningsOf, presentInformOpenings } from './inform.ts';
import { listTipRows, presentTips } from './inform-tips.ts';
import { type Criteria, matchOpening } from './match.ts';
import { type Names, names, organisationNames, presentMatches } from './names.ts';
import { changeNotice, mailMembers, requireVersion } from './notice-change.ts';
import { criteriaOf, PARTNER_PLACEMENT_KINDS, withSsyk } from './openings.ts';
import {
  findMatchProfile,
  findNotice,
  listNoticesOfProfile,
  type MatchProfile,
  type NoticeRow,
  parseMatches,
} from './queries.ts';
import type { PartnerMatches } from './schemas.ts';

/**
 * The partner's side of matching (decision 0031): their own matches — organisations that would
 * like to get in touch, how many are told and waiting, public posts that fit — and their answer.
 */

/** The person's own notices: those an organisation is interested in, and those answered. */
async function requireOwnNotice(scope: Scope, noticeId: string): Promise<{ notice: NoticeRow; profile: MatchProfile }> {
  const user = actingUser(scope);
  const { db } = scope.deps;
  const profile = await findMatchProfile(db, { userId: user.userId });
  const notice = await findNotice(db, noticeId);
  if (!profile || !notice || notice.profile_id !== profile.id || ['new', 'not-interested'].includes(notice.state))
    throw new NotFound();
  return { notice, profile };
}

/**
 * The person accepts or declines an organisation's interest. Accepting gives that organisation,
 * and only it, the person's name and address; declining tells it no more than "declined".
 */
export async function answerNotice(scope: Scope, noticeId: string, input: { accept: boolean; version: number }) {
  const { notice } = await requireOwnNotice(scope, noticeId);
  requireVersion(notice, input.version);
  if (notice.state !== 'interested')
    throw new DomainError('conflict', 'matching.error.answered', { titleKey: 'matching.error.answeredTitle' });
  await changeNotice(
    scope,
    notice,
    { version: input.version, from: ['interested'] },
    { state: input.accept ? 'accepted' : 'declined', answered_at: scope.now.toISOString() },
    {
      action: 'partner-notice.answered',
      targetType: 'partner-profile',
      targetId: notice.profile_id,
      detail: { organisationId: notice.organisation_id, noticeId, accepted: input.accept },
    },
  );
  if (input.accept) await mailMembers(scope.deps, notice.organisation_id, 'matching.mail.accepted');
}

/** Public placements matching the person's wishes (any organisation's: they are public listings). */
export async function placementMatches(
  scope: Scope,
  criteria: Criteria,
  n: Names & { organisation: (id: string) => { code: string; name: string } },
) {
  const today = stockholmDate(scope.now);
  const all = await listOpenPlacementOpenings(scope.deps.db, { kinds: PARTNER_PLACEMENT_KINDS, today });
  const withCodes = await withSsyk(
    scope.deps,
    all.map((p) => ({
      source: 'placement' as const,
      id: p.id,
      organisationId: p.organisationId,
      occupationId: p.occupationId,
      ssyk: null,
      kommun: p.municipalityCode,
      remote: p.remote,
      periodStart: p.periodStart,
    })),
  );
  return all.flatMap((p, i) => {
    const opening = withCodes[i];
    const reasons = opening ? matchOpening(criteria, opening, today) : null;
    if (!reasons) return [];
    return [
      {
        id: p.id,
        title: p.title,
        kind: p.kind,
        organisation: n.organisation(p.organisationId),
        kommun: n.kommun(p.municipalityCode),
        applyBy: p.applyBy,
        reasons,
      },
    ];
  });
}

/**
 * The person's own matches: interest from organisations, how many are told and waiting, the
 * openings of organisations they asked to be told about, and the other public posts that fit.
 */
export async function myMatches(scope: Scope): Promise<PartnerMatches> {
  const user = actingUser(scope);
  const { db } = scope.deps;
  const profile = await findMatchProfile(db, { userId: user.userId });
  if (!profile) return { hasProfile: false, interested: [], waiting: 0, tips: [], openings: [], placements: [] };
  const notices = await listNoticesOfProfile(db, profile.id);
  const tips = await listTipRows(db, profile.id, scope.now);
  const tipped = new Set(tips.map((x) => `${x.source}:${x.opening_id}`));
  // An opening the organisation told of is listed once, as its tip.
  const informed = (await informOpeningsOf(scope.deps, profile, scope.now)).filter(
    (o) => !tipped.has(`${o.source}:${o.id}`),
  );
  const criteria = await criteriaOf(scope.deps, profile);
  const all = await listOpenPlacementOpenings(db, { kinds: PARTNER_PLACEMENT_KINDS, today: stockholmDate(scope.now) });
  const n = await names(scope, [
    ...notices.flatMap((x) => parseMatches(x.matches).map((m) => m.occupationId)),
    ...all.map((p) => p.occupationId),
    ...informed.map((o) => o.occupationId),
  ]);
  const organisation = await organisationNames(scope, [
    ...notices.map((x) => x.organisation_id),
    ...all.map((p) => p.organisationId),
    ...informed.map((o) => o.organisationId),
  ]);
  const informedPlacements = new Set([
    ...informed.filter((o) => o.source === 'placement').map((o) => o.id),
    ...tips.filter((x) => x.source === 'placement').map((x) => x.opening_id),
  ]);
  const shown = notices.filter((x) => !['new', 'not-interested'].includes(x.state));
  return {
    hasProfile: true,
    interested: shown.map((x) => ({
      id: x.id,
      state: x.state,
      version: x.version,
      organisation: organisation(x.organisation_id),
      matches: presentMatches(parseMatches(x.matches), n),
    })),
    waiting: notices.filter((x) => x.state === 'new').length,
    tips: await presentTips(scope, tips),
    openings: presentInformOpenings(informed, { ...n, organisation }),
    placements: (await placementMatches(scope, criteria, { ...n, organisation })).filter(
      (p) => !informedPlacements.has(p.id),
    ),
  };
}
