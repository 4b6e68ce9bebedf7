import { z } from 'zod';
import { cursorSchema, encodeCursor, limitSchema } from '../http/pagination.ts';
import { type Routes, secretariat } from '../http/routes.ts';
import { grantRole, listUsers, revokeRole } from '../identity/roles.ts';
import { idParam, roleBody, roleParams } from '../identity/schemas.ts';
import { listAuditLog } from './queries.ts';

export const auditQuery = z.object({
  action: z.string().max(60).optional(),
  actor: z.string().max(254).optional().describe('user id or e-mail address'),
  target: z.string().max(100).optional().describe('target id'),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: limitSchema(500, 100),
  cursor: cursorSchema.optional(),
});

/** An audit entry (`AuditRecord` in queries.ts); names and addresses of erased people are null. */
const auditListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      actor: z.object({
        userId: z.string().nullable(),
        email: z.string().nullable(),
        name: z.string().nullable(),
        tokenId: z.string().nullable(),
        tokenName: z.string().nullable(),
      }),
      action: z.string(),
      targetType: z.string().nullable(),
      targetId: z.string().nullable(),
      detail: z.unknown().describe('what the action recorded; its shape depends on the action'),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
      requestId: z.string().nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

/** A person with an account (`UserSummary` in identity/roles.ts). */
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

export function registerAuditRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/audit',
      kind: 'api',
      access: secretariat('audit:read'),
      tags: ['Audit'],
      summary: 'The audit log: sign-ins, invitations, role changes, raw-data access, erasures (newest first)',
      query: auditQuery,
      responses: { 200: { description: 'One page of the log, newest first', schema: auditListSchema } },
    },
    async (c, { query }) => {
      const page = await listAuditLog(c.get('deps').db, {
        ...(query.action ? { action: query.action } : {}),
        ...(query.actor ? { actor: query.actor } : {}),
        ...(query.target ? { targetId: query.target } : {}),
        ...(query.from ? { from: new Date(query.from).toISOString() } : {}),
        ...(query.to ? { to: new Date(query.to).toISOString() } : {}),
        limit: query.limit,
        offset: query.cursor ?? 0,
      });
      return c.json({ items: page.items, nextCursor: encodeCursor(page.nextOffset) });
    },
  );

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
      const page = await listUsers(c, {
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
      await grantRole(c, params.id, body.role);
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
      await revokeRole(c, params.id, params.role);
      return c.body(null, 204);
    },
  );
}
