import { beforeAll, describe, expect, it } from 'vitest';
import type { RouteSpec } from '../../src/http/routes.ts';
import { NETWORK_TERMS_VERSION } from '../../src/recruitment/network/schemas.ts';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, signIn } from '../support/auth.ts';
import { placementBody } from '../support/placements.ts';
import { orgNumber } from '../support/surveys.ts';

/**
 * One organisation's objects are not another's: a member of organisation A (or staff of education
 * provider A) who asks for organisation B's response, invitation, placement, application, follow-up,
 * offering or dialogue interest, or for B's part in recruiting together (issue 19: its network
 * membership and pledges, partner profiles shared with it and its notices of them, its campaign
 * lines, applications and need-line fills, its shared-post proposals) gets 404 ("not found or not
 * yours", docs/api.md), or 403 where the object is public or the route belongs to another role.
 *
 * The list below is written out by hand from reading the handlers, on purpose NOT derived from the
 * access rules in the route table: the authorisation matrix (authorization.security.test.ts) takes
 * "who is allowed" from those same declarations, so a loosened rule changes both the code and the
 * matrix's expectation, and only its snapshot notices. Here a loosened rule lets A's member
 * through, and the expected 404 fails. A guard test makes every new route whose path names an
 * organisation or one of its objects come here to be added by hand.
 */

type Caller = 'memberA' | 'memberB' | 'providerA' | 'providerB' | 'student' | 'secretariat' | 'candidate';

interface Case {
  /** The route as declared in the route table: method and Hono path template. */
  route: string;
  /** The address with organisation B's object (or B's object under A's own organisation). */
  url: string;
  /** Who asks: A's member, or A's provider staff for provider routes. */
  as?: Caller;
  /** What they get. 'public' is an object everyone may read by design (asserted 200). */
  expect: 404 | 403 | 'public';
  /** Someone who does get through at `controlUrl` (default `url`), proving the object is real. */
  control?: Caller;
  controlUrl?: string;
  /** A JSON body or form fields valid enough to reach the handler's own check. */
  json?: unknown;
  form?: Record<string, string>;
}

const R = '/api/v1/rounds/round-1/responses/org-b';
const P = '/organisations/org-b/placements/placement-b';
const CROSS_P = '/organisations/org-a/placements/placement-b';
const SECRET = 'HEMLIGT-B';
const responseBody = { version: 1, organisation: { employeesNow: 1 }, needs: [] };
const placementForm = { kind: 'lia', title: 'Kapad', description: 'Kapad annons', places: '1' };
const pledgeBody = { text: 'Vi intervjuar en partner i kvartalet', kind: 'interview', count: 1, cadence: 'quarter' };
const pledgeRecord = { kind: 'interview', doneOn: '2026-11-20', note: '' };
const purpose = '?purpose=consider';
const routeBody = { version: 1, status: 'interview', on: '2026-11-27' };
const routeForm = { version: '1', status: 'interview', on: '2026-11-27' };
const fillBody = { needLineId: 'need-line-b-2', filledOn: '2026-06-01' };

