import { organisationMember, PUBLIC, type Routes, secretariat } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import {
  membershipSchema,
  networkFollowUp,
  networkJoin,
  organisationParams,
  pledgeCreate,
  pledgeParams,
  pledgeRecordCreate,
  publicNetwork,
} from './schemas.ts';
import {
  endPledge,
  networkFollowUp as followUp,
  joinNetwork,
  leaveNetwork,
  makePledge,
  networkMembershipOf,
  publicNetworkMembers,
  recordForPledge,
} from './service.ts';

const tags = ['Recruitment network'];

/** The recruitment network's JSON API (decision 0030). */
export function registerNetworkRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/network',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary: 'The recruitment network’s members now (public by their own choice) and the terms version',
      responses: { 200: { description: 'Members by name', schema: publicNetwork } },
    },
    async (c) => c.json(await publicNetworkMembers(scopeOf(c))),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/network/follow-up',
      kind: 'api',
      access: secretariat(),
      tags,
      summary: 'Every member, its pledges and what each has recorded this and last period; overdue pledges flagged',
      responses: { 200: { description: 'Members and pledges', schema: networkFollowUp } },
    },
    async (c) => c.json(await followUp(scopeOf(c))),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/organisations/:orgId/network',
      kind: 'api',
      access: organisationMember('orgId'),
      tags,
      summary: 'The organisation’s membership of the network and its pledges',
      params: organisationParams,
      responses: { 200: { description: 'The membership', schema: membershipSchema } },
    },
    async (c, { params }) => c.json(await networkMembershipOf(scopeOf(c), params.orgId)),
  );

  routes.add(
    {
      method: 'put',
      path: '/api/v1/organisations/:orgId/network',
      kind: 'api',
      access: organisationMember('orgId'),
      tags,
      summary:
        'Join the network, accepting the joint-controller terms of the version read (a member of the organisation; 409 if a member already)',
      params: organisationParams,
      body: networkJoin,
      responses: { 200: { description: 'The membership', schema: membershipSchema } },
    },
    async (c, { params, body }) => {
      const scope = scopeOf(c);
      await joinNetwork(scope, params.orgId, body);
      return c.json(await networkMembershipOf(scope, params.orgId));
    },
  );

  routes.add(
    {
      method: 'delete',
      path: '/api/v1/organisations/:orgId/network',
      kind: 'api',
      access: organisationMember('orgId'),
      tags,
      summary:
        'Leave the network: profiles shared with the network are no longer shown to the organisation, at once; its pledges end',
      params: organisationParams,
      responses: { 204: { description: 'Not a member (any more)' } },
    },
    async (c, { params }) => {
      await leaveNetwork(scopeOf(c), params.orgId);
      return c.body(null, 204);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/organisations/:orgId/pledges',
      kind: 'api',
      access: organisationMember('orgId'),
      tags,
      summary: 'Make a pledge, e.g. “we interview one partner a quarter” (members of the network)',
      params: organisationParams,
      body: pledgeCreate,
      responses: { 201: { description: 'The membership with the new pledge', schema: membershipSchema } },
    },
    async (c, { params, body }) => {
      const scope = scopeOf(c);
      await makePledge(scope, params.orgId, body);
      return c.json(await networkMembershipOf(scope, params.orgId), 201);
    },
  );

  routes.add(
    {
      method: 'delete',
      path: '/api/v1/organisations/:orgId/pledges/:pledgeId',
      kind: 'api',
      access: organisationMember('orgId'),
      tags,
      summary: 'End a pledge (what was recorded against it stays)',
      params: pledgeParams,
      responses: { 204: { description: 'Ended' } },
    },
    async (c, { params }) => {
      await endPledge(scopeOf(c), params.orgId, params.pledgeId);
      return c.body(null, 204);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/organisations/:orgId/pledges/:pledgeId/records',
      kind: 'api',
      access: organisationMember('orgId'),
      tags,
      summary: 'Record an interview or a contact against a pledge (no names of people)',
      params: pledgeParams,
      body: pledgeRecordCreate,
      responses: { 201: { description: 'The membership with the pledge’s counts', schema: membershipSchema } },
    },
    async (c, { params, body }) => {
      const scope = scopeOf(c);
      await recordForPledge(scope, params.orgId, params.pledgeId, body);
      return c.json(await networkMembershipOf(scope, params.orgId), 201);
    },
  );
}
