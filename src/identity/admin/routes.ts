import { z } from 'zod';
import { cursorSchema, encodeCursor, limitSchema } from '../../http/pagination.ts';
import { type Routes, secretariat } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { grantRole, listUsers, revokeRole } from '../roles.ts';
import { idParam, roleBody, roleParams } from '../schemas.ts';

/** A person with an account (`UserSummary` in ../roles.ts). */
const userListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      email: z.string(),
      name: z.string(),
      lastSignInAt: z.string().nullable(),
      roles: z.array(roleBody.shape.role),
      organisations: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })),
    }),
  ),
  nextCursor: z.string().nullable(),
});

/** People with accounts and their roles, for the secretariat (the API beside admin/pages.ts). */
export function registerPeopleRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/users',
      kind: 'api',
      access: secretariat(),
      tags: ['Identity'],
      summary: 'People with accounts, their roles and organisations (secretariat)',
      query: z.object({
        q: z.string().max(100).optional(),
        limit: limitSchema(200, 50),
        cursor: cursorSchema.optional(),
      }),
      responses: { 200: { description: 'One page of people, by address', schema: userListSchema } },
    },
    async (c, { query }) => {
      const page = await listUsers(c.get('deps').db, {
        ...(query.q ? { q: query.q } : {}),
        limit: query.limit,
        offset: query.cursor ?? 0,
      });
      return c.json({ items: page.items, nextCursor: encodeCursor(page.nextOffset) });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/users/:id/roles',
      kind: 'api',
      access: secretariat(),
      tags: ['Identity'],
      summary: 'Grant a role (secretariat, student or reviewer); it acts on the next request',
      params: idParam,
      body: roleBody,
      responses: { 204: { description: 'Granted' } },
    },
    async (c, { params, body }) => {
      await grantRole(scopeOf(c), params.id, body.role);
      return c.body(null, 204);
    },
  );

  routes.add(
    {
      method: 'delete',
      path: '/api/v1/users/:id/roles/:role',
      kind: 'api',
      access: secretariat(),
      tags: ['Identity'],
      summary: 'Revoke a role; it acts on the next request',
      params: roleParams,
      responses: { 204: { description: 'Revoked' } },
    },
    async (c, { params }) => {
      await revokeRole(scopeOf(c), params.id, params.role);
      return c.body(null, 204);
    },
  );
}