const CASES: Case[] = [
  // Survey responses of organisation B.
  { route: 'GET /api/v1/rounds/:id/responses/:orgId', url: R, expect: 404 },
  { route: 'PUT /api/v1/rounds/:id/responses/:orgId', url: R, expect: 404, json: responseBody },
  {
    route: 'POST /api/v1/rounds/:id/responses/:orgId/submit',
    url: `${R}/submit`,
    expect: 404,
    json: { submissionId: 'stranger-0001' },
  },
  { route: 'GET /api/v1/rounds/:id/responses/:orgId/revisions', url: `${R}/revisions`, expect: 404 },
  { route: 'POST /api/v1/rounds/:id/responses/:orgId/copy-forward', url: `${R}/copy-forward`, expect: 404, json: {} },
  { route: 'GET /rounds/:id/responses/:orgId', url: '/rounds/round-1/responses/org-b', expect: 404 },
  {
    route: 'POST /rounds/:id/responses/:orgId',
    url: '/rounds/round-1/responses/org-b',
    expect: 404,
    form: { version: '1', submissionId: 'stranger-0002', employeesNow: '1', action: 'save' },
  },
  { route: 'GET /rounds/:id/responses/:orgId/summary', url: '/rounds/round-1/responses/org-b/summary', expect: 404 },

  // Organisation B itself: its record, members, invitations, contact consent.
  { route: 'GET /api/v1/organisations/:id', url: '/api/v1/organisations/org-b', expect: 404 },
  {
    route: 'PATCH /api/v1/organisations/:id',
    url: '/api/v1/organisations/org-b',
    expect: 403, // the secretariat's alone, for B's own members too (docs/api.md)
    control: 'secretariat',
    json: { version: 1, name: 'Kapad AB' },
  },
  { route: 'GET /api/v1/organisations/:id/members', url: '/api/v1/organisations/org-b/members', expect: 404 },
  { route: 'GET /api/v1/organisations/:id/invitations', url: '/api/v1/organisations/org-b/invitations', expect: 404 },
  {
    route: 'POST /api/v1/organisations/:id/invitations',
    url: '/api/v1/organisations/org-b/invitations',
    expect: 404,
    json: { email: 'inkräktare@example.se', role: 'member' },
  },
  {
    route: 'DELETE /api/v1/organisations/:id/invitations/:invitationId',
    url: '/api/v1/organisations/org-b/invitations/inv-b',
    expect: 404,
  },
  {
    route: 'DELETE /api/v1/organisations/:id/invitations/:invitationId',
    url: '/api/v1/organisations/org-a/invitations/inv-b',
    expect: 404,
    controlUrl: '/api/v1/organisations/org-b/invitations/inv-b',
  },
  { route: 'GET /admin/organisations/:id', url: '/admin/organisations/org-b', expect: 403, control: 'secretariat' },
  {
    route: 'POST /admin/organisations/:id',
    url: '/admin/organisations/org-b',
    expect: 403,
    control: 'secretariat',
    form: { name: 'Kapad AB' },
  },
  { route: 'GET /organisations/:id', url: '/organisations/org-b', expect: 404 },
  {
    route: 'POST /organisations/:id/invitations',
    url: '/organisations/org-b/invitations',
    expect: 404,
    form: { email: 'inkräktare@example.se', role: 'member' },
  },
  {
    route: 'POST /organisations/:id/invitations/:invitationId/revoke',
    url: '/organisations/org-b/invitations/inv-b/revoke',
    expect: 404,
  },
  {
    route: 'POST /organisations/:id/invitations/:invitationId/revoke',
    url: '/organisations/org-a/invitations/inv-b/revoke',
    expect: 404,
    controlUrl: '/organisations/org-b/invitations/inv-b/revoke',
  },
  {
    route: 'GET /api/v1/organisations/:id/contact-consent',
    url: '/api/v1/organisations/org-b/contact-consent',
    expect: 404,
  },
  {
    route: 'PUT /api/v1/organisations/:id/contact-consent',
    url: '/api/v1/organisations/org-b/contact-consent',
    expect: 404,
    json: { secretariatMayContact: false, shownToProviders: false, version: 1 },
  },
  { route: 'GET /organisations/:id/contact-consent', url: '/organisations/org-b/contact-consent', expect: 404 },
  {
    route: 'POST /organisations/:id/contact-consent',
    url: '/organisations/org-b/contact-consent',
    expect: 404,
    form: { version: '1' },
  },

  // Organisation B's move cases and the need lines it may open them from (docs/decisions/0027); a
  // case of another organisation is 404 to everyone outside it (test/node/recruitment.move-cases.test.ts).
  { route: 'GET /organisations/:id/move-cases', url: '/organisations/org-b/move-cases', expect: 404 },
  { route: 'GET /organisations/:id/move-cases/new', url: '/organisations/org-b/move-cases/new', expect: 404 },
  {
    route: 'POST /organisations/:id/move-cases/new',
    url: '/organisations/org-b/move-cases/new',
    expect: 404,
    form: { recruitName: 'Kapad', recruitEmail: 'kapad@example.se' },
  },

  // Placements of organisation B and the applications and follow-ups on them.
  { route: 'GET /organisations/:id/placements', url: '/organisations/org-b/placements', expect: 404 },
  { route: 'GET /organisations/:id/placements/new', url: '/organisations/org-b/placements/new', expect: 404 },
  {
    route: 'POST /organisations/:id/placements/new',
    url: '/organisations/org-b/placements/new',
    expect: 404,
    form: placementForm,
  },
  { route: 'GET /organisations/:id/placements/:placementId/edit', url: `${P}/edit`, expect: 404 },
  {
    route: 'GET /organisations/:id/placements/:placementId/edit',
    url: `${CROSS_P}/edit`,
    expect: 404,
    controlUrl: `${P}/edit`,
  },
  {
    route: 'POST /organisations/:id/placements/:placementId/edit',
    url: `${P}/edit`,
    expect: 404,
    form: { ...placementForm, version: '1' },
  },
  {
    route: 'POST /organisations/:id/placements/:placementId/edit',
    url: `${CROSS_P}/edit`,
    expect: 404,
    controlUrl: `${P}/edit`,
    form: { ...placementForm, version: '1' },
  },
  { route: 'POST /organisations/:id/placements/:placementId/withdraw', url: `${P}/withdraw`, expect: 404 },
  {
    route: 'POST /organisations/:id/placements/:placementId/withdraw',
    url: `${CROSS_P}/withdraw`,
    expect: 404,
    controlUrl: `${P}/withdraw`,
  },
  { route: 'GET /organisations/:id/applications', url: '/organisations/org-b/applications', expect: 404 },
  {
    route: 'POST /organisations/:id/applications/:applicationId/status',
    url: '/organisations/org-b/applications/application-b/status',
    expect: 404,
    form: { status: 'in-dialogue' },
  },
  {
    route: 'POST /organisations/:id/applications/:applicationId/status',
    url: '/organisations/org-a/applications/application-b/status',
    expect: 404,
    controlUrl: '/organisations/org-b/applications/application-b/status',
    form: { status: 'in-dialogue' },
  },
  {
    // Organisation-scoped by its body: publishing in B's name.
    route: 'POST /api/v1/placements',
    url: '/api/v1/placements',
    expect: 404,
    json: placementBody('org-b'),
  },
  {
    route: 'PATCH /api/v1/placements/:id',
    url: '/api/v1/placements/placement-b',
    expect: 404,
    json: { version: 1, title: 'Kapad' },
  },
  { route: 'DELETE /api/v1/placements/:id', url: '/api/v1/placements/placement-b', expect: 404 },
  // An open placement is on the public list: anyone reads it.
  { route: 'GET /api/v1/placements/:id', url: '/api/v1/placements/placement-b', expect: 'public' },
  { route: 'GET /placements/:id', url: '/placements/placement-b', expect: 'public' },
  // Applying is a student's; A's member is not one.
  {
    route: 'POST /api/v1/placements/:id/applications',
    url: '/api/v1/placements/placement-b/applications',
    expect: 403,
    control: 'student',
    json: { message: 'Hej' },
  },
  {
    route: 'POST /placements/:id/apply',
    url: '/placements/placement-b/apply',
    expect: 403,
    control: 'student',
    form: { message: 'Hej' },
  },
  {
    route: 'PATCH /api/v1/applications/:id',
    url: '/api/v1/applications/application-b',
    expect: 404,
    json: { status: 'in-dialogue' },
  },
  {
    route: 'POST /students/applications/:applicationId/status',
    url: '/students/applications/application-b/status',
    expect: 403,
    control: 'student',
    form: { status: 'withdrawn' },
  },
  {
    route: 'PUT /api/v1/follow-ups/:id',
    url: '/api/v1/follow-ups/follow-up-b',
    expect: 404,
    json: { hired: true, stayedInRegion: true },
  },
  {
    route: 'POST /follow-ups/:id',
    url: '/follow-ups/follow-up-b',
    expect: 404,
    form: { hired: 'yes', stayedInRegion: 'yes' },
  },

  // Education provider B's offering and interest in dialogue, asked for by provider A's staff.
  { route: 'GET /api/v1/offerings/:id', url: '/api/v1/offerings/offering-pb', as: 'providerA', expect: 'public' },
  { route: 'GET /education/offerings/:id', url: '/education/offerings/offering-pb', as: 'providerA', expect: 'public' },
  {
    // Offerings are public, so their existence is no secret: another provider's is 403, not 404.
    route: 'PATCH /api/v1/offerings/:id',
    url: '/api/v1/offerings/offering-pb',
    as: 'providerA',
    expect: 403,
    json: { version: 1, name: 'Kapad utbildning' },
  },
  { route: 'DELETE /api/v1/offerings/:id', url: '/api/v1/offerings/offering-pb', as: 'providerA', expect: 403 },
  {
    route: 'POST /api/v1/offerings',
    url: '/api/v1/offerings',
    as: 'providerA',
    expect: 403,
    json: {
      name: 'Kapad utbildning',
      providerId: 'org-pb',
      form: 'yh',
      sunLevel: '41',
      sunField: '521',
      occupationIds: [],
      skillIds: [],
      annualPlaces: 10,
      annualGraduates: 8,
      municipalityCode: '1080',
      distance: false,
      startDates: [],
      url: null,
    },
  },
  {
    route: 'GET /education/offerings/:id/edit',
    url: '/education/offerings/offering-pb/edit',
    as: 'providerA',
    expect: 404,
  },
  {
    route: 'POST /education/offerings/:id/edit',
    url: '/education/offerings/offering-pb/edit',
    as: 'providerA',
    expect: 404,
    form: { version: '1', name: 'Kapad utbildning' },
  },
  {
    route: 'POST /education/offerings/:id/delete',
    url: '/education/offerings/offering-pb/delete',
    as: 'providerA',
    expect: 403,
  },
  {
    route: 'POST /api/v1/dialogue-interests',
    url: '/api/v1/dialogue-interests',
    as: 'providerA',
    expect: 403,
    json: { providerId: 'org-pb', occupation: '7212' },
  },
  {
    route: 'GET /api/v1/dialogue-interests/:id',
    url: '/api/v1/dialogue-interests/dialogue-pb',
    as: 'providerA',
    expect: 404,
  },
  { route: 'GET /education/dialogue/:id', url: '/education/dialogue/dialogue-pb', as: 'providerA', expect: 404 },

  // Organisation B in the recruitment network (decision 0030): its membership and its pledge
  // pledge-b, acted on in B's name, or in A's name (A is a member too) naming B's pledge.
  { route: 'GET /api/v1/organisations/:orgId/network', url: '/api/v1/organisations/org-b/network', expect: 404 },
  {
    // B is a member already: its own member gets past the check to the 409 of joining twice.
    route: 'PUT /api/v1/organisations/:orgId/network',
    url: '/api/v1/organisations/org-b/network',
    expect: 404,
    json: { termsVersion: NETWORK_TERMS_VERSION, acceptTerms: true },
  },
  { route: 'DELETE /api/v1/organisations/:orgId/network', url: '/api/v1/organisations/org-b/network', expect: 404 },
  {
    route: 'POST /api/v1/organisations/:orgId/pledges',
    url: '/api/v1/organisations/org-b/pledges',
    expect: 404,
    json: pledgeBody,
  },
  {
    route: 'DELETE /api/v1/organisations/:orgId/pledges/:pledgeId',
    url: '/api/v1/organisations/org-b/pledges/pledge-b',
    expect: 404,
  },
  {
    route: 'DELETE /api/v1/organisations/:orgId/pledges/:pledgeId',
    url: '/api/v1/organisations/org-a/pledges/pledge-b',
    expect: 404,
    controlUrl: '/api/v1/organisations/org-b/pledges/pledge-b',
  },
  {
    route: 'POST /api/v1/organisations/:orgId/pledges/:pledgeId/records',
    url: '/api/v1/organisations/org-b/pledges/pledge-b/records',
    expect: 404,
    json: pledgeRecord,
  },
  {
    route: 'POST /api/v1/organisations/:orgId/pledges/:pledgeId/records',
    url: '/api/v1/organisations/org-a/pledges/pledge-b/records',
    expect: 404,
    controlUrl: '/api/v1/organisations/org-b/pledges/pledge-b/records',
    json: pledgeRecord,
  },
  { route: 'GET /organisations/:id/network', url: '/organisations/org-b/network', expect: 404 },
  {
    // As the PUT above: B's member gets the join form back with "a member already" (409).
    route: 'POST /organisations/:id/network/join',
    url: '/organisations/org-b/network/join',
    expect: 404,
    form: { termsVersion: NETWORK_TERMS_VERSION, acceptTerms: 'true' },
  },
  {
    route: 'POST /organisations/:id/network/leave',
    url: '/organisations/org-b/network/leave',
    expect: 404,
    form: { confirm: 'true' },
  },
  {
    route: 'POST /organisations/:id/network/pledges',
    url: '/organisations/org-b/network/pledges',
    expect: 404,
    form: { text: pledgeBody.text, kind: 'interview', count: '1', cadence: 'quarter' },
  },
  {
    route: 'POST /organisations/:id/network/pledges/:pledgeId/end',
    url: '/organisations/org-b/network/pledges/pledge-b/end',
    expect: 404,
  },
  {
    route: 'POST /organisations/:id/network/pledges/:pledgeId/end',
    url: '/organisations/org-a/network/pledges/pledge-b/end',
    expect: 404,
    controlUrl: '/organisations/org-b/network/pledges/pledge-b/end',
  },
  {
    route: 'GET /organisations/:id/network/pledges/:pledgeId',
    url: '/organisations/org-b/network/pledges/pledge-b',
    expect: 404,
  },
  {
    route: 'GET /organisations/:id/network/pledges/:pledgeId',
    url: '/organisations/org-a/network/pledges/pledge-b',
    expect: 404,
    controlUrl: '/organisations/org-b/network/pledges/pledge-b',
  },
  {
    route: 'POST /organisations/:id/network/pledges/:pledgeId',
    url: '/organisations/org-b/network/pledges/pledge-b',
    expect: 404,
    form: pledgeRecord,
  },
  {
    route: 'POST /organisations/:id/network/pledges/:pledgeId',
    url: '/organisations/org-a/network/pledges/pledge-b',
    expect: 404,
    controlUrl: '/organisations/org-b/network/pledges/pledge-b',
    form: pledgeRecord,
  },

  // A partner profile shared with organisation B alone, to be considered (decision 0030).
  {
    route: 'GET /api/v1/organisations/:orgId/partner-profiles',
    url: `/api/v1/organisations/org-b/partner-profiles${purpose}`,
    expect: 404,
  },
  {
    route: 'GET /api/v1/organisations/:orgId/partner-profiles.csv',
    url: `/api/v1/organisations/org-b/partner-profiles.csv${purpose}`,
    expect: 404,
  },
  {
    route: 'GET /api/v1/organisations/:orgId/partner-profiles/:profileId',
    url: `/api/v1/organisations/org-b/partner-profiles/profile-b${purpose}`,
    expect: 404,
  },
  {
    route: 'GET /api/v1/organisations/:orgId/partner-profiles/:profileId',
    url: `/api/v1/organisations/org-a/partner-profiles/profile-b${purpose}`,
    expect: 404,
    controlUrl: `/api/v1/organisations/org-b/partner-profiles/profile-b${purpose}`,
  },
  {
    route: 'GET /organisations/:id/partner-profiles',
    url: `/organisations/org-b/partner-profiles${purpose}`,
    expect: 404,
  },

  // B's anonymous notices of those profiles (decision 0031): notice-b new, notice-b-accepted past contact.
  {
    route: 'GET /api/v1/organisations/:orgId/partner-notices',
    url: '/api/v1/organisations/org-b/partner-notices',
    expect: 404,
  },
  {
    route: 'POST /api/v1/organisations/:orgId/partner-notices/:noticeId/interest',
    url: '/api/v1/organisations/org-b/partner-notices/notice-b/interest',
    expect: 404,
    json: { interested: true, version: 1 },
  },
  {
    route: 'POST /api/v1/organisations/:orgId/partner-notices/:noticeId/interest',
    url: '/api/v1/organisations/org-a/partner-notices/notice-b/interest',
    expect: 404,
    controlUrl: '/api/v1/organisations/org-b/partner-notices/notice-b/interest',
    json: { interested: true, version: 1 },
  },
  {
    route: 'POST /api/v1/organisations/:orgId/partner-notices/:noticeId/outcome',
    url: '/api/v1/organisations/org-b/partner-notices/notice-b-accepted/outcome',
    expect: 404,
    json: { outcome: 'not-hired', version: 1 },
  },
  {
    route: 'POST /api/v1/organisations/:orgId/partner-notices/:noticeId/outcome',
    url: '/api/v1/organisations/org-a/partner-notices/notice-b-accepted/outcome',
    expect: 404,
    controlUrl: '/api/v1/organisations/org-b/partner-notices/notice-b-accepted/outcome',
    json: { outcome: 'not-hired', version: 1 },
  },
  { route: 'GET /organisations/:id/partner-notices', url: '/organisations/org-b/partner-notices', expect: 404 },
  {
    route: 'POST /organisations/:id/partner-notices/:noticeId/interest',
    url: '/organisations/org-b/partner-notices/notice-b/interest',
    expect: 404,
    form: { version: '1', interested: 'yes' },
  },
  {
    route: 'POST /organisations/:id/partner-notices/:noticeId/interest',
    url: '/organisations/org-a/partner-notices/notice-b/interest',
    expect: 404,
    controlUrl: '/organisations/org-b/partner-notices/notice-b/interest',
    form: { version: '1', interested: 'yes' },
  },
  {
    route: 'POST /organisations/:id/partner-notices/:noticeId/outcome',
    url: '/organisations/org-b/partner-notices/notice-b-accepted/outcome',
    expect: 404,
    form: { version: '1', outcome: 'not-hired', hiredOn: '' },
  },
  {
    route: 'POST /organisations/:id/partner-notices/:noticeId/outcome',
    url: '/organisations/org-a/partner-notices/notice-b-accepted/outcome',
    expect: 404,
    controlUrl: '/organisations/org-b/partner-notices/notice-b-accepted/outcome',
    form: { version: '1', outcome: 'not-hired', hiredOn: '' },
  },

  // Campaigns (decision 0032): B's invited line campaign-line-b, the candidate's application
  // campaign-application-b routed to B alone, B's need lines and the post it filled alone.
  {
    // The candidate's own: A's member (any signed-in person) is not the candidate.
    route: 'DELETE /api/v1/campaign-applications/:id/routes/:orgId',
    url: '/api/v1/campaign-applications/campaign-application-b/routes/org-b',
    expect: 404,
    control: 'candidate',
  },
  {
    route: 'POST /campaign-applications/:id/routes/:orgId/withdraw',
    url: '/campaign-applications/campaign-application-b/routes/org-b/withdraw',
    expect: 404,
    control: 'candidate',
  },
  {
    route: 'GET /api/v1/campaign-applications/:id',
    url: '/api/v1/campaign-applications/campaign-application-b',
    expect: 404,
    control: 'candidate',
  },
  {
    route: 'GET /campaign-applications/:id',
    url: '/campaign-applications/campaign-application-b',
    expect: 404,
    control: 'candidate',
  },
  { route: 'GET /api/v1/organisations/:id/campaigns', url: '/api/v1/organisations/org-b/campaigns', expect: 404 },
  {
    route: 'POST /api/v1/organisations/:id/campaign-lines/:lineId',
    url: '/api/v1/organisations/org-b/campaign-lines/campaign-line-b',
    expect: 404,
    json: { version: 1, confirm: true, posts: 2 },
  },
  {
    route: 'POST /api/v1/organisations/:id/campaign-lines/:lineId',
    url: '/api/v1/organisations/org-a/campaign-lines/campaign-line-b',
    expect: 404,
    controlUrl: '/api/v1/organisations/org-b/campaign-lines/campaign-line-b',
    json: { version: 1, confirm: true, posts: 2 },
  },
  {
    route: 'GET /api/v1/organisations/:id/campaign-applications',
    url: '/api/v1/organisations/org-b/campaign-applications',
    expect: 404,
  },
  {
    route: 'GET /api/v1/organisations/:id/campaign-applications/:applicationId',
    url: '/api/v1/organisations/org-b/campaign-applications/campaign-application-b',
    expect: 404,
  },
  {
    route: 'GET /api/v1/organisations/:id/campaign-applications/:applicationId',
    url: '/api/v1/organisations/org-a/campaign-applications/campaign-application-b',
    expect: 404,
    controlUrl: '/api/v1/organisations/org-b/campaign-applications/campaign-application-b',
  },
  {
    route: 'PATCH /api/v1/organisations/:id/campaign-applications/:applicationId',
    url: '/api/v1/organisations/org-b/campaign-applications/campaign-application-b',
    expect: 404,
    json: routeBody,
  },
  {
    route: 'PATCH /api/v1/organisations/:id/campaign-applications/:applicationId',
    url: '/api/v1/organisations/org-a/campaign-applications/campaign-application-b',
    expect: 404,
    controlUrl: '/api/v1/organisations/org-b/campaign-applications/campaign-application-b',
    json: routeBody,
  },
  {
    route: 'GET /api/v1/organisations/:id/need-line-fills',
    url: '/api/v1/organisations/org-b/need-line-fills',
    expect: 404,
  },
  {
    route: 'POST /api/v1/organisations/:id/need-line-fills',
    url: '/api/v1/organisations/org-b/need-line-fills',
    expect: 404,
    json: fillBody,
  },
  {
    // Filling B's need line in A's name.
    route: 'POST /api/v1/organisations/:id/need-line-fills',
    url: '/api/v1/organisations/org-a/need-line-fills',
    expect: 404,
    controlUrl: '/api/v1/organisations/org-b/need-line-fills',
    json: fillBody,
  },
  { route: 'GET /organisations/:id/campaigns', url: '/organisations/org-b/campaigns', expect: 404 },
  {
    route: 'POST /organisations/:id/campaign-lines/:lineId',
    url: '/organisations/org-b/campaign-lines/campaign-line-b',
    expect: 404,
    form: { version: '1', decision: 'confirm', posts: '2' },
  },
  {
    route: 'POST /organisations/:id/campaign-lines/:lineId',
    url: '/organisations/org-a/campaign-lines/campaign-line-b',
    expect: 404,
    controlUrl: '/organisations/org-b/campaign-lines/campaign-line-b',
    form: { version: '1', decision: 'confirm', posts: '2' },
  },
  {
    route: 'POST /organisations/:id/need-line-fills',
    url: '/organisations/org-b/need-line-fills',
    expect: 404,
    form: fillBody,
  },
  {
    route: 'POST /organisations/:id/need-line-fills',
    url: '/organisations/org-a/need-line-fills',
    expect: 404,
    controlUrl: '/organisations/org-b/need-line-fills',
    form: fillBody,
  },
  {
    route: 'GET /organisations/:id/campaign-applications/:applicationId',
    url: '/organisations/org-b/campaign-applications/campaign-application-b',
    expect: 404,
  },
  {
    route: 'GET /organisations/:id/campaign-applications/:applicationId',
    url: '/organisations/org-a/campaign-applications/campaign-application-b',
    expect: 404,
    controlUrl: '/organisations/org-b/campaign-applications/campaign-application-b',
  },
  {
    route: 'POST /organisations/:id/campaign-applications/:applicationId',
    url: '/organisations/org-b/campaign-applications/campaign-application-b',
    expect: 404,
    form: { ...routeForm, lineId: '' },
  },
  {
    route: 'POST /organisations/:id/campaign-applications/:applicationId',
    url: '/organisations/org-a/campaign-applications/campaign-application-b',
    expect: 404,
    controlUrl: '/organisations/org-b/campaign-applications/campaign-application-b',
    form: { ...routeForm, lineId: '' },
  },

  // A shared-post proposal naming B and C, not A (decision 0035).
  {
    route: 'GET /api/v1/organisations/:orgId/shared-posts',
    url: '/api/v1/organisations/org-b/shared-posts',
    expect: 404,
  },
  {
    route: 'POST /api/v1/organisations/:orgId/shared-posts/:proposalId/answer',
    url: '/api/v1/organisations/org-b/shared-posts/proposal-b/answer',
    expect: 404,
    json: { answer: 'accept' },
  },
  {
    route: 'POST /api/v1/organisations/:orgId/shared-posts/:proposalId/answer',
    url: '/api/v1/organisations/org-a/shared-posts/proposal-b/answer',
    expect: 404,
    controlUrl: '/api/v1/organisations/org-b/shared-posts/proposal-b/answer',
    json: { answer: 'accept' },
  },
  { route: 'GET /organisations/:id/shared-posts', url: '/organisations/org-b/shared-posts', expect: 404 },
  {
    route: 'POST /organisations/:id/shared-posts/:proposalId/answer',
    url: '/organisations/org-b/shared-posts/proposal-b/answer',
    expect: 404,
    form: { answer: 'accept' },
  },
  {
    route: 'POST /organisations/:id/shared-posts/:proposalId/answer',
    url: '/organisations/org-a/shared-posts/proposal-b/answer',
    expect: 404,
    controlUrl: '/organisations/org-b/shared-posts/proposal-b/answer',
    form: { answer: 'accept' },
  },
  // Telling a partner of one of B's openings (decision 0031): B's own member gets past the
  // membership check to the opening's (a made-up opening is 422 for B, before any profile is read).
  {
    route: 'POST /api/v1/organisations/:orgId/partner-profiles/:profileId/tips',
    url: '/api/v1/organisations/org-b/partner-profiles/profile-x/tips',
    expect: 404,
    json: { source: 'need', openingId: 'no-such-line' },
  },
  {
    route: 'POST /organisations/:id/partner-profiles/:profileId/tips',
    url: '/organisations/org-b/partner-profiles/profile-x/tips',
    expect: 404,
    form: { opening: 'need:no-such-line', note: '' },
  },
];

