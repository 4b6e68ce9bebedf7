import { beforeAll, describe, expect, it } from 'vitest';
import type { RouteSpec } from '../../src/http/routes.ts';
import { createTestApp, createTestDatabase, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, createApiToken, signIn } from '../support/auth.ts';
import { insertAdoptedPlan } from '../support/plans.ts';

/**
 * The authorisation matrix, generated from the route table: every route × every kind of caller.
 * A route without a rule fails, and so does a route registered beside the table. Each route gets a
 * fresh database, so a destructive call (erasure, revocation) cannot change another row's outcome.
 */
const PRINCIPALS = [
  'anonymous',
  'student',
  'memberA',
  'memberB',
  'provider',
  'secretariat',
  'guide',
  'household',
] as const;
type PrincipalName = (typeof PRINCIPALS)[number];

const KNOWN_KINDS = [
  'public',
  'development-only',
  'signed-in',
  'secretariat',
  'student',
  'organisation',
  'provider',
  'relocation-guide',
];

/**
 * Routes open to every signed-in person whose handler then checks the object (a placement of
 * organisation A, the student's application): who gets through to it. Only GET and DELETE are
 * listed; a write with an empty body is refused by its validator (422) before the object check.
 */
const OBJECT_ACCESS: Record<string, PrincipalName[]> = {
  'DELETE /api/v1/placements/:id': ['memberA', 'secretariat'],
  // Organisation A's move case, worked by the guide, of the household. The page forms re-render the
  // case when their (empty) form is refused, so they are checked against the case as well.
  'GET /api/v1/move-cases/:id': ['memberA', 'secretariat', 'guide', 'household'],
  'GET /move-cases/:id': ['memberA', 'secretariat', 'guide', 'household'],
  'GET /move-cases/:id/details': ['memberA', 'secretariat', 'guide', 'household'],
  'POST /move-cases/:id/details': ['memberA', 'secretariat', 'guide', 'household'],
  'POST /move-cases/:id/tasks': ['memberA', 'secretariat', 'guide', 'household'],
  'POST /move-cases/:id/tasks/:taskId': ['memberA', 'secretariat', 'guide', 'household'],
  // The household's follow-up after the move: the adult it is for, no one else (decision 0029).
  'GET /api/v1/move-follow-ups/:id': ['household'],
  'POST /api/v1/move-follow-ups/:id/decline': ['household'],
  'GET /move-follow-ups/:id': ['household'],
  'POST /move-follow-ups/:id': ['household'],
  'POST /move-follow-ups/:id/decline': ['household'],
  'POST /move-cases/:id/partner': ['memberA', 'secretariat', 'guide', 'household'],
  // Leaving the network and ending a pledge are the organisation's own acts, not the secretariat's.
  'DELETE /api/v1/organisations/:orgId/network': ['memberA'],
  'DELETE /api/v1/organisations/:orgId/pledges/:pledgeId': ['memberA'],
  'POST /organisations/:id/network/pledges/:pledgeId/end': ['memberA'],
  // Notices of people matched to organisation A are its members' own: the secretariat is not named
  // by any consent (decision 0030). The page forms re-render the list when their form is refused.
  'GET /api/v1/organisations/:orgId/partner-notices': ['memberA'],
  'GET /organisations/:id/partner-notices': ['memberA'],
  'POST /organisations/:id/partner-notices/:noticeId/interest': ['memberA'],
  'POST /organisations/:id/partner-notices/:noticeId/outcome': ['memberA'],
  // Telling a person of an opening is the organisation's own act, for a profile shared with it for
  // `inform`: the secretariat is named by no consent. The page form re-renders the list when refused.
  'POST /organisations/:id/partner-profiles/:profileId/tips': ['memberA'],
  // The two-job view is made from the partner's profile: the household's own.
  'GET /api/v1/move-cases/:id/two-job-view': ['household'],
  'GET /move-cases/:id/two-jobs': ['household'],
  // A campaign application of the household, routed to organisation A: the candidate and A's
  // members only (the secretariat sees figures, never candidates). The withdraw form has no fields.
  'GET /api/v1/campaign-applications/:id': ['household'],
  'DELETE /api/v1/campaign-applications/:id/routes/:orgId': ['household'],
  'GET /campaign-applications/:id': ['household'],
  'POST /campaign-applications/:id/routes/:orgId/withdraw': ['household'],
  'GET /api/v1/organisations/:id/campaign-applications': ['memberA'],
  'GET /api/v1/organisations/:id/campaign-applications/:applicationId': ['memberA'],
  'GET /organisations/:id/campaign-applications/:applicationId': ['memberA'],
  'POST /organisations/:id/campaign-applications/:applicationId': ['memberA'],
  // A returner's own entry (decision 0033): nobody in the matrix has one, so nobody reaches one;
  // test/node/recruitment.returners.test.ts covers the person who does.
  'GET /api/v1/returners/me': [],
  'DELETE /api/v1/returners/me': [],
  'POST /api/v1/returners/me/renewal': [],
  'POST /returners/me/renewal': [],
  'POST /returners/me/leave': [],
};

