import { z } from 'zod';
import { requireUser } from '../../http/authorize.ts';
import { type Routes, SIGNED_IN, STUDENT } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { answerFollowUp, listMyFollowUps } from '../follow-ups/service.ts';
import {
  APPLICATION_STATUSES,
  applicationCreateSchema,
  applicationIdParams,
  applicationListQuery,
  applicationPatchSchema,
  followUpAnswerSchema,
  placementIdParams,
} from '../schemas.ts';
import { applyForPlacement, listApplications, moveApplication } from './service.ts';

const tags = ['Placements'];

const applicationSchema = z.object({
  id: z.string(),
  placementId: z.string(),
  placementTitle: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  message: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  student: z.object({
    name: z.string(),
    email: z.string().nullable(),
    programme: z.string().nullable(),
    institution: z.string().nullable(),
    erased: z.boolean(),
  }),
});

/** A follow-up question (`FollowUp` in follow-ups/service.ts). */
const followUpListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      placementTitle: z.string(),
      organisationName: z.string(),
      side: z.enum(['student', 'organisation']),
      months: z.number().int(),
      dueAt: z.string(),
      answeredAt: z.string().nullable(),
      hired: z.boolean().nullable(),
      stayedInRegion: z.boolean().nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export function registerApplicationRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'post',
      path: '/api/v1/placements/:id/applications',
      kind: 'api',
      access: STUDENT,
      tags,
      summary: 'Apply for an open placement with a message (one per student and placement: 409 on a second)',
      params: placementIdParams,
      body: applicationCreateSchema,
      responses: { 201: { description: 'Received', schema: applicationSchema } },
    },
    async (c, { params, body }) => {
      const application = await applyForPlacement(scopeOf(c), requireUser(c), params.id, body.message);
      return c.json(application, 201);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/applications',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary:
        "A student's own applications; for a member, the applicants to the organisation's placements (`organisation` narrows to one)",
      query: applicationListQuery,
      responses: {
        200: {
          description: 'Applications',
          schema: z.object({ items: z.array(applicationSchema), nextCursor: z.null() }),
        },
      },
    },
    async (c, { query }) => {
      c.header('cache-control', 'private, no-store');
      return c.json({
        items: await listApplications(scopeOf(c), requireUser(c), query.organisation),
        nextCursor: null,
      });
    },
  );

  routes.add(
    {
      method: 'patch',
      path: '/api/v1/applications/:id',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary:
        'Move an application: the organisation received → in-dialogue → offered → accepted, or declined; the student withdraws, or accepts or declines an offer (409 otherwise)',
      params: applicationIdParams,
      body: applicationPatchSchema,
      responses: { 200: { description: 'The moved application', schema: applicationSchema } },
    },
    async (c, { params, body }) => c.json(await moveApplication(scopeOf(c), requireUser(c), params.id, body.status)),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/follow-ups',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'The follow-up questions that are mine to answer (as a student, or for my organisations)',
      responses: { 200: { description: 'Follow-ups, unanswered first by due date', schema: followUpListSchema } },
    },
    async (c) => {
      c.header('cache-control', 'private, no-store');
      return c.json({ items: await listMyFollowUps(c.get('deps').db, requireUser(c)), nextCursor: null });
    },
  );

  routes.add(
    {
      method: 'put',
      path: '/api/v1/follow-ups/:id',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Answer a follow-up once: hired? stayed in the region? (404 if not yours, 409 if answered)',
      params: z.object({ id: z.string().min(1).max(200) }),
      body: followUpAnswerSchema,
      responses: { 204: { description: 'Answered' } },
    },
    async (c, { params, body }) => {
      await answerFollowUp(scopeOf(c), params.id, body);
      return c.body(null, 204);
    },
  );
}
