import { z } from 'zod';
import { isSecretariat } from '../../core/principal.ts';
import { notFound } from '../../http/errors.ts';
import { cursorSchema, encodeCursor, limitSchema } from '../../http/pagination.ts';
import { type Routes, SIGNED_IN, secretariat } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import {
  mailRunSchema,
  nonResponderListSchema,
  openedRoundSchema,
  reminderRunSchema,
  responseRatesSchema,
  roundListSchema,
  roundSchema,
} from '../api-schemas.ts';
import { closeRound, createRound, listRounds, requireRound } from '../rounds.ts';
import { createRoundBody } from '../schemas.ts';
import { openRoundAndInvite, sendInvitations, sendReminders } from './invitations.ts';
import { findResponseRates, listNonResponders } from './response-rates.ts';

const tags = ['Survey rounds and responses'];
const roundParams = z.object({ id: z.string().min(1).max(100) });

/**
 * Survey rounds in the API: create, list, read, open and close, and the secretariat's side of an
 * open round (invitations, reminders, response rates, non-responders).
 */
export function registerRoundApiRoutes(routes: Routes): void {
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
      method: 'post',
      path: '/api/v1/rounds/:id/invitations',
      kind: 'api',
      access: secretariat(),
      tags,
      summary:
        'Invite the targets not yet invited (up to 100 organisations a call; `remaining` says how many are left)',
      params: roundParams,
      responses: { 202: { description: 'Invitations sent', schema: mailRunSchema } },
    },
    async (c, { params }) =>
      c.json(await sendInvitations(scopeOf(c), await requireRound(c.get('deps').db, params.id)), 202),
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/rounds/:id/reminders',
      kind: 'api',
      access: secretariat(),
      tags,
      summary: 'Remind the targets without a submitted response (at most once in 20 hours each)',
      params: roundParams,
      responses: { 202: { description: 'Reminders sent', schema: reminderRunSchema } },
    },
    async (c, { params }) => c.json(await sendReminders(scopeOf(c), params.id), 202),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/rounds/:id/response-rates',
      kind: 'api',
      access: secretariat(),
      tags,
      summary: 'Targeted and submitted, overall and by sector, size class, municipality and SNI section',
      params: roundParams,
      responses: { 200: { description: 'Response rates', schema: responseRatesSchema } },
    },
    async (c, { params }) => {
      const round = await requireRound(c.get('deps').db, params.id);
      return c.json(await findResponseRates(c.get('deps').db, round.id));
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/rounds/:id/non-responders',
      kind: 'api',
      access: secretariat(),
      tags,
      summary: 'Target organisations without a submitted response, with their contacts and last reminder',
      params: roundParams,
      query: z.object({ limit: limitSchema(1000, 200), cursor: cursorSchema.optional() }),
      responses: { 200: { description: 'One page of non-responders, by name', schema: nonResponderListSchema } },
    },
    async (c, { params, query }) => {
      const round = await requireRound(c.get('deps').db, params.id);
      const page = await listNonResponders(c.get('deps').db, round.id, {
        limit: query.limit,
        offset: query.cursor ?? 0,
      });
      return c.json({ items: page.items, nextCursor: encodeCursor(page.nextOffset) });
    },
  );
}
