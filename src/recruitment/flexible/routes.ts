import { organisationMember, type Routes, secretariat } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import {
  answerInput,
  organisationParams,
  partTimeCounts as partTimeCountsSchema,
  proposalList,
  proposalParams,
  roundParams,
  sharedPostProposal,
} from './schemas.ts';
import { allProposals, answerProposal, organisationProposals, partTimeCounts } from './service.ts';

const tags = ['Shared posts'];

/** Shared-post proposals and the secretariat's counts of part-time needs (decision 0035). */
export function registerFlexibleRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/shared-posts',
      kind: 'api',
      access: secretariat(),
      tags,
      summary: 'Every shared-post proposal, naming only the organisations open to sharing',
      responses: { 200: { description: 'Newest first', schema: proposalList } },
    },
    async (c) => c.json({ items: await allProposals(scopeOf(c)) }),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/rounds/:roundId/part-time-needs',
      kind: 'api',
      access: secretariat(),
      tags,
      summary:
        'Per occupation group (SSYK 4) of a round: how many organisations declared a part-time need, and how many are open to sharing (counts, no names)',
      params: roundParams,
      responses: { 200: { description: 'Counts', schema: partTimeCountsSchema } },
    },
    async (c, { params }) => c.json(await partTimeCounts(scopeOf(c), params.roundId)),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/organisations/:orgId/shared-posts',
      kind: 'api',
      access: organisationMember('orgId'),
      tags,
      summary: 'The shared-post proposals that name your organisation, with the ways to share a post',
      params: organisationParams,
      responses: { 200: { description: 'Newest first', schema: proposalList } },
    },
    async (c, { params }) => c.json({ items: await organisationProposals(scopeOf(c), params.orgId) }),
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/organisations/:orgId/shared-posts/:proposalId/answer',
      kind: 'api',
      access: organisationMember('orgId'),
      tags,
      summary: 'Accept or decline a shared-post proposal for your organisation (it may be changed later)',
      params: proposalParams,
      body: answerInput,
      responses: { 200: { description: 'The proposal with your answer', schema: sharedPostProposal } },
    },
    async (c, { params, body }) => c.json(await answerProposal(scopeOf(c), params.orgId, params.proposalId, body)),
  );
}
