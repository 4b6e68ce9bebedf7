import type { Context } from 'hono';
import type { CompiledQuery, Expression, SqlBool } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import type { AppEnv } from '../deps.ts';
import { cursorSchema, encodeCursor, limitSchema } from '../http/pagination.ts';
import { type Routes, secretariat } from '../http/routes.ts';
import { scopeOf } from '../http/scope.ts';
import { type AuditEntry, auditIn, auditRowIn } from './audit.ts';
import { auditIfIn } from './conditional.ts';
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
}

/*
 * The audit helpers in their request form, for handlers that do not build a Scope yet (and for
 * logic elsewhere that still takes a request). They are `auditIn`/`auditIfIn` on `scopeOf(c)`:
 * the request's principal as the actor unless the entry names one, at the request's moment, from
 * the request's origin. New code calls the Scope forms (audit.ts, conditional.ts) instead.
 */

/** The audit_log row of an entry, as this request's. */
export function auditRowFor(c: Context<AppEnv>, entry: AuditEntry): Database['audit_log'] {
  return auditRowIn(scopeOf(c), entry);
}

/** The audit entry for this request's principal, ready for an atomic batch. */
export function auditFor(c: Context<AppEnv>, entry: AuditEntry): CompiledQuery {
  return auditIn(scopeOf(c), entry);
}

export async function recordAudit(c: Context<AppEnv>, entry: AuditEntry): Promise<void> {
  await c.get('deps').atomic([auditFor(c, entry)]);
}

/** `auditIfIn` for this request's principal (see conditional.ts). */
export function auditIf(c: Context<AppEnv>, entry: AuditEntry, condition: Expression<SqlBool>): CompiledQuery {
  return auditIfIn(scopeOf(c), entry, condition);
}
