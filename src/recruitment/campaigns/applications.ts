import { type Expression, expressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { auditIfIn, auditIn } from '../../audit/index.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { DomainError, Invalid, NotFound, StaleVersion } from '../../core/errors.ts';
import type { UserPrincipal } from '../../core/principal.ts';
import { actingUser, type Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import {
  accountWithRoleQueries,
  enforceSignInLimits,
  INVITATION_DAYS,
  issueLinkToken,
  memberEmails,
} from '../../identity/index.ts';
import { sendMail } from '../../mail/index.ts';
import { listCampaignLines, listRoutedOrganisationIds } from './queries.ts';
import type {
  ApplicationCreate,
  CandidateApplication,
  OrganisationApplication,
  RouteStatus,
  RouteUpdate,
} from './schemas.ts';
import { requirePublicCampaign, today } from './service.ts';

/**
 * One application, routed (decision 0032). The candidate applies once and chooses the taking-part
 * organisations; each chosen organisation reads its own copy (its route) and nothing of the
 * others. An application reaches no organisation until the candidate confirms the address through
 * the mailed sign-in link. Every view by an organisation is written to the audit log.
 */

const eb = expressionBuilder<Database>();

export const applicationPath = (id: string) => `/campaign-applications/${encodeURIComponent(id)}`;

/**
 * Stores the application and its routes, and mails a sign-in link that confirms it; a candidate
 * signed in with the same address has confirmed it already. One batch with the account and the
 * audit entry. Returns whether it waits for confirmation.
 */
export async function submitApplication(
  scope: Scope,
  campaignId: string,
  input: ApplicationCreate,
): Promise<{ id: string; confirmed: boolean }> {
  const { deps } = scope;
  const { db, atomic, newId } = deps;
  const campaign = await requirePublicCampaign(scope, campaignId);
  const d = today(scope);
  if (!(campaign.opensOn <= d && d <= campaign.closesOn))
    throw new DomainError('conflict', 'campaign.error.closed', { titleKey: 'campaign.error.closedTitle' });
  const taking = new Set(
    (await listCampaignLines(db, { campaignId, status: 'confirmed' })).map((l) => l.organisation.id),
  );
  const chosen = [...new Set(input.organisationIds)];
  if (!chosen.every((org) => taking.has(org)))
    throw new Invalid('organisationIds', 'campaign.validation.organisations');
  const principal = scope.principal;
  const confirmed = principal?.kind === 'user' && principal.email.toLowerCase() === input.email;
  // The mailed link is a sign-in link: the same limits per address and client as asking for one.
  if (!confirmed) await enforceSignInLimits(scope, input.email);
  const id = newId();
  const at = scope.now.toISOString();
  const link = confirmed
    ? null
    : await issueLinkToken(deps, {
        email: input.email,
        purpose: 'sign-in',
        next: applicationPath(id),
        expiresAt: new Date(scope.now.getTime() + INVITATION_DAYS * 86_400_000),
      });
  await atomic([
    db
      .insertInto('campaign_applications')
      .values({
        id,
        campaign_id: campaignId,
        name: input.name,
        email: input.email,
        letter: input.letter,
        cv: input.cv,
        earliest_start: input.earliestStart,
        partner_needs_work: input.partnerNeedsWork ? 1 : 0,
        created_at: at,
        confirmed_at: confirmed ? at : null,
      })
      .compile(),
    db
      .insertInto('campaign_application_routes')
      .values(chosen.map((organisation_id) => ({ application_id: id, organisation_id, updated_at: at })))
      .compile(),
    // The candidate signs in to see and confirm the application: an account without a role.
    ...accountWithRoleQueries(db, { id: newId(), email: input.email, name: input.name, role: null, at }),
    ...(link ? [link.query] : []),
    auditIn(scope, {
      action: 'campaign.application-submitted',
      targetType: 'campaign-application',
      targetId: id,
      detail: { campaignId, organisations: chosen.length },
    }),
  ]);
  if (link) {
    await sendMail(deps, {
      to: input.email,
      language: scope.lang,
      content: (t, lang) => ({
        subject: t('campaign.mail.confirm.subject'),
        body: t('campaign.mail.confirm.text', {
          campaign: lang === 'en' ? campaign.titleEn : campaign.titleSv,
          url: link.url,
        }),
      }),
      links: [link.url],
      kind: 'campaign-application',
    });
  }
  if (confirmed) await mailRoutedOrganisations(deps, id, campaign);
  return { id, confirmed };
}

/**
 * Tells the members of each organisation the confirmed application is routed to (and not
 * withdrawn from) that one has come, with a link to their copy: the mail names no candidate, the
 * page does, and its view is audited. Both languages, as the members' language is not known.
 */
async function mailRoutedOrganisations(
  deps: CoreDeps,
  applicationId: string,
  campaign: { titleSv: string; titleEn: string },
): Promise<void> {
  const routed = await listRoutedOrganisationIds(deps.db, applicationId);
  for (const { organisationId, email } of await memberEmails(deps.db, routed)) {
    const url = `${deps.config.publicUrl}/organisations/${encodeURIComponent(organisationId)}/campaign-applications/${encodeURIComponent(applicationId)}`;
    await sendMail(deps, {
      to: email,
      language: 'both',
      content: (t, lang) => ({
        subject: t('campaign.mail.routed.subject'),
        body: t('campaign.mail.routed.text', { campaign: lang === 'en' ? campaign.titleEn : campaign.titleSv, url }),
      }),
      links: [url],
      kind: 'campaign-routed',
    });
  }
}

const routeColumns = [
  'r.status',
  'r.interview_on',
  'r.offer_on',
  'r.hired_on',
  'r.not_hired_on',
  'r.withdrawn_at',
  'r.hired_line_id',
  'r.version',
] as const;

const toRoute = (r: {
  status: string;
  interview_on: string | null;
  offer_on: string | null;
  hired_on: string | null;
  not_hired_on: string | null;
  withdrawn_at: string | null;
  hired_line_id: string | null;
  version: number;
}) => ({
  status: r.status as RouteStatus,
  interviewOn: r.interview_on,
  offerOn: r.offer_on,
  hiredOn: r.hired_on,
  notHiredOn: r.not_hired_on,
  withdrawnAt: r.withdrawn_at,
  hiredLineId: r.hired_line_id,
  version: r.version,
});

function applicationQuery(db: Kysely<Database>) {
  return db
    .selectFrom('campaign_applications as a')
    .innerJoin('campaigns as c', 'c.id', 'a.campaign_id')
    .select([
      'a.id',
      'a.campaign_id',
      'c.title_sv',
      'c.title_en',
      'a.name',
      'a.email',
      'a.letter',
      'a.cv',
      'a.earliest_start',
      'a.partner_needs_work',
      'a.created_at',
      'a.confirmed_at',
    ])
    .where('a.erased_at', 'is', null);
}

/** The candidate's own applications with every route, as the candidate (and the export) sees them. */
export async function candidateApplications(
  db: Kysely<Database>,
  email: string,
  id?: string,
): Promise<CandidateApplication[]> {
  const apps = await applicationQuery(db)
    .where('a.email', '=', email)
    .$if(id !== undefined, (q) => q.where('a.id', '=', id ?? ''))
    .orderBy('a.created_at', 'desc')
    .limit(200)
    .execute();
  if (apps.length === 0) return [];
  const routes = await db
    .selectFrom('campaign_application_routes as r')
    .innerJoin('organisations as org', 'org.id', 'r.organisation_id')
    .select(['r.application_id', 'r.organisation_id', 'org.name', ...routeColumns])
    .where(
      'r.application_id',
      'in',
      apps.map((a) => a.id),
    )
    .orderBy('org.name')
    .execute();
  return apps.map((a) => ({
    id: a.id,
    campaign: { id: a.campaign_id, titleSv: a.title_sv, titleEn: a.title_en },
    name: a.name,
    email: a.email,
    letter: a.letter,
    cv: a.cv,
    earliestStart: a.earliest_start,
    partnerNeedsWork: a.partner_needs_work === 1,
    createdAt: a.created_at,
    confirmedAt: a.confirmed_at,
    routes: routes
      .filter((r) => r.application_id === a.id)
      .map((r) => ({ organisation: { id: r.organisation_id, name: r.name }, ...toRoute(r) })),
  }));
}

export async function listOwnApplications(scope: Scope): Promise<CandidateApplication[]> {
  return candidateApplications(scope.deps.db, actingUser(scope).email);
}

/**
 * The candidate's own application (anyone else: 404). Signing in through the mailed link proves
 * the address, so the first view confirms the application and sends it on to the organisations.
 */
export async function viewOwnApplication(scope: Scope, id: string): Promise<CandidateApplication> {
  const user = actingUser(scope);
  const { db, atomic } = scope.deps;
  const [application] = await candidateApplications(db, user.email, id);
  if (!application) throw new NotFound();
  if (application.confirmedAt === null) {
    const unconfirmed = eb.exists(
      eb.selectFrom('campaign_applications').select('id').where('id', '=', id).where('confirmed_at', 'is', null),
    );
    const [, updated] = await atomic([
      auditIfIn(
        scope,
        { action: 'campaign.application-confirmed', targetType: 'campaign-application', targetId: id },
        unconfirmed,
      ),
      db
        .updateTable('campaign_applications')
        .set({ confirmed_at: scope.now.toISOString() })
        .where('id', '=', id)
        .where('confirmed_at', 'is', null)
        .compile(),
    ]);
    // Only the view that confirmed it tells the organisations (two at once: one of them).
    if (Number(updated?.numAffectedRows ?? 0) === 1)
      await mailRoutedOrganisations(scope.deps, id, application.campaign);
    const [confirmed] = await candidateApplications(db, user.email, id);
    if (confirmed) return confirmed;
  }
  return application;
}

/** The candidate takes the application back from one organisation; a hire is final. */
export async function withdrawRoute(scope: Scope, id: string, organisationId: string): Promise<void> {
  const user = actingUser(scope);
  const { db, atomic } = scope.deps;
  const [application] = await candidateApplications(db, user.email, id);
  const route = application?.routes.find((r) => r.organisation.id === organisationId);
  if (!application || !route) throw new NotFound();
  if (route.status === 'withdrawn') return;
  if (route.status === 'hired' || route.status === 'not-hired')
    throw new DomainError('conflict', 'campaign.error.routeFinal', { titleKey: 'campaign.error.routeFinalTitle' });
  await atomic([
    db
      .updateTable('campaign_application_routes')
      .set((u) => ({
        status: 'withdrawn',
        withdrawn_at: scope.now.toISOString(),
        updated_at: scope.now.toISOString(),
        version: u('version', '+', 1),
      }))
      .where('application_id', '=', id)
      .where('organisation_id', '=', organisationId)
      .where('status', 'not in', ['hired', 'not-hired', 'withdrawn'])
      .compile(),
    auditIn(scope, {
      action: 'campaign.route-withdrawn',
      targetType: 'campaign-application',
      targetId: id,
      detail: { organisationId },
    }),
  ]);
}

/** Organisations' reads: a member of the organisation only (the secretariat sees figures, not people). */
function requireMember(scope: Scope, organisationId: string): UserPrincipal {
  const user = actingUser(scope);
  if (!user.memberships.some((m) => m.organisationId === organisationId)) throw new NotFound();
  return user;
}

function organisationQuery(db: Kysely<Database>, organisationId: string) {
  return applicationQuery(db)
    .innerJoin('campaign_application_routes as r', 'r.application_id', 'a.id')
    .select(routeColumns)
    .where('r.organisation_id', '=', organisationId)
    .where('a.confirmed_at', 'is not', null);
}

type OrgRow = NonNullable<Awaited<ReturnType<ReturnType<typeof organisationQuery>['executeTakeFirst']>>>;

const toOrganisationApplication = (a: OrgRow): OrganisationApplication => ({
  id: a.id,
  campaign: { id: a.campaign_id, titleSv: a.title_sv, titleEn: a.title_en },
  name: a.name,
  email: a.email,
  letter: a.letter,
  cv: a.cv,
  earliestStart: a.earliest_start,
  partnerNeedsWork: a.partner_needs_work === 1,
  receivedAt: a.confirmed_at ?? a.created_at,
  route: toRoute(a),
});

/** The organisation's own copies of confirmed applications; the list is a view of people, audited. */
export async function listOrganisationApplications(
  scope: Scope,
  organisationId: string,
): Promise<OrganisationApplication[]> {
  requireMember(scope, organisationId);
  const rows = await organisationQuery(scope.deps.db, organisationId)
    .orderBy('a.confirmed_at', 'desc')
    .limit(500)
    .execute();
  if (rows.length > 0) {
    await scope.deps.atomic([
      auditIn(scope, {
        action: 'campaign.application-viewed',
        targetType: 'organisation',
        targetId: organisationId,
        detail: { list: rows.map((r) => r.id) },
      }),
    ]);
  }
  return rows.map(toOrganisationApplication);
}

/** One application as the organisation received it (its own route only); the view is audited. */
export async function viewOrganisationApplication(
  scope: Scope,
  organisationId: string,
  applicationId: string,
): Promise<OrganisationApplication> {
  requireMember(scope, organisationId);
  const row = await organisationQuery(scope.deps.db, organisationId)
    .where('a.id', '=', applicationId)
    .executeTakeFirst();
  if (!row) throw new NotFound();
  await scope.deps.atomic([
    auditIn(scope, {
      action: 'campaign.application-viewed',
      targetType: 'campaign-application',
      targetId: applicationId,
      detail: { organisationId },
    }),
  ]);
  return toOrganisationApplication(row);
}

const FINAL: readonly string[] = ['hired', 'not-hired', 'withdrawn'];
const DATE_COLUMN = {
  interview: 'interview_on',
  offer: 'offer_on',
  hired: 'hired_on',
  'not-hired': 'not_hired_on',
} as const;

/**
 * The organisation records what happened: interview, offer, hired (for one of its confirmed posts
 * in the campaign, while it has posts left) or not hired, with the day. Hired and not hired are final.
 */
export async function updateRoute(
  scope: Scope,
  organisationId: string,
  applicationId: string,
  update: RouteUpdate,
): Promise<void> {
  requireMember(scope, organisationId);
  const { db, atomic } = scope.deps;
  const row = await organisationQuery(db, organisationId).where('a.id', '=', applicationId).executeTakeFirst();
  if (!row) throw new NotFound();
  if (FINAL.includes(row.status))
    throw new DomainError('conflict', 'campaign.error.routeFinal', { titleKey: 'campaign.error.routeFinalTitle' });
  if (update.on > today(scope)) throw new Invalid('on', 'campaign.validation.onFuture');
  if (update.on < (row.confirmed_at ?? row.created_at).slice(0, 10))
    throw new Invalid('on', 'campaign.validation.onBeforeReceived');
  // No condition but for a hire: an empty `and` is Kysely's `1 = 1`.
  let hasPost: Expression<SqlBool> = eb.and([]);
  if (update.status === 'hired') {
    const lines = await listCampaignLines(db, { campaignId: row.campaign_id, organisationId, status: 'confirmed' });
    const line = lines.find((l) => l.id === update.lineId);
    if (!line) throw new Invalid('lineId', 'campaign.validation.hiredLine');
    hasPost = eb(
      eb
        .selectFrom('campaign_application_routes')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('hired_line_id', '=', line.id)
        .where('status', '=', 'hired'),
      '<',
      eb.selectFrom('campaign_lines').select('posts').where('id', '=', line.id),
    );
  }
  const r = expressionBuilder<Database, 'campaign_application_routes'>();
  const matches = r.and([
    r('application_id', '=', applicationId),
    r('organisation_id', '=', organisationId),
    r('version', '=', update.version),
    r('status', 'not in', [...FINAL]),
  ]);
  const [, result] = await atomic([
    auditIfIn(
      scope,
      {
        action: 'campaign.application-status-changed',
        targetType: 'campaign-application',
        targetId: applicationId,
        detail: { organisationId, status: update.status, on: update.on },
      },
      eb.and([
        eb.exists(eb.selectFrom('campaign_application_routes').select('application_id').where(matches)),
        hasPost,
      ]),
    ),
    db
      .updateTable('campaign_application_routes')
      .set((u) => ({
        status: update.status,
        [DATE_COLUMN[update.status]]: update.on,
        ...(update.status === 'hired' ? { hired_line_id: update.lineId ?? null } : {}),
        updated_at: scope.now.toISOString(),
        version: u('version', '+', 1),
      }))
      .where(matches)
      .where(hasPost)
      .compile(),
  ]);
  if (Number(result?.numAffectedRows ?? 0) === 1) return;
  if (row.version !== update.version)
    throw new StaleVersion('campaign.conflict.title', 'campaign.conflict.detail', update.version, row.version);
  throw new Invalid('lineId', 'campaign.validation.noPostsLeft');
}