/**
 * Lists that hold organisation B's objects for B (at `controlUrl`, by default the same address):
 * A's reader sees none of them, at the same address or under A's own organisation.
 */
const LISTS: { url: string; as: Caller; control: Caller; controlUrl?: string }[] = [
  { url: '/api/v1/organisations', as: 'memberA', control: 'memberB' },
  { url: '/api/v1/applications', as: 'memberA', control: 'memberB' },
  { url: '/api/v1/applications?organisation=org-b', as: 'memberA', control: 'memberB' },
  { url: '/api/v1/follow-ups', as: 'memberA', control: 'memberB' },
  { url: '/follow-ups', as: 'memberA', control: 'memberB' },
  { url: '/surveys', as: 'memberA', control: 'memberB' },
  { url: '/api/v1/dialogue-interests', as: 'providerA', control: 'providerB' },
  { url: '/education/dialogue', as: 'providerA', control: 'providerB' },
  { url: '/api/v1/campaign-applications', as: 'memberA', control: 'candidate' },
  ...[
    '/api/v1/organisations/:org/network',
    `/api/v1/organisations/:org/partner-profiles${purpose}`,
    `/api/v1/organisations/:org/partner-profiles.csv${purpose}`,
    '/api/v1/organisations/:org/partner-notices',
    '/api/v1/organisations/:org/campaigns',
    '/api/v1/organisations/:org/campaign-applications',
    '/api/v1/organisations/:org/shared-posts',
    '/organisations/:org/network',
    `/organisations/:org/partner-profiles${purpose}`,
    '/organisations/:org/partner-notices',
    '/organisations/:org/campaigns',
    '/organisations/:org/shared-posts',
  ].map((url) => ({
    url: url.replace(':org', 'org-a'),
    as: 'memberA' as const,
    control: 'memberB' as const,
    controlUrl: url.replace(':org', 'org-b'),
  })),
];

