import { auditIn } from '../../audit/index.ts';
import { DomainError, Invalid, NotFound } from '../../core/errors.ts';
import { actingUser, type Scope } from '../../core/scope.ts';
import { sendMail } from '../../mail/index.ts';
import { stockholmDate } from '../move-cases/queries.ts';
import { visibleProfileIds } from '../partners/recipients.ts';
import { addMonths } from './match.ts';
import { names, presentMatches } from './names.ts';
import { CONTACT_STATES, changeNotice, requireVersion } from './notice-change.ts';
import {
  contactOf,
  findMatchProfile,
  findNotice,
  listNoticesOfOrganisation,
  type MatchProfile,
  type NoticeRow,
  parseMatches,
} from './queries.ts';
import type { OrganisationNotice } from './schemas.ts';

/**
 * The organisation's side of matching (decision 0031): its anonymous notices, read only while the
 * person's consent to be considered lets it, each read logged as a view; its interest; the outcome
 * after contact.
 */

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
