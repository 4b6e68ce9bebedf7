import { organisationMember, type Routes, SIGNED_IN } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import {
  consentCreate,
  consentParams,
  ownProfileAnswer,
  partnerProfileInput,
  purposeQuery,
  sharedListParams,
  sharedParams,
  sharedProfileList,
  sharedProfileSchema,
} from './schemas.ts';
import {
  eraseProfile,
  giveConsent,
  myProfile,
  readSharedProfiles,
  renewConsent,
  saveProfile,
  withdrawConsents,
} from './service.ts';
import { sharedProfilesCsv } from './views.ts';

const tags = ['Partner profiles'];

/**
 * The partner's profile (decision 0030): the partner's own routes under /api/v1/me/partner-profile,
 * and an organisation's reads, each checked against a valid consent in the service and logged.
 */
export function registerPartnerRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/me/partner-profile',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Your partner profile with its consents and who has viewed it (null: you have none)',
      responses: { 200: { description: 'Your profile', schema: ownProfileAnswer } },
    },
    async (c) => c.json({ profile: await myProfile(scopeOf(c)) }),
  );

  routes.add(
    {
      method: 'put',
      path: '/api/v1/me/partner-profile',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary:
        'Save your partner profile (a partner of a move case); hidden until you share it. Send the version you read (409 if stale)',
      body: partnerProfileInput,
      responses: { 200: { description: 'Your profile', schema: ownProfileAnswer } },
    },
    async (c, { body }) => {
      const scope = scopeOf(c);
      await saveProfile(scope, body);
      return c.json({ profile: await myProfile(scope) });
    },
  );

  routes.add(
    {
      method: 'delete',
      path: '/api/v1/me/partner-profile',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Erase your partner profile and its consents: it leaves every organisation’s view at once',
      responses: { 204: { description: 'Erased (or there was none)' } },
    },
    async (c) => {
      await eraseProfile(scopeOf(c));
      return c.body(null, 204);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/me/partner-profile/consents',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Share your profile with one organisation or the network, for one purpose, for 6 or 12 months',
      body: consentCreate,
      responses: { 201: { description: 'Your profile with the consent', schema: ownProfileAnswer } },
    },
    async (c, { body }) => {
      const scope = scopeOf(c);
      await giveConsent(scope, body);
      return c.json({ profile: await myProfile(scope) }, 201);
    },
  );

  routes.add(
    {
      method: 'delete',
      path: '/api/v1/me/partner-profile/consents',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Withdraw every consent at once',
      responses: { 204: { description: 'Withdrawn' } },
    },
    async (c) => {
      await withdrawConsents(scopeOf(c));
      return c.body(null, 204);
    },
  );

  routes.add(
    {
      method: 'delete',
      path: '/api/v1/me/partner-profile/consents/:consentId',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Withdraw one consent, at once',
      params: consentParams,
      responses: { 204: { description: 'Withdrawn' } },
    },
    async (c, { params }) => {
      await withdrawConsents(scopeOf(c), params.consentId);
      return c.body(null, 204);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/me/partner-profile/consents/:consentId/renewal',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Renew a consent for its 6 or 12 months again, from now',
      params: consentParams,
      responses: { 200: { description: 'Your profile', schema: ownProfileAnswer } },
    },
    async (c, { params }) => {
      const scope = scopeOf(c);
      await renewConsent(scope, params.consentId);
      return c.json({ profile: await myProfile(scope) });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/organisations/:orgId/partner-profiles',
      kind: 'api',
      access: organisationMember('orgId'),
      tags,
      summary:
        'The partner profiles shared with your organisation (or the network, while a member) for the purpose; every profile shown is logged',
      params: sharedListParams,
      query: purposeQuery,
      responses: { 200: { description: 'Shared profiles', schema: sharedProfileList } },
    },
    async (c, { params, query }) =>
      c.json({ items: await readSharedProfiles(scopeOf(c), params.orgId, query.purpose) }),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/organisations/:orgId/partner-profiles.csv',
      kind: 'api',
      access: organisationMember('orgId'),
      tags,
      summary: 'The same profiles as CSV (checked and logged the same way)',
      params: sharedListParams,
      query: purposeQuery,
      responses: { 200: { description: 'CSV', contentType: 'text/csv' } },
    },
    async (c, { params, query }) => {
      const items = await readSharedProfiles(scopeOf(c), params.orgId, query.purpose);
      return c.body(sharedProfilesCsv(items), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="partner-profiles.csv"',
      });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/organisations/:orgId/partner-profiles/:profileId',
      kind: 'api',
      access: organisationMember('orgId'),
      tags,
      summary: 'One shared profile (404 unless a valid consent names you for the purpose); logged',
      params: sharedParams,
      query: purposeQuery,
      responses: { 200: { description: 'The profile', schema: sharedProfileSchema } },
    },
    async (c, { params, query }) => {
      const [profile] = await readSharedProfiles(scopeOf(c), params.orgId, query.purpose, params.profileId);
      return c.json(profile);
    },
  );
}