/**
 * Paths that name an organisation or one of its objects. A route of the table that matches one
 * must be in CASES (a new route is added there by hand, with what A's member should get).
 */
const ORGANISATION_SCOPED = [
  /:orgId\b/,
  /\/organisations\/:id\b/,
  /:(placementId|applicationId|invitationId)\b/,
  /\/(placements|applications|follow-ups|offerings|dialogue-interests|dialogue)\/:id\b/,
];

interface World {
  t: TestApp;
  csrf: { cookie: string; token: string };
  callers: Record<Caller, string>;
}

const at = '2026-11-28T09:00:00.000Z';

async function buildWorld(): Promise<World> {
  const t = await createTestApp({ now: new Date(at) });
  const { db } = t.deps;
  const org = (id: string, name: string, n: number, provider = 0) =>
    db
      .insertInto('organisations')
      .values({
        id,
        name,
        org_number: orgNumber(n),
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
  await org('org-a', 'Organisation A', 1);
  await org('org-b', `Organisation B ${SECRET}`, 2);
  await org('org-pa', 'Utbildare A', 3, 1);
  await org('org-pb', `Utbildare B ${SECRET}`, 4, 1);
  const memberA = await signIn(t, { memberships: [{ organisationId: 'org-a' }] });
  const memberB = await signIn(t, { memberships: [{ organisationId: 'org-b' }] });
  const providerA = await signIn(t, { memberships: [{ organisationId: 'org-pa', role: 'provider' }] });
  const providerB = await signIn(t, { memberships: [{ organisationId: 'org-pb', role: 'provider' }] });
  const student = await signIn(t, { roles: ['student'] });
  const secretariat = await signIn(t, { roles: ['secretariat'] });
  const candidate = await signIn(t, { name: 'Kim Kandidat', email: 'kim.kandidat@example.se' });

  // Rounds: B answered the closed round 0 and has a submitted response in the open round 1.
  for (const [id, status, opensAt, closesAt] of [
    ['round-0', 'closed', '2025-11-01T00:00:00.000Z', '2026-01-31T00:00:00.000Z'],
    ['round-1', 'open', '2026-11-01T00:00:00.000Z', '2027-01-31T00:00:00.000Z'],
  ] as const) {
    await db
      .insertInto('rounds')
      .values({
        id,
        name: `Runda ${id}`,
        period: '2026',
        opens_at: opensAt,
        closes_at: closesAt,
        status,
        questionnaire_version: 1,
        target: '{}',
        created_at: at,
        opened_at: at,
        closed_at: status === 'closed' ? closesAt : null,
      })
      .execute();
    const document = JSON.stringify({ organisation: { employeesNow: 5, obstaclesOther: SECRET }, needs: [] });
    await db
      .insertInto('responses')
      .values({
        round_id: id,
        organisation_id: 'org-b',
        version: 1,
        status: 'submitted',
        draft: document,
        updated_at: at,
        revision: 1,
        submitted_version: 1,
        submitted_at: at,
      })
      .execute();
    await db
      .insertInto('response_revisions')
      .values({
        id: `revision-${id}`,
        round_id: id,
        organisation_id: 'org-b',
        revision: 1,
        submission_id: `submission-${id}`,
        document,
        changes: JSON.stringify({
          organisation: [{ field: 'employeesNow', before: null, after: 5 }],
          needsAdded: 0,
          needsRemoved: 0,
          needsChanged: 0,
        }),
        submitted_by: memberB.userId,
        on_behalf: 0,
        submitted_at: at,
      })
      .execute();
  }
  await db
    .insertInto('round_targets')
    .values({
      round_id: 'round-1',
      organisation_id: 'org-b',
      sector: 'naringsliv',
      size_class: '10-49',
      municipality_code: '1080',
    })
    .execute();

  await db
    .insertInto('invitations')
    .values({
      id: 'inv-b',
      organisation_id: 'org-b',
      email: 'kollega.b@example.se',
      role: 'member',
      created_at: at,
      expires_at: '2026-12-12T09:00:00.000Z',
    })
    .execute();
  await db
    .insertInto('organisation_contact_consent')
    .values({
      organisation_id: 'org-b',
      secretariat_may_contact: 1,
      shown_to_providers: 1,
      version: 1,
      updated_at: at,
      updated_by: null,
    })
    .execute();

  await db
    .insertInto('placements')
    .values({
      id: 'placement-b',
      organisation_id: 'org-b',
      kind: 'lia',
      title: `LIA ${SECRET}`,
      description: 'LIA hos B',
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
      write_id: 'placement-b',
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
      id: 'application-b',
      placement_id: 'placement-b',
      student_id: student.userId,
      message: `Hej ${SECRET}`,
      status: 'received',
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('follow_ups')
    .values({
      id: 'follow-up-b',
      application_id: 'application-b',
      placement_id: 'placement-b',
      side: 'organisation',
      months: 3,
      due_at: '2027-08-31',
      created_at: at,
      mailed_at: at,
      answered_at: null,
      hired: null,
      stayed_in_region: null,
    })
    .execute();

  await db
    .insertInto('offerings')
    .values({
      id: 'offering-pb',
      provider_id: 'org-pb',
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
      write_id: 'offering-pb',
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('dialogue_interests')
    .values({
      id: 'dialogue-pb',
      provider_id: 'org-pb',
      occupation_code: '7212',
      specialisation_code: '',
      message: `Vi vill prata ${SECRET}`,
      created_by: providerB.userId,
      created_at: at,
    })
    .execute();

  // Issue 19's recruitment objects. Round 0 (closed) holds B's submitted need lines: line 1 is
  // invited to a campaign, line 2 was filled alone, line 3 is a part-time need B would share; C
  // shares one too, so that a shared-post proposal names B and C.
  await org('org-c', 'Organisation C', 5);
  await db
    .insertInto('responses')
    .values({
      round_id: 'round-0',
      organisation_id: 'org-c',
      version: 1,
      status: 'submitted',
      draft: '{}',
      updated_at: at,
      revision: 1,
      submitted_version: 1,
      submitted_at: at,
    })
    .execute();
  for (const organisationId of ['org-b', 'org-c']) {
    await db
      .insertInto('submitted_responses')
      .values({
        round_id: 'round-0',
        organisation_id: organisationId,
        revision: 1,
        sector: 'naringsliv',
        size_class: '10-49',
        municipality_code: '1080',
        obstacles: '[]',
        sni_section: null,
        employees_now: null,
        expected_change_1y: null,
        expected_change_3y: null,
        provider_interest: null,
        contact_consent: 0,
        submitted_at: at,
      })
      .execute();
  }
  const needLine = (id: string, organisationId: string, lineNo: number, shared = false) =>
    db
      .insertInto('need_lines')
      .values({
        id,
        round_id: 'round-0',
        organisation_id: organisationId,
        line_no: lineNo,
        occupation_id: 'DJh5_yyF_hEM',
        ssyk_code: '2512',
        headcount: 2,
        horizon: '0-1',
        education_level: 'bachelor',
        difficulty: 4,
        recruit_local: shared ? 0 : 1,
        recruit_outside: 0,
        relocation_family: 0,
        train_staff: 0,
        remote: 0,
        consultants: 0,
        placement_kinds: null,
        placement_count: null,
        work_place: null,
        extent: shared ? 'part-time' : null,
        open_to_sharing: shared ? 1 : 0,
        comment: SECRET,
      })
      .execute();
  await needLine('need-line-b-1', 'org-b', 1);
  await needLine('need-line-b-2', 'org-b', 2);
  await needLine('need-line-b-3', 'org-b', 3, true);
  await needLine('need-line-c-1', 'org-c', 1, true);
  await db
    .insertInto('shared_post_proposals')
    .values({ id: 'proposal-b', round_id: 'round-0', ssyk_code: '2512', created_at: at })
    .execute();
  await db
    .insertInto('shared_post_members')
    .values(['org-b', 'org-c'].map((organisation_id) => ({ proposal_id: 'proposal-b', organisation_id, added_at: at })))
    .execute();
  await db
    .insertInto('need_line_fills')
    .values({
      id: 'fill-b',
      organisation_id: 'org-b',
      round_id: 'round-0',
      need_line_id: 'need-line-b-2',
      need_line_no: 2,
      occupation_id: 'DJh5_yyF_hEM',
      ssyk_code: '2512',
      round_closes_on: '2026-01-31',
      filled_on: '2026-03-01',
      created_by: memberB.userId,
      created_at: at,
    })
    .execute();

  await db
    .insertInto('campaigns')
    .values({
      id: 'campaign-1',
      title_sv: 'Utvecklare i Karlskrona',
      title_en: 'Developers in Karlskrona',
      description_sv: 'Sök en gång.',
      description_en: 'Apply once.',
      occupations: '["2512"]',
      kommuner: '["1080"]',
      opens_on: '2026-11-01',
      closes_on: '2027-01-31',
      created_by: secretariat.userId,
      created_at: at,
    })
    .execute();
  await db
    .insertInto('campaign_lines')
    .values({
      id: 'campaign-line-b',
      campaign_id: 'campaign-1',
      organisation_id: 'org-b',
      round_id: 'round-0',
      need_line_id: 'need-line-b-1',
      need_line_no: 1,
      occupation_id: 'DJh5_yyF_hEM',
      ssyk_code: '2512',
      headcount: 2,
      invited_at: at,
    })
    .execute();
  await db
    .insertInto('campaign_applications')
    .values({
      id: 'campaign-application-b',
      campaign_id: 'campaign-1',
      name: `Kim Kandidat ${SECRET}`,
      email: candidate.email,
      letter: `Jag vill flytta ${SECRET}`,
      cv: 'https://example.se/kim-cv',
      earliest_start: '2027-03-01',
      partner_needs_work: 1,
      created_at: '2026-11-20T09:00:00.000Z',
      confirmed_at: '2026-11-20T09:00:00.000Z',
    })
    .execute();
  await db
    .insertInto('campaign_application_routes')
    .values({ application_id: 'campaign-application-b', organisation_id: 'org-b', updated_at: at })
    .execute();

  // A and B are members of the network; B has pledged an interview a quarter.
  for (const [id, organisationId, user] of [
    ['network-a', 'org-a', memberA],
    ['network-b', 'org-b', memberB],
  ] as const) {
    await db
      .insertInto('network_members')
      .values({
        id,
        organisation_id: organisationId,
        terms_version: NETWORK_TERMS_VERSION,
        accepted_by: user.userId,
        joined_at: at,
      })
      .execute();
  }
  await db
    .insertInto('network_pledges')
    .values({
      id: 'pledge-b',
      organisation_id: 'org-b',
      text: `Vi intervjuar ${SECRET}`,
      kind: 'interview',
      count: 1,
      cadence: 'quarter',
      created_by: memberB.userId,
      created_at: at,
    })
    .execute();

  // Two partners' profiles shared with B alone, to be considered, and B's notices of them: one
  // new, one the partner accepted (so that B may record the outcome).
  for (const [n, state] of [
    ['', 'new'],
    ['-accepted', 'accepted'],
  ] as const) {
    const partner = await signIn(t, { name: `Pat Partner${n} ${SECRET}` });
    await db
      .insertInto('partner_profiles')
      .values({
        id: `profile-b${n}`,
        user_id: partner.userId,
        occupation_ids: '["DJh5_yyF_hEM"]',
        skill_ids: '[]',
        languages: '["sv"]',
        earliest_start: '2027-01-01',
        kommuner: '["1080"]',
        work_modes: '["on-site"]',
        about: `Om mig ${SECRET}`,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db
      .insertInto('partner_consents')
      .values({
        id: `consent-b${n}`,
        profile_id: `profile-b${n}`,
        recipient: 'organisation',
        organisation_id: 'org-b',
        purpose: 'consider',
        months: 6,
        given_at: at,
        expires_at: '2027-05-28T09:00:00.000Z',
      })
      .execute();
    await db
      .insertInto('partner_notices')
      .values({
        id: `notice-b${n}`,
        profile_id: `profile-b${n}`,
        organisation_id: 'org-b',
        matches: '[]',
        state,
        interested_at: state === 'accepted' ? at : null,
        answered_at: state === 'accepted' ? at : null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }

  return {
    t,
    csrf: await csrfPair(t.app),
    callers: {
      memberA: memberA.cookie,
      memberB: memberB.cookie,
      providerA: providerA.cookie,
      providerB: providerB.cookie,
      student: student.cookie,
      secretariat: secretariat.cookie,
      candidate: candidate.cookie,
    },
  };
}

function call(world: World, method: string, url: string, who: Caller, c: Pick<Case, 'json' | 'form'> = {}) {
  const headers: Record<string, string> = { cookie: cookies(world.csrf.cookie, world.callers[who]) };
  const init: RequestInit = { method, headers };
  if (c.form !== undefined || (method === 'POST' && c.json === undefined && !url.startsWith('/api/'))) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    init.body = new URLSearchParams({ _csrf: world.csrf.token, ...c.form }).toString();
  } else if (c.json !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(c.json);
  }
  return request(world.t.app, url, init);
}

/** Every row a refused request must leave as it was. */
const GUARDED_TABLES = [
  'organisations',
  'memberships',
  'invitations',
  'organisation_contact_consent',
  'responses',
  'response_revisions',
  'submitted_responses',
  'need_lines',
  'placements',
  'applications',
  'follow_ups',
  'offerings',
  'dialogue_interests',
  'network_members',
  'network_pledges',
  'network_pledge_records',
  'partner_profiles',
  'partner_consents',
  'partner_notices',
  'campaigns',
  'campaign_lines',
  'campaign_applications',
  'campaign_application_routes',
  'need_line_fills',
  'shared_post_proposals',
  'shared_post_members',
  'audit_log',
  'outbox',
] as const;

function fingerprint(world: World): string {
  const raw = world.t.database.sqlite.raw;
  return JSON.stringify(
    GUARDED_TABLES.map((table) =>
      raw
        .prepare(`select * from ${table}`)
        .all()
        .map((row) => JSON.stringify(row))
        .sort(),
    ),
  );
}

/** Refused by an access check, or broken (a control that fails proves nothing). */
const refused = (status: number) => [401, 403, 404].includes(status) || status >= 500;

let specs: readonly RouteSpec[] = [];
beforeAll(async () => {
  specs = (await createTestApp()).app.routeTable;
});

describe('the written-out list of organisation-scoped routes', () => {
  it('holds every route of the route table whose path names an organisation or one of its objects', () => {
    const listed = new Set(CASES.map((c) => c.route));
    const missing = specs
      .map((s) => `${s.method.toUpperCase()} ${s.path}`)
      .filter((route) => ORGANISATION_SCOPED.some((pattern) => pattern.test(route)) && !listed.has(route));
    expect(missing, 'add these to CASES by hand, with what a member of another organisation gets').toEqual([]);
  });

  it('names only routes that exist', () => {
    const table = new Set(specs.map((s) => `${s.method.toUpperCase()} ${s.path}`));
    expect(CASES.map((c) => c.route).filter((route) => !table.has(route))).toEqual([]);
  });
});

describe("another organisation's objects", () => {
  for (const c of CASES) {
    const [method = 'GET'] = c.route.split(' ');
    const as = c.as ?? 'memberA';
    const outcome = c.expect === 'public' ? 'reads it, as anyone may' : `gets ${c.expect}, and nothing changes`;
    it(`${method} ${c.url}: ${as === 'memberA' ? "organisation A's member" : "provider A's staff"} ${outcome}`, async () => {
      const world = await buildWorld();
      const before = fingerprint(world);
      const response = await call(world, method, c.url, as, c);
      if (c.expect === 'public') {
        expect(response.status).toBe(200);
        return;
      }
      expect(response.status, await response.clone().text()).toBe(c.expect);
      if (c.url.startsWith('/api/')) {
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(await response.text()).not.toContain(SECRET);
      }
      expect(fingerprint(world), 'a refused request changed stored rows').toBe(before);

      // The object is real: its owner (or the one role the route is for) gets past the check.
      const control = c.control ?? (as === 'providerA' ? 'providerB' : 'memberB');
      const allowed = await call(world, method, c.controlUrl ?? c.url, control, c);
      expect(refused(allowed.status), `${control}: ${allowed.status} ${await allowed.text()}`).toBe(false);
    });
  }
});

describe("another organisation's objects in lists", () => {
  for (const list of LISTS) {
    it(`GET ${list.url}: ${list.as === 'memberA' ? "organisation A's member" : "provider A's staff"} sees none of B's`, async () => {
      const world = await buildWorld();
      const theirs = await call(world, 'GET', list.controlUrl ?? list.url, list.control);
      expect(theirs.status).toBe(200);
      expect(await theirs.text(), 'the list shows B its own objects').toContain(SECRET);
      const response = await call(world, 'GET', list.url, list.as);
      expect(response.status).toBe(200);
      expect(await response.text()).not.toContain(SECRET);
    });
  }
});
