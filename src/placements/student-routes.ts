import { z } from 'zod';
import { requireUser } from '../http/authorize.ts';
import { type Routes, STUDENT } from '../http/routes.ts';
import { EMPTY_PROFILE, findProfile, saveProfile } from './profiles.ts';
import { recommendedJson } from './recommend.ts';
import { placementSchema, profileSchema } from './schemas.ts';

const tags = ['Placements'];

const profileResponse = profileSchema.required().extend({ version: z.number() });
const recommendedList = z.object({
  items: z.array(
    placementSchema.extend({
      score: z.number(),
      matchedOn: z.array(z.string()),
      reason: z.string(),
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
      return c.body(await recommendedJson(c, me.userId), 200, { 'content-type': 'application/json' });
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
    async (c, { body }) => c.json(await saveProfile(c, requireUser(c).userId, body)),
  );
}
