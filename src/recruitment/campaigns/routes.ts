import { organisationMember, PUBLIC, type Routes, SIGNED_IN, secretariat } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import {
  listOrganisationApplications,
  listOwnApplications,
  submitApplication,
  updateRoute,
  viewOrganisationApplication,
  viewOwnApplication,
  withdrawRoute,
} from './applications.ts';
import {
  applicationAccepted,
  applicationCreate,
  campaignCreate,
  campaignList,
  campaignParams,
  campaignTracking as campaignTrackingSchema,
  candidateApplication,
  candidateApplicationList,
  fillCreate,
  lineAnswer,
  lineParams,
  needLineFill,
  needLineFillList,
  orgApplicationParams,
  organisationApplication,
  organisationApplicationList,
  organisationCampaigns,
  organisationParams,
  proposalList,
  proposalQuery,
  publicCampaign,
  routeParams,
  routeUpdate,
  signUpCreate,
  visitDayCreate,
  visitDayParams,
  visitDaySchema,
} from './schemas.ts';
import {
  addVisitDay,
  answerLine,
  createCampaign,
  listFills,
  listOpenCampaigns,
  listOrganisationCampaigns,
  proposeCampaigns,
  recordFill,
  signUpForVisit,
  viewPublicCampaign,
} from './service.ts';
import { campaignTracking } from './tracking.ts';

const tags = ['Campaigns'];

/**
 * Joint recruitment campaigns' JSON API (decision 0032). Public: open campaigns, one campaign,
 * visit-day sign-ups and applying. The secretariat: proposals, creating, visit days, the figures.
 * An organisation's members: their lines' invitations, their own copies of applications, posts
 * filled alone. The candidate: their own applications.
 */
