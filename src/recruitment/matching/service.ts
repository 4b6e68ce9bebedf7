import { type CompiledQuery, expressionBuilder, type Updateable } from 'kysely';
import { type AuditEntry, auditIfIn, auditIn } from '../../audit/index.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { DomainError, Invalid, NotFound, StaleVersion } from '../../core/errors.ts';
import { actingUser, type Scope, systemScope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { memberEmails } from '../../identity/index.ts';
import { sendMail } from '../../mail/index.ts';
import { organisationsOf } from '../../organisations/index.ts';
import { listOpenPlacementOpenings } from '../../placements/index.ts';
import { listSubmittedNeedLines } from '../../surveys/index.ts';
import { findOccupationNames, listMunicipalities } from '../../taxonomy/index.ts';
import { requireCase } from '../move-cases/access.ts';
import { stockholmDate } from '../move-cases/queries.ts';
import { organisationsReachedBy, visibleProfileIds } from '../partners/recipients.ts';
import { addMonths, type Criteria, matchOpening, type Opening } from './match.ts';
import {
  contactOf,
  findMatchProfile,
  findNotice,
  listNetworkProfileIds,
  listNoticesOfOrganisation,
  listNoticesOfProfile,
  listProfilesToMatch,
  type MatchProfile,
  type NoticeRow,
  parseMatches,
  type StoredMatch,
  ssykOf,
} from './queries.ts';
import type { OrganisationNotice, PartnerMatches, TwoJobView } from './schemas.ts';

/**
 * Matching a partner to the region's openings (issue 19; decision 0031). A partner's profile,
 * shared with organisations for the purpose "consider me", is matched by filters (occupation,
 * place, timing) to those organisations' need lines that recruit and their open trainee posts and
 * work placements. Each organisation with a match gets one anonymous notice; it may say it is
 * interested; the partner then sees who and accepts or declines; only an acceptance gives the
 * organisation the partner's name and address. Every read checks the consent again.
 */

/** The placement kinds open to an adult who is not a student: trainee posts and work placements. */
export const PARTNER_PLACEMENT_KINDS = ['trainee', 'praktik'] as const;
/** Need lines from rounds that closed longer ago than this are no longer openings. */
const NEED_LINE_MONTHS = 24;
/** States in which the person's contact details are the organisation's to see. */
const CONTACT_STATES: readonly NoticeRow['state'][] = ['accepted', 'hired', 'not-hired'];

async function criteriaOf(deps: CoreDeps, profile: MatchProfile, kommuner?: readonly string[]): Promise<Criteria> {
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
async function openingsOf(deps: CoreDeps, organisationIds: readonly string[], now: Date): Promise<Opening[]> {
  const { db } = deps;
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
    ...placements.map(
      (p): Opening => ({
        source: 'placement',
        id: p.id,
        organisationId: p.organisationId,
        occupationId: p.occupationId,
        ssyk: null,
        kommun: p.municipalityCode,
        remote: p.remote,
        periodStart: p.periodStart,
      }),
    ),
  ];
}

/** Placements carry a concept id only; their SSYK code comes from the taxonomy, as the profile's does. */
async function withSsyk(deps: CoreDeps, openings: Opening[]): Promise<Opening[]> {
  const missing = [...new Set(openings.filter((o) => o.ssyk === null).map((o) => o.occupationId))];
  const codes = await ssykOf(deps.db, missing);
  return openings.map((o) => (o.ssyk === null ? { ...o, ssyk: codes.get(o.occupationId) ?? null } : o));
}

function matchAll(criteria: Criteria, openings: readonly Opening[], today: string): Map<string, StoredMatch[]> {
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

async function mailMembers(
  deps: CoreDeps,
  organisationId: string,
  key: 'matching.mail.notice' | 'matching.mail.accepted',
) {
  const url = `${deps.config.publicUrl}/organisations/${encodeURIComponent(organisationId)}/partner-notices`;
  for (const { email: to } of await memberEmails(deps.db, [organisationId])) {
    await sendMail(deps, {
      to,
      language: 'both',
      content: (t) => ({ subject: t(`${key}.subject`), body: t(`${key}.text`, { url }) }),
      links: [url],
      kind: 'partner-notice',
    });
  }
}

function requireMember(scope: Scope, organisationId: string): void {
  const user = actingUser(scope);
  if (!user.memberships.some((m) => m.organisationId === organisationId)) throw new NotFound();
}

/** The notice, if it is the organisation's and the person's consent still lets the organisation see it. */
async function requireVisibleNotice(scope: Scope, organisationId: string, noticeId: string): Promise<NoticeRow> {
  requireMember(scope, organisationId);
  const { db } = scope.deps;
  const notice = await findNotice(db, noticeId);
  if (!notice || notice.organisation_id !== organisationId) throw new NotFound();
  const visible = await visibleProfileIds(db, organisationId, 'consider', scope.now.toISOString(), notice.profile_id);
  if (!visible.has(notice.profile_id)) throw new NotFound();
  return notice;
}

async function names(scope: Scope, occupationIds: readonly string[]) {
  const [occupations, municipalities] = await Promise.all([
    findOccupationNames(scope.deps.db, [...new Set(occupationIds)], scope.lang),
    listMunicipalities(scope.deps.db, {}),
  ]);
  const kommunNames = new Map(municipalities.map((m) => [m.code, m.name]));
  return {
    occupation: (id: string) => ({ code: id, name: occupations.get(id)?.name ?? id }),
    kommun: (code: string | null) => (code ? { code, name: kommunNames.get(code) ?? code } : null),
  };
}

type Names = Awaited<ReturnType<typeof names>>;

const presentMatches = (matches: readonly StoredMatch[], n: Names) =>
  matches.map((m) => ({
    source: m.source,
    id: m.id,
    occupation: n.occupation(m.occupationId),
    kommun: n.kommun(m.kommun),
    reasons: m.reasons,
  }));

/**
 * The organisation's notices that the people's consents still let it see, each read logged as a
 * view of the person's profile (the person's access log shows it). No name until the person accepts.
 */
export async function organisationNotices(scope: Scope, organisationId: string): Promise<OrganisationNotice[]> {
  requireMember(scope, organisationId);
  const { db, atomic } = scope.deps;
  const visible = await visibleProfileIds(db, organisationId, 'consider', scope.now.toISOString());
  const notices = (await listNoticesOfOrganisation(db, organisationId)).filter((n) => visible.has(n.profile_id));
  if (notices.length === 0) return [];
  const profiles = new Map<string, MatchProfile>();
  for (const n of notices) {
    const profile = await findMatchProfile(db, { id: n.profile_id });
    if (profile) profiles.set(n.profile_id, profile);
  }
  await atomic(
    notices.map((n) =>
      auditIn(scope, {
        action: 'partner-profile.viewed',
        targetType: 'partner-profile',
        targetId: n.profile_id,
        detail: { organisationId, purpose: 'consider', via: 'notice' },
      }),
    ),
  );
  const n = await names(scope, [
    ...[...profiles.values()].flatMap((p) => p.occupationIds),
    ...notices.flatMap((x) => parseMatches(x.matches).map((m) => m.occupationId)),
  ]);
  const result: OrganisationNotice[] = [];
  for (const notice of notices) {
    const profile = profiles.get(notice.profile_id);
    if (!profile) continue;
    const contact = CONTACT_STATES.includes(notice.state) ? ((await contactOf(db, profile.userId)) ?? null) : null;
    result.push({
      id: notice.id,
      state: notice.state,
      version: notice.version,
      createdAt: notice.created_at,
      person: {
        occupations: profile.occupationIds.map(n.occupation),
        earliestStart: profile.earliestStart,
        kommuner: profile.kommuner.flatMap((k) => n.kommun(k) ?? []),
        workModes: profile.workModes.filter((m): m is 'on-site' | 'hybrid' | 'remote' =>
          ['on-site', 'hybrid', 'remote'].includes(m),
        ),
        languages: profile.languages,
      },
      matches: presentMatches(parseMatches(notice.matches), n),
      contact,
      hiredOn: notice.hired_on,
    });
  }
  return result;
}

function requireVersion(notice: NoticeRow, version: number): void {
  if (notice.version !== version)
    throw new StaleVersion('matching.error.staleTitle', 'matching.error.stale', version, notice.version);
}

const eb = expressionBuilder<Database, never>();

/**
 * One change of a notice and its audit entry in one batch, both only while the notice still has
 * the version and state the change was decided on (a second tab, or the other side, acted since).
 */
async function changeNotice(
  scope: Scope,
  notice: NoticeRow,
  input: { version: number; from: readonly NoticeRow['state'][] },
  set: Updateable<Database['partner_notices']>,
  entry: AuditEntry,
): Promise<void> {
  const { db, atomic } = scope.deps;
  const stillHolds = eb.exists(
    eb
      .selectFrom('partner_notices')
      .select('id')
      .where('id', '=', notice.id)
      .where('version', '=', input.version)
      .where('state', 'in', [...input.from]),
  );
  const [, result] = await atomic([
    auditIfIn(scope, entry, stillHolds),
    db
      .updateTable('partner_notices')
      .set({ ...set, updated_at: scope.now.toISOString(), version: input.version + 1 })
      .where('id', '=', notice.id)
      .where('version', '=', input.version)
      .where('state', 'in', [...input.from])
      .compile(),
  ]);
  if (Number(result?.numAffectedRows ?? 0) !== 1)
    throw new StaleVersion('matching.error.staleTitle', 'matching.error.stale', input.version, notice.version + 1);
}

/**
 * The organisation says whether it would like to get in touch. Interest tells the person who is
 * asking (by mail and on their page); it can be changed until the person has answered.
 */
export async function answerInterest(
  scope: Scope,
  organisationId: string,
  noticeId: string,
  input: { interested: boolean; version: number },
): Promise<void> {
  const notice = await requireVisibleNotice(scope, organisationId, noticeId);
  requireVersion(notice, input.version);
  if (!['new', 'interested', 'not-interested'].includes(notice.state))
    throw new DomainError('conflict', 'matching.error.answered', { titleKey: 'matching.error.answeredTitle' });
  const { db } = scope.deps;
  const deps = scope.deps;
  const state = input.interested ? 'interested' : 'not-interested';
  await changeNotice(
    scope,
    notice,
    { version: input.version, from: ['new', 'interested', 'not-interested'] },
    { state, interested_at: input.interested ? scope.now.toISOString() : null },
    {
      action: 'partner-notice.interest',
      targetType: 'partner-profile',
      targetId: notice.profile_id,
      detail: { organisationId, noticeId, interested: input.interested },
    },
  );
  if (input.interested && notice.state !== 'interested') {
    const profile = await findMatchProfile(db, { id: notice.profile_id });
    const contact = profile ? await contactOf(db, profile.userId) : undefined;
    if (contact) {
      const url = `${deps.config.publicUrl}/partner/matches`;
      await sendMail(deps, {
        to: contact.email,
        language: 'both',
        content: (t) => ({
          subject: t('matching.mail.interest.subject'),
          body: t('matching.mail.interest.text', { url }),
        }),
        links: [url],
        kind: 'partner-notice',
      });
    }
  }
}

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

/** After contact: the organisation records whether it hired the person, and from which day. */
export async function recordOutcome(
  scope: Scope,
  organisationId: string,
  noticeId: string,
  input: { outcome: 'hired' | 'not-hired'; hiredOn?: string | undefined; version: number },
): Promise<void> {
  const notice = await requireVisibleNotice(scope, organisationId, noticeId);
  requireVersion(notice, input.version);
  if (!CONTACT_STATES.includes(notice.state))
    throw new DomainError('conflict', 'matching.error.notAccepted', { titleKey: 'matching.error.answeredTitle' });
  const today = stockholmDate(scope.now);
  if (input.outcome === 'hired') {
    if (!input.hiredOn) throw new Invalid('hiredOn', 'matching.validation.hiredOn');
    if (input.hiredOn < notice.created_at.slice(0, 10)) throw new Invalid('hiredOn', 'matching.validation.hiredBefore');
    if (input.hiredOn > `${addMonths(today.slice(0, 7), 12)}-31`)
      throw new Invalid('hiredOn', 'matching.validation.hiredFar');
  }
  await changeNotice(
    scope,
    notice,
    { version: input.version, from: CONTACT_STATES },
    {
      state: input.outcome,
      hired_on: input.outcome === 'hired' ? (input.hiredOn ?? null) : null,
      outcome_at: scope.now.toISOString(),
    },
    {
      action: 'partner-notice.outcome',
      targetType: 'partner-profile',
      targetId: notice.profile_id,
      detail: { organisationId, noticeId, outcome: input.outcome },
    },
  );
}

/** Public placements matching the person's wishes (any organisation's: they are public listings). */
async function placementMatches(
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

async function organisationNames(scope: Scope, ids: readonly string[]) {
  const orgs = await organisationsOf(scope.deps.db, ids);
  return (id: string) => ({ code: id, name: orgs.get(id)?.name ?? id });
}

/** The person's own matches: interest from organisations, how many are told and waiting, and public posts. */
export async function myMatches(scope: Scope): Promise<PartnerMatches> {
  const user = actingUser(scope);
  const { db } = scope.deps;
  const profile = await findMatchProfile(db, { userId: user.userId });
  if (!profile) return { hasProfile: false, interested: [], waiting: 0, placements: [] };
  const notices = await listNoticesOfProfile(db, profile.id);
  const criteria = await criteriaOf(scope.deps, profile);
  const all = await listOpenPlacementOpenings(db, { kinds: PARTNER_PLACEMENT_KINDS, today: stockholmDate(scope.now) });
  const n = await names(scope, [
    ...notices.flatMap((x) => parseMatches(x.matches).map((m) => m.occupationId)),
    ...all.map((p) => p.occupationId),
  ]);
  const organisation = await organisationNames(scope, [
    ...notices.map((x) => x.organisation_id),
    ...all.map((p) => p.organisationId),
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
    placements: await placementMatches(scope, criteria, { ...n, organisation }),
  };
}

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
