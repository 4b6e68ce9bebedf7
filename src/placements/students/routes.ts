import { z } from 'zod';
import { requireUser } from '../../http/authorize.ts';
import { type Routes, STUDENT } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { placementSchema, profileResponse, profileSchema } from '../schemas.ts';
import { recommendedJson } from './recommend.ts';
import { EMPTY_PROFILE, findProfile, saveProfile } from './service.ts';

const tags = ['Placements'];

const recommendedList = z.object({
  items: z.array(
    placementSchema.extend({
      score: z.number(),
      matchedOn: z.array(z.string()),
      reason: z.string(),
      demand: z
        .object({
          organisations: z.number().nullable(),
          horizon: z.string().nullable().describe('null: all horizons'),
          hidden: z.boolean(),
          reason: z
            .enum(['few', 'dominance', 'secondary'])
            .nullable()
            .describe('why the occupation’s figure is hidden'),
          ssykLevel: z.number().int().describe('4: the occupation’s own figure; 3–1: a group it belongs to'),
          group: z.object({ code: z.string(), sv: z.string(), en: z.string() }).nullable(),
        })
        .nullable()
        .describe(
          'the latest publication’s demand for the occupation: its own figure, else the nearest published coarser one, else hidden',
        ),
      demandLink: z.string().nullable(),
    }),
  ),
  nextCursor: z.null(),
});

export function registerStudentRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/placements/recommended',
      kind: 'api',
      access: STUDENT,
      tags,
      summary:
        'Open placements ranked for the signed-in student, each with `score`, `matchedOn` and a reason (docs/decisions/0013)',
      responses: { 200: { description: 'Ranked placements, best first', schema: recommendedList } },
    },
    async (c) => {
      const me = requireUser(c);
      c.header('cache-control', 'private, no-store');
      return c.body(await recommendedJson(scopeOf(c), me.userId), 200, { 'content-type': 'application/json' });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/students/me/profile',
      kind: 'api',
      access: STUDENT,
      tags,
      summary: 'My student profile (version 0 and empty fields before the first save)',
      responses: { 200: { description: 'The profile', schema: profileResponse } },
    },
    async (c) => {
      const me = requireUser(c);
      c.header('cache-control', 'private, no-store');
      return c.json((await findProfile(c.get('deps').db, me.userId)) ?? EMPTY_PROFILE);
    },
  );

  routes.add(
    {
      method: 'put',
      path: '/api/v1/students/me/profile',
      kind: 'api',
      access: STUDENT,
      tags,
      summary: 'Save my student profile; with `version`, only over that version (409 if stale)',
      body: profileSchema,
      responses: { 200: { description: 'The saved profile', schema: profileResponse } },
    },
    async (c, { body }) => c.json(await saveProfile(scopeOf(c), requireUser(c).userId, body)),
  );
}
