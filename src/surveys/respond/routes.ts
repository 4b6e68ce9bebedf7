import { z } from 'zod';
import { recordAuditIn } from '../../audit/index.ts';
import { organisationMember, type Routes } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import {
  copiedForwardSchema,
  responseViewSchema,
  revisionListSchema,
  savedDraftSchema,
  submitResultSchema,
} from '../api-schemas.ts';
import { saveResponseBody, submitBody } from '../schemas.ts';
import { requireResponseAccess } from './access.ts';
import { copyForward } from './copy-forward.ts';
import { findResponse, saveDraft } from './responses.ts';
import { listRevisions } from './revisions.ts';
import { submitResponse } from './submit.ts';

const tags = ['Survey rounds and responses'];
const responseParams = z.object({ id: z.string().min(1).max(100), orgId: z.string().min(1).max(100) });

/** An organisation's response in the API: read, save the shared draft, submit, revisions, copy forward. */
export function registerResponseApiRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/rounds/:id/responses/:orgId',
      kind: 'api',
      access: organisationMember('orgId'),
      tags,
      summary:
        "The organisation's response: the shared draft and where its submissions stand (version 0 before the first save)",
      params: responseParams,
      responses: { 200: { description: 'The response', schema: responseViewSchema } },
    },
    async (c, { params }) => {
      const { onBehalf } = await requireResponseAccess(scopeOf(c), params.id, params.orgId);
      const response = await findResponse(scopeOf(c), params.id, params.orgId);
      if (onBehalf)
        await recordAuditIn(scopeOf(c), {
          action: 'raw-answers.read',
          targetType: 'response',
          targetId: `${params.id}/${params.orgId}`,
        });
      return c.json(response);
    },
  );

  routes.add(
    {
      method: 'put',
      path: '/api/v1/rounds/:id/responses/:orgId',
      kind: 'api',
      access: organisationMember('orgId'),
      tags,
      summary: 'Save the shared draft; 409 with the stored version if `version` is stale',
      params: responseParams,
      body: saveResponseBody,
      responses: { 200: { description: 'The new version', schema: savedDraftSchema } },
    },
    async (c, { params, body }) => {
      const { round } = await requireResponseAccess(scopeOf(c), params.id, params.orgId);
      return c.json(await saveDraft(scopeOf(c), round, params.orgId, body));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/rounds/:id/responses/:orgId/submit',
      kind: 'api',
      access: organisationMember('orgId'),
      tags,
      summary: 'Submit the draft; the same submissionId again stores nothing new',
      params: responseParams,
      body: submitBody,
      responses: { 200: { description: 'Submitted', schema: submitResultSchema } },
    },
    async (c, { params, body }) => {
      const { round, onBehalf } = await requireResponseAccess(scopeOf(c), params.id, params.orgId);
      return c.json(await submitResponse(scopeOf(c), round, params.orgId, body.submissionId, { onBehalf }));
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/rounds/:id/responses/:orgId/revisions',
      kind: 'api',
      access: organisationMember('orgId'),
      tags,
      summary: 'Every submission of the response: who, when, what changed',
      params: responseParams,
      responses: { 200: { description: 'Revisions, newest first', schema: revisionListSchema } },
    },
    async (c, { params }) => {
      await requireResponseAccess(scopeOf(c), params.id, params.orgId);
      return c.json({ items: await listRevisions(scopeOf(c), params.id, params.orgId), nextCursor: null });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/rounds/:id/responses/:orgId/copy-forward',
      kind: 'api',
      access: organisationMember('orgId'),
      tags,
      summary:
        "Start the draft from the organisation's latest submission in an earlier round; 409 if a draft exists, 404 if there is none",
      params: responseParams,
      responses: { 201: { description: 'The draft, copied', schema: copiedForwardSchema } },
    },
    async (c, { params }) => {
      const { round } = await requireResponseAccess(scopeOf(c), params.id, params.orgId);
      return c.json(await copyForward(scopeOf(c), round, params.orgId), 201);
    },
  );
}
