import { type Routes, SIGNED_IN } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { followUpAnswer, followUpList, followUpParams, followUpSchema } from './schemas.ts';
import { answerFollowUp, declineFollowUps, listMyFollowUps, viewFollowUp } from './service.ts';

const tags = ['Follow-ups'];

/**
 * Follow-ups after the move (decision 0029), for the adult each is addressed to: anyone else gets
 * 404. Signed in through the link the follow-up's mail carries.
 */
export function registerFollowUpRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/move-follow-ups',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Your follow-ups after a move (sent or answered), newest first',
      responses: { 200: { description: 'Your follow-ups', schema: followUpList } },
    },
    async (c) => c.json({ items: await listMyFollowUps(scopeOf(c)), nextCursor: null }),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/move-follow-ups/:id',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'One of your follow-ups, with your answer if you have given it',
      params: followUpParams,
      responses: { 200: { description: 'The follow-up', schema: followUpSchema } },
    },
    async (c, { params }) => c.json(await viewFollowUp(scopeOf(c), params.id)),
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/move-follow-ups/:id/answer',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Answer a follow-up (once; 409 if already answered, declined or too late)',
      params: followUpParams,
      body: followUpAnswer,
      responses: { 200: { description: 'The answered follow-up', schema: followUpSchema } },
    },
    async (c, { params, body }) => {
      const scope = scopeOf(c);
      await answerFollowUp(scope, params.id, body);
      return c.json(await viewFollowUp(scope, params.id));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/move-follow-ups/:id/decline',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'No more follow-ups for you on this move: every one not yet answered is declined',
      params: followUpParams,
      responses: { 200: { description: 'The follow-up, now declined', schema: followUpSchema } },
    },
    async (c, { params }) => {
      const scope = scopeOf(c);
      await declineFollowUps(scope, params.id);
      return c.json(await viewFollowUp(scope, params.id));
    },
  );
}