/** Who the rule lets in, for a route about organisation A. */
function allowed(spec: RouteSpec): Set<PrincipalName> {
  const narrowed = OBJECT_ACCESS[`${spec.method.toUpperCase()} ${spec.path}`];
  if (narrowed) return new Set(narrowed);
  switch (spec.access.kind) {
    case 'public':
    case 'development-only':
      return new Set(PRINCIPALS);
    case 'signed-in':
      return new Set(PRINCIPALS.filter((p) => p !== 'anonymous'));
    case 'secretariat':
      return new Set(['secretariat']);
    case 'student':
      return new Set(['student']);
    case 'organisation':
      return new Set(['memberA', 'secretariat']);
    case 'provider':
      return new Set(['provider', 'secretariat']);
    case 'relocation-guide':
      return new Set(['guide', 'secretariat']);
  }
}

interface World {
  t: TestApp;
  csrf: { cookie: string; token: string };
  callers: Record<PrincipalName, string | undefined>;
  params: Record<string, string>;
}

const at = '2026-11-28T09:00:00.000Z';

async function buildWorld(): Promise<World> {
  const t = await createTestApp({ database: await createTestDatabase() });
  const { db } = t.deps;
  const org = (id: string, orgNumber: string, provider = 0) =>
    db
      .insertInto('organisations')
      .values({
        id,
        name: `Org ${id}`,
        org_number: orgNumber,
        sector: provider ? 'akademi' : 'naringsliv',
        sni_division: '62',
        size_class: '10-49',
        municipality_code: '1080',
        is_education_provider: provider,
        is_demo: 0,
        created_at: at,
        updated_at: at,
      })
      .execute();
  await org('org-a', '556036-0793');
  await org('org-b', '202100-2114');
  await org('org-p', '212000-0142', 1);
  const memberA = await signIn(t, { memberships: [{ organisationId: 'org-a' }] });
  const memberB = await signIn(t, { memberships: [{ organisationId: 'org-b' }] });
  const provider = await signIn(t, { memberships: [{ organisationId: 'org-p', role: 'provider' }] });
  const student = await signIn(t, { roles: ['student'] });
  const secretariat = await signIn(t, { roles: ['secretariat'] });
  const guide = await signIn(t, { roles: ['relocation-guide'] });
  const household = await signIn(t, { email: 'hushall@example.se' });
  const token = await createApiToken(t, []);
  await db
    .insertInto('invitations')
    .values({
      id: 'inv-a',
      organisation_id: 'org-a',
      email: 'invitee@example.se',
      role: 'member',
      created_at: at,
      expires_at: '2026-12-12T09:00:00.000Z',
    })
    .execute();
  await db
    .insertInto('rounds')
    .values({
      id: 'round-1',
      name: 'Runda 1',
      period: '2026',
      opens_at: at,
      closes_at: '2027-01-31T00:00:00.000Z',
      status: 'open',
      questionnaire_version: 1,
      target: '{}',
      created_at: at,
      opened_at: at,
    })
    .execute();
  // An earlier, closed round that organisation A answered, so that copying forward has a source.
  await db
    .insertInto('rounds')
    .values({
      id: 'round-0',
      name: 'Runda 0',
      period: '2025',
      opens_at: '2025-11-01T08:00:00.000Z',
      closes_at: '2025-12-31T00:00:00.000Z',
      status: 'closed',
      questionnaire_version: 1,
      target: '{}',
      created_at: at,
      opened_at: at,
      closed_at: at,
    })
    .execute();
  const answered = JSON.stringify({ organisation: { employeesNow: 5 }, needs: [] });
  await db
    .insertInto('responses')
    .values({
      round_id: 'round-0',
      organisation_id: 'org-a',
      version: 1,
      status: 'submitted',
      draft: answered,
      updated_at: at,
      revision: 1,
      submitted_version: 1,
      submitted_at: at,
    })
    .execute();
  await db
    .insertInto('response_revisions')
    .values({
      id: 'revision-0',
      round_id: 'round-0',
      organisation_id: 'org-a',
      revision: 1,
      submission_id: 'submission-0',
      document: answered,
      changes: '{}',
      submitted_by: null,
      on_behalf: 0,
      submitted_at: at,
    })
    .execute();
  // An adopted plan: public, so that its public routes let everyone through (drafts are 404 to
  // all but the secretariat and invited reviewers, which the plans tests check).
  await insertAdoptedPlan(t, 'plan-a', 'round-0');
  // Education: an offering of the providing organisation and its interest in dialogue.
  await db
    .insertInto('offerings')
    .values({
      id: 'offering-p',
      provider_id: 'org-p',
      name: 'Svetsteknik',
      form: 'yh',
      sun_level: '41',
      sun_field: '521',
      annual_places: 20,
      annual_graduates: 16,
      municipality_code: '1080',
      distance: 0,
      language: 'sv',
      pace: 100,
      start_dates: '[]',
      url: null,
      description: null,
      is_demo: 0,
      version: 1,
      write_id: 'offering-p',
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('dialogue_interests')
    .values({
      id: 'dialogue-p',
      provider_id: 'org-p',
      occupation_code: '7212',
      specialisation_code: '',
      message: null,
      created_by: null,
      created_at: at,
    })
    .execute();
  // Placements: a placement of organisation A, the student's application to it, and the student's
  // mailed follow-up.
  await db
    .insertInto('placements')
    .values({
      id: 'placement-a',
      organisation_id: 'org-a',
      kind: 'lia',
      title: 'LIA',
      description: 'LIA hos A',
      occupation_id: 'DJh5_yyF_hEM',
      municipality_code: '1080',
      remote: 0,
      period_start: '2027-03-01',
      period_end: '2027-05-31',
      places: 1,
      apply_by: '2027-01-31',
      paid: 0,
      language: 'sv',
      education_level: null,
      requirements: '',
      contact: '',
      need_ref: null,
      write_id: 'placement-a',
      status: 'open',
      version: 1,
      created_by: null,
      created_at: at,
      updated_at: at,
      closed_at: null,
    })
    .execute();
  await db
    .insertInto('applications')
    .values({
      id: 'application-a',
      placement_id: 'placement-a',
      student_id: student.userId,
      message: 'Hej',
      status: 'received',
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('follow_ups')
    .values({
      id: 'follow-up-a',
      application_id: 'application-a',
      placement_id: 'placement-a',
      side: 'student',
      months: 3,
      due_at: '2027-08-31',
      created_at: at,
      mailed_at: at,
      answered_at: null,
      hired: null,
      stayed_in_region: null,
    })
    .execute();
  // A move case of organisation A, worked by the guide, with the household and one task.
  await db
    .insertInto('move_cases')
    .values({
      id: 'case-a',
      organisation_id: 'org-a',
      round_id: 'round-0',
      need_line_id: null,
      need_line_no: 1,
      occupation_id: 'DJh5_yyF_hEM',
      ssyk_code: '2512',
      partner_comes: 1,
      children_0_5: 0,
      children_6_15: 1,
      children_16_19: 0,
      housing_tenure: 'rent',
      housing_rooms: 3,
      housing_kommuner: '["1080"]',
      earliest_move: '2027-03',
      outcome: null,
      moved_in_on: null,
      moved_to_kommun: null,
      guide_user_id: guide.userId,
      opened_by: memberA.userId,
      created_at: at,
      updated_at: at,
      closed_at: null,
      erased_at: null,
    })
    .execute();
  await db
    .insertInto('move_case_people')
    .values({
      case_id: 'case-a',
      person: 'recruit',
      name: 'Hushåll',
      email: household.email,
      invited_at: at,
      accepted_at: null,
    })
    .execute();
  await db
    .insertInto('move_case_tasks')
    .values({
      id: 'task-a',
      case_id: 'case-a',
      kind: 'housing',
      title: null,
      owner: 'household',
      due_on: '2027-02-01',
      position: 0,
      created_by: null,
      updated_by: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  // Its 3-month follow-up, sent to the household's recruit.
  await db
    .insertInto('move_case_follow_ups')
    .values({
      id: 'case-a-recruit-3',
      case_id: 'case-a',
      person: 'recruit',
      wave: 3,
      due_on: '2027-06-01',
      state: 'sent',
      sent_at: at,
    })
    .execute();
  // Organisation A is a member of the recruitment network, with one pledge.
  await db
    .insertInto('network_members')
    .values({ id: 'network-a', organisation_id: 'org-a', terms_version: '2026-12', accepted_by: null, joined_at: at })
    .execute();
  await db
    .insertInto('network_pledges')
    .values({
      id: 'pledge-a',
      organisation_id: 'org-a',
      text: 'Vi intervjuar en partner per kvartal',
      kind: 'interview',
      count: 1,
      cadence: 'quarter',
      created_by: null,
      created_at: at,
    })
    .execute();
  // A campaign with organisation A's confirmed line, a visit day, and the household's application
  // routed to A (the same id as the placement application: another table).
  await db
    .insertInto('campaigns')
    .values({
      id: 'campaign-a',
      title_sv: 'Kampanj',
      title_en: 'Campaign',
      description_sv: 'Kampanj',
      description_en: 'Campaign',
      occupations: '["2512"]',
      kommuner: '["1080"]',
      opens_on: '2026-11-01',
      closes_on: '2027-01-31',
      created_by: null,
      created_at: at,
      erased_at: null,
    })
    .execute();
  await db
    .insertInto('campaign_lines')
    .values({
      id: 'cline-a',
      campaign_id: 'campaign-a',
      organisation_id: 'org-a',
      round_id: 'round-0',
      need_line_id: 'line-0',
      need_line_no: 1,
      occupation_id: 'DJh5_yyF_hEM',
      ssyk_code: '2512',
      headcount: 3,
      status: 'confirmed',
      posts: 2,
      answered_by: null,
      answered_at: at,
      invited_at: at,
    })
    .execute();
  await db
    .insertInto('campaign_visit_days')
    .values({
      id: 'day-a',
      campaign_id: 'campaign-a',
      day: '2027-01-14',
      place: 'BTH',
      places_limit: 10,
      created_at: at,
    })
    .execute();
  await db
    .insertInto('campaign_applications')
    .values({
      id: 'application-a',
      campaign_id: 'campaign-a',
      name: 'Hushåll',
      email: household.email,
      letter: 'Hej',
      cv: 'cv',
      earliest_start: '2027-03-01',
      partner_needs_work: 1,
      created_at: at,
      confirmed_at: at,
      erased_at: null,
    })
    .execute();
  await db
    .insertInto('campaign_application_routes')
    .values({ application_id: 'application-a', organisation_id: 'org-a', updated_at: at })
    .execute();
  return {
    t,
    csrf: await csrfPair(t.app),
    callers: {
      anonymous: undefined,
      student: student.cookie,
      memberA: memberA.cookie,
      memberB: memberB.cookie,
      provider: provider.cookie,
      secretariat: secretariat.cookie,
      guide: guide.cookie,
      household: household.cookie,
    },
    // Path parameters by name: real rows of organisation A's world, so that an allowed caller
    // reaches the handler and a refused one is refused by the rule, not by a missing row.
    params: {
      id: 'org-a',
      invitationId: 'inv-a',
      userId: memberA.userId,
      role: 'reviewer',
      name: 'app.css',
      tokenId: token.tokenId,
      orgId: 'org-a',
      applicationId: 'application-a',
      placementId: 'placement-a',
      taskId: 'task-a',
      pledgeId: 'pledge-a',
      profileId: 'profile-x',
      consentId: 'consent-x',
      noticeId: 'notice-a',
      lineId: 'cline-a',
      dayId: 'day-a',
      // Shared posts (decision 0035): a round of the world, and a proposal id (writes are refused by
      // their validator with an empty body, so no proposal row is needed to reach the rule).
      roundId: 'round-1',
      proposalId: 'proposal-a',
      guideId: guide.userId,
    },
  };
}

/** Routes whose `:id` is not an organisation. */
const ID_OVERRIDES: Record<string, (w: World) => string> = {
  '/api/v1/placements/:id': () => 'placement-a',
  '/api/v1/placements/:id/applications': () => 'placement-a',
  '/placements/:id': () => 'placement-a',
  '/placements/:id/apply': () => 'placement-a',
  '/api/v1/applications/:id': () => 'application-a',
  '/api/v1/follow-ups/:id': () => 'follow-up-a',
  '/follow-ups/:id': () => 'follow-up-a',
  '/api/v1/api-tokens/:id': (w) => w.params.tokenId ?? '',
  '/api/v1/users/:id/roles': (w) => w.params.userId ?? '',
  '/api/v1/users/:id/roles/:role': (w) => w.params.userId ?? '',
  '/admin/api-tokens/:id/revoke': (w) => w.params.tokenId ?? '',
  '/admin/users/:id/roles': (w) => w.params.userId ?? '',
  '/admin/users/:id/roles/:role/revoke': (w) => w.params.userId ?? '',
  '/api/v1/offerings/:id': () => 'offering-p',
  '/education/offerings/:id': () => 'offering-p',
  '/education/offerings/:id/edit': () => 'offering-p',
  '/education/offerings/:id/delete': () => 'offering-p',
  '/api/v1/dialogue-interests/:id': () => 'dialogue-p',
  '/education/dialogue/:id': () => 'dialogue-p',
  '/api/v1/move-cases/:id': () => 'case-a',
  '/api/v1/move-cases/:id/tasks': () => 'case-a',
  '/api/v1/move-cases/:id/tasks/:taskId': () => 'case-a',
  '/api/v1/move-cases/:id/assignment': () => 'case-a',
  '/api/v1/move-cases/:id/closure': () => 'case-a',
  '/move-cases/:id': () => 'case-a',
  '/move-cases/:id/details': () => 'case-a',
  '/move-cases/:id/tasks': () => 'case-a',
  '/move-cases/:id/tasks/:taskId': () => 'case-a',
  '/move-cases/:id/assignment': () => 'case-a',
  '/move-cases/:id/closure': () => 'case-a',
  '/api/v1/move-cases/:id/guide': () => 'case-a',
  '/move-cases/:id/guide': () => 'case-a',
  '/api/v1/move-follow-ups/:id': () => 'case-a-recruit-3',
  '/api/v1/move-follow-ups/:id/answer': () => 'case-a-recruit-3',
  '/api/v1/move-follow-ups/:id/decline': () => 'case-a-recruit-3',
  '/move-follow-ups/:id': () => 'case-a-recruit-3',
  '/move-follow-ups/:id/decline': () => 'case-a-recruit-3',
  '/api/v1/move-cases/:id/partner': () => 'case-a',
  '/move-cases/:id/partner': () => 'case-a',
  '/api/v1/move-cases/:id/two-job-view': () => 'case-a',
  '/move-cases/:id/two-jobs': () => 'case-a',
  '/api/v1/campaigns/:id': () => 'campaign-a',
  '/api/v1/campaigns/:id/tracking': () => 'campaign-a',
  '/api/v1/campaigns/:id/visit-days': () => 'campaign-a',
  '/api/v1/campaigns/:id/visit-days/:dayId/sign-ups': () => 'campaign-a',
  '/api/v1/campaigns/:id/applications': () => 'campaign-a',
  '/campaigns/:id': () => 'campaign-a',
  '/campaigns/:id/visit-days': () => 'campaign-a',
  '/campaigns/:id/apply': () => 'campaign-a',
  '/admin/campaigns/:id': () => 'campaign-a',
  '/admin/campaigns/:id/visit-days': () => 'campaign-a',
  '/api/v1/campaign-applications/:id': () => 'application-a',
  '/api/v1/campaign-applications/:id/routes/:orgId': () => 'application-a',
  '/campaign-applications/:id': () => 'application-a',
  '/campaign-applications/:id/routes/:orgId/withdraw': () => 'application-a',
};

function pathFor(spec: RouteSpec, world: World): string {
  return spec.path.replace(/:(\w+)/g, (_whole, name: string) => {
    if (name === 'id' && ID_OVERRIDES[spec.path]) return ID_OVERRIDES[spec.path]?.(world) ?? '';
    if (name === 'id' && /^\/(admin\/|api\/v1\/)?rounds\//.test(spec.path)) return 'round-1';
    if (name === 'id' && /^\/(api\/v1\/)?plans\//.test(spec.path)) return 'plan-a';
    // A relocation guide's kommuner: the guide's own account (decision 0036).
    if (name === 'userId' && /relocation-guides|recruitment\/guides/.test(spec.path)) return world.params.guideId ?? '';
    const value = world.params[name];
    if (value === undefined) throw new Error(`no fixture for :${name} in ${spec.path}; add one to the matrix`);
    return value;
  });
}

async function call(spec: RouteSpec, world: World, who: PrincipalName): Promise<Response> {
  const path = pathFor(spec, world);
  const session = world.callers[who];
  const headers: Record<string, string> = { cookie: cookies(world.csrf.cookie, session) };
  const init: RequestInit = { method: spec.method.toUpperCase(), headers };
  if (spec.method !== 'get' && spec.method !== 'delete') {
    if (spec.kind === 'page') {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      init.body = new URLSearchParams({ _csrf: world.csrf.token }).toString();
    } else {
      headers['content-type'] = 'application/json';
      init.body = '{}';
    }
  }
  return request(world.t.app, path, init);
}

function isRefusal(response: Response): boolean {
  if ([401, 403, 404].includes(response.status)) return true;
  // A page that needs a signed-in person redirects there.
  return response.status === 303 && (response.headers.get('location') ?? '').startsWith('/sign-in?next=');
}

let specs: readonly RouteSpec[] = [];
beforeAll(async () => {
  specs = (await createTestApp()).app.routeTable;
});

describe('the authorisation matrix', () => {
  it('has a rule for every route', () => {
    expect(specs.length).toBeGreaterThan(20);
    for (const spec of specs) expect(KNOWN_KINDS, `${spec.method} ${spec.path}`).toContain(spec.access?.kind);
  });

  it('declares the access policy reviewed in the snapshot (a changed rule must be a deliberate change)', () => {
    const policy = specs.map((s) => {
      const { kind, ...rest } = s.access;
      const extra = Object.entries(rest)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(',');
      return `${s.method.toUpperCase().padEnd(6)} ${s.path} → ${kind}${extra ? ` (${extra})` : ''}`;
    });
    expect(policy.sort().join('\n')).toMatchSnapshot();
  });

  it('has no route registered outside the route table', async () => {
    const { app } = await createTestApp();
    const tabled = new Set(specs.map((s) => `${s.method.toUpperCase()} ${s.path}`));
    const handlers = app.routes.filter((r) => r.method !== 'ALL' && r.path !== '/*');
    for (const route of handlers)
      expect(tabled, `${route.method} ${route.path}`).toContain(`${route.method} ${route.path}`);
  });

  it('lets exactly the allowed callers through on every route, and gives the rest no content', async () => {
    const failures: string[] = [];
    for (const spec of specs) {
      // GET /metrics is public in the route table and checks its own credential, the METRICS_TOKEN
      // bearer, which no principal holds: test/node/operations.test.ts covers it.
      if (spec.path === '/metrics') continue;
      let world = await buildWorld();
      const permitted = allowed(spec);
      // Refused callers first, in one world; each allowed caller of a write gets a fresh world,
      // since an allowed call may change it (erase, revoke).
      const order = [...PRINCIPALS].sort((a, b) => Number(permitted.has(a)) - Number(permitted.has(b)));
      for (const who of order) {
        if (permitted.has(who) && spec.method !== 'get') world = await buildWorld();
        const response = await call(spec, world, who);
        const label = `${spec.method.toUpperCase()} ${spec.path} as ${who}: ${response.status}`;
        if (permitted.has(who)) {
          if (isRefusal(response) && !(response.status === 404 && spec.kind === 'asset'))
            failures.push(`${label} (should be let through)`);
        } else if (!isRefusal(response)) {
          failures.push(`${label} (should be refused)`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 480_000);

  it('refuses an API token on every route its scopes do not name', async () => {
    const world = await buildWorld();
    const { authorization } = await createApiToken(world.t, []);
    const failures: string[] = [];
    for (const spec of specs.filter(
      (s) => s.kind === 'api' && !['public', 'development-only'].includes(s.access.kind),
    )) {
      const response = await request(world.t.app, pathFor(spec, world), {
        method: spec.method.toUpperCase(),
        headers: { authorization, 'content-type': 'application/json' },
        ...(spec.method === 'get' || spec.method === 'delete' ? {} : { body: '{}' }),
      });
      if (!isRefusal(response)) failures.push(`${spec.method.toUpperCase()} ${spec.path}: ${response.status}`);
    }
    expect(failures).toEqual([]);
  });
});