export function registerCampaignRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/campaigns',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary: 'Campaigns that take applications today, with their confirmed posts',
      responses: { 200: { description: 'Open campaigns', schema: campaignList } },
    },
    async (c) => {
      const items = await listOpenCampaigns(scopeOf(c));
      return c.json({ items: items.map(({ visitDays: _, ...rest }) => rest) });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/campaigns',
      kind: 'api',
      access: secretariat(),
      tags,
      summary:
        'Create a campaign from need lines that recruit; each organisation confirms its lines before they show in public',
      body: campaignCreate,
      responses: { 201: { description: 'Created', schema: campaignTrackingSchema } },
    },
    async (c, { body }) => {
      const scope = scopeOf(c);
      const { id } = await createCampaign(scope, body);
      c.header('location', `/api/v1/campaigns/${encodeURIComponent(id)}`);
      return c.json(await campaignTracking(scope, id), 201);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/campaign-proposals',
      kind: 'api',
      access: secretariat(),
      tags,
      summary:
        'Need lines of the latest rounds that are to be met by recruiting, grouped by occupation group and kommun (confidential answers)',
      query: proposalQuery,
      responses: { 200: { description: 'Groups, most organisations first', schema: proposalList } },
    },
    async (c, { query }) => c.json({ items: await proposeCampaigns(scopeOf(c), query.by) }),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/campaigns/:id',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary: 'A campaign from its opening day: what, where, the confirmed posts, visit days',
      params: campaignParams,
      responses: { 200: { description: 'The campaign', schema: publicCampaign } },
    },
    async (c, { params }) => c.json(await viewPublicCampaign(scopeOf(c), params.id)),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/campaigns/:id/tracking',
      kind: 'api',
      access: secretariat(),
      tags,
      summary:
        'The secretariat’s figures: every line, applications, interviews, offers and hires per organisation and occupation, time to fill against posts filled alone',
      params: campaignParams,
      responses: { 200: { description: 'The figures', schema: campaignTrackingSchema } },
    },
    async (c, { params }) => c.json(await campaignTracking(scopeOf(c), params.id)),
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/campaigns/:id/visit-days',
      kind: 'api',
      access: secretariat(),
      tags,
      summary: 'Add a visit day (date, place, how many may sign up)',
      params: campaignParams,
      body: visitDayCreate,
      responses: { 201: { description: 'The campaign with the day', schema: publicCampaign } },
    },
    async (c, { params, body }) => {
      const scope = scopeOf(c);
      await addVisitDay(scope, params.id, body);
      return c.json(await viewPublicCampaign(scope, params.id), 201);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/campaigns/:id/visit-days/:dayId/sign-ups',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary: 'Sign up for a visit day (409 when it is full)',
      params: visitDayParams,
      body: signUpCreate,
      responses: { 201: { description: 'The day with its count', schema: visitDaySchema } },
    },
    async (c, { params, body }) => c.json(await signUpForVisit(scopeOf(c), params.id, params.dayId, body), 201),
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/campaigns/:id/applications',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary:
        'Apply once and choose the taking-part organisations to send it to; a mailed link confirms the address (signed in with the same address: confirmed at once, 201)',
      params: campaignParams,
      body: applicationCreate,
      responses: {
        201: { description: 'Confirmed and sent', schema: candidateApplication },
        202: { description: 'Waits for the mailed link', schema: applicationAccepted },
        429: { description: 'Too many links mailed to the address or from the client; see Retry-After' },
      },
    },
    async (c, { params, body }) => {
      const scope = scopeOf(c);
      const { id, confirmed } = await submitApplication(scope, params.id, body);
      if (!confirmed) return c.json({ status: 'confirm-by-mail' as const }, 202);
      return c.json(await viewOwnApplication(scope, id), 201);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/campaign-applications',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Your own campaign applications with each organisation’s status',
      responses: { 200: { description: 'Newest first', schema: candidateApplicationList } },
    },
    async (c) => c.json({ items: await listOwnApplications(scopeOf(c)) }),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/campaign-applications/:id',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Your own application (the first view after the mailed link confirms it)',
      params: campaignParams,
      responses: { 200: { description: 'The application', schema: candidateApplication } },
    },
    async (c, { params }) => c.json(await viewOwnApplication(scopeOf(c), params.id)),
  );

  routes.add(
    {
      method: 'delete',
      path: '/api/v1/campaign-applications/:id/routes/:orgId',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Withdraw your application from one organisation (a decided one stays)',
      params: routeParams,
      responses: { 200: { description: 'The application', schema: candidateApplication } },
    },
    async (c, { params }) => {
      const scope = scopeOf(c);
      await withdrawRoute(scope, params.id, params.orgId);
      return c.json(await viewOwnApplication(scope, params.id));
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/organisations/:id/campaigns',
      kind: 'api',
      access: organisationMember('id'),
      tags,
      summary: 'The campaigns the organisation’s need lines are invited to, with each line’s answer',
      params: organisationParams,
      responses: { 200: { description: 'Campaigns', schema: organisationCampaigns } },
    },
    async (c, { params }) => c.json({ items: await listOrganisationCampaigns(scopeOf(c), params.id) }),
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/organisations/:id/campaign-lines/:lineId',
      kind: 'api',
      access: organisationMember('id'),
      tags,
      summary: 'Confirm a line with the posts you advertise in the campaign, or decline it (version: 409 if stale)',
      params: lineParams,
      body: lineAnswer,
      responses: { 200: { description: 'The organisation’s campaigns', schema: organisationCampaigns } },
    },
    async (c, { params, body }) => {
      const scope = scopeOf(c);
      await answerLine(scope, params.id, params.lineId, body);
      return c.json({ items: await listOrganisationCampaigns(scope, params.id) });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/organisations/:id/campaign-applications',
      kind: 'api',
      access: organisationMember('id'),
      tags,
      summary: 'The applications sent to this organisation (its own copies; members only, every view logged)',
      params: organisationParams,
      responses: { 200: { description: 'Newest first', schema: organisationApplicationList } },
    },
    async (c, { params }) => {
      const items = await listOrganisationApplications(scopeOf(c), params.id);
      return c.json({ items: items.map(({ letter: _l, cv: _c, ...rest }) => rest) });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/organisations/:id/campaign-applications/:applicationId',
      kind: 'api',
      access: organisationMember('id'),
      tags,
      summary: 'One application as this organisation received it (the view is logged)',
      params: orgApplicationParams,
      responses: { 200: { description: 'The application', schema: organisationApplication } },
    },
    async (c, { params }) => c.json(await viewOrganisationApplication(scopeOf(c), params.id, params.applicationId)),
  );

  routes.add(
    {
      method: 'patch',
      path: '/api/v1/organisations/:id/campaign-applications/:applicationId',
      kind: 'api',
      access: organisationMember('id'),
      tags,
      summary: 'Record an interview, an offer, a hire (for one of your posts) or not hired, with the day',
      params: orgApplicationParams,
      body: routeUpdate,
      responses: { 200: { description: 'The application', schema: organisationApplication } },
    },
    async (c, { params, body }) => {
      const scope = scopeOf(c);
      await updateRoute(scope, params.id, params.applicationId, body);
      return c.json(await viewOrganisationApplication(scope, params.id, params.applicationId));
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/organisations/:id/need-line-fills',
      kind: 'api',
      access: organisationMember('id'),
      tags,
      summary: 'Posts of your need lines you filled on your own, outside any campaign',
      params: organisationParams,
      responses: { 200: { description: 'Newest first', schema: needLineFillList } },
    },
    async (c, { params }) => c.json({ items: await listFills(scopeOf(c), params.id) }),
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/organisations/:id/need-line-fills',
      kind: 'api',
      access: organisationMember('id'),
      tags,
      summary: 'Record a post of a need line filled on your own, with the day (the comparison for time to fill)',
      params: organisationParams,
      body: fillCreate,
      responses: { 201: { description: 'Recorded', schema: needLineFill } },
    },
    async (c, { params, body }) => {
      const scope = scopeOf(c);
      const id = await recordFill(scope, params.id, body);
      const fill = (await listFills(scope, params.id)).find((f) => f.id === id);
      return c.json(fill, 201);
    },
  );
}
