import { z } from 'zod';
import { recordAuditIn } from '../audit/audit.ts';
import { isSecretariat } from '../core/principal.ts';
import { notFound } from '../http/errors.ts';
import { organisationMember, type Routes, SIGNED_IN, secretariat } from '../http/routes.ts';
import { scopeOf } from '../http/scope.ts';
import { requireResponseAccess } from './access.ts';
import {
  openedRoundSchema,
  responseViewSchema,
  revisionListSchema,
  roundListSchema,
  roundSchema,
  savedDraftSchema,
  submitResultSchema,
} from './api-schemas.ts';
import { findResponse, saveDraft } from './responses.ts';
import { listRevisions } from './revisions.ts';
import { openRoundAndInvite } from './rounds/invitations.ts';
import { closeRound, createRound, listRounds, requireRound } from './rounds.ts';
import { createRoundBody, saveResponseBody, submitBody } from './schemas.ts';
import { submitResponse } from './submit.ts';

const tags = ['Survey rounds and responses'];
const roundParams = z.object({ id: z.string().min(1).max(100) });
const responseParams = z.object({ id: z.string().min(1).max(100), orgId: z.string().min(1).max(100) });

export function registerSurveyApiRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'post',
      path: '/api/v1/rounds',
      kind: 'api',
      access: secretariat(),
      tags,
      summary: 'Create a survey round (draft)',
      body: createRoundBody,
      responses: { 201: { description: 'The draft round', schema: roundSchema } },
    },
    async (c, { body }) => {
      const round = await createRound(scopeOf(c), body);
      return c.json({ ...round }, 201);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/rounds',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Survey rounds, newest first (drafts for the secretariat only)',
      responses: { 200: { description: 'Rounds', schema: roundListSchema } },
    },
    async (c) =>
      c.json({
        items: await listRounds(c.get('deps').db, { includeDrafts: isSecretariat(c.get('principal')) }),
        nextCursor: null,
      }),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/rounds/:id',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'One survey round',
      params: roundParams,
      responses: { 200: { description: 'The round', schema: roundSchema } },
    },
    async (c, { params }) => {
      const round = await requireRound(c.get('deps').db, params.id);
      if (round.status === 'draft' && !isSecretariat(c.get('principal'))) throw notFound(c.get('t')('round.notFound'));
      return c.json(round);
    },
  );

  for (const [action, run] of [
    ['open', openRoundAndInvite],
    ['close', closeRound],
  ] as const) {
    routes.add(
      {
        method: 'post',
        path: `/api/v1/rounds/:id/${action}`,
        kind: 'api',
        access: secretariat(),
        tags,
        summary:
          action === 'open'
            ? 'Open a draft round: its target organisations are fixed and the first of them invited by mail (`invitations`)'
            : 'Close an open round: its answers are frozen',
        params: roundParams,
        responses: {
          200:
            action === 'open'
              ? { description: 'The opened round and its first invitations', schema: openedRoundSchema }
              : { description: 'The closed round', schema: roundSchema },
        },
      },
      async (c, { params }) => c.json(await run(scopeOf(c), params.id)),
    );
  }

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
}
