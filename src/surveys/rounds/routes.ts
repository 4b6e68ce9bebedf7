import { z } from 'zod';
import { recordAuditIn } from '../../audit/audit.ts';
import { csvDownload } from '../../http/csv.ts';
import { cursorSchema, encodeCursor, limitSchema } from '../../http/pagination.ts';
import { organisationMember, type Routes, secretariat } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { requireResponseAccess } from '../access.ts';
import {
  copiedForwardSchema,
  importResultSchema,
  mailRunSchema,
  nonResponderListSchema,
  reminderRunSchema,
  responseRatesSchema,
} from '../api-schemas.ts';
import { copyForward } from '../copy-forward.ts';
import { streamResponsesCsv } from '../export.ts';
import { importResponses } from '../import.ts';
import { requireRound } from '../rounds.ts';
import { sendInvitations, sendReminders } from './invitations.ts';
import { findResponseRates, listNonResponders } from './response-rates.ts';

const tags = ['Survey rounds and responses'];
const roundParams = z.object({ id: z.string().min(1).max(100) });
const responseParams = z.object({ id: z.string().min(1).max(100), orgId: z.string().min(1).max(100) });
const IMPORT_FORMAT =
  'The columns of GET …/responses.csv (docs/api.md, "Importing responses"): orgNumber and the code columns; name columns are ignored. One row per need line, grouped by org number; organisation answers on every row of the organisation or on one. All or nothing: 422 with errors [{ row, field, path, message }] (the header is row 1).';

/** The secretariat's side of a round: invitations, reminders, response rates, raw answers in and out. */
export function registerRoundAdminApiRoutes(routes: Routes): void {
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

  routes.add(
    {
      method: 'get',
      path: '/api/v1/rounds/:id/responses.csv',
      kind: 'api',
      access: secretariat(),
      tags,
      summary: 'The submitted responses as CSV, one row per need line, codes and names (audited)',
      params: roundParams,
      query: z.object({ delimiter: z.enum(['comma', 'semicolon']).default('comma') }),
      responses: { 200: { description: 'CSV (UTF-8 with BOM)', contentType: 'text/csv' } },
    },
    async (c, { params, query }) => {
      const round = await requireRound(c.get('deps').db, params.id);
      await recordAuditIn(scopeOf(c), {
        action: 'raw-answers.read',
        targetType: 'round',
        targetId: round.id,
        detail: { format: 'csv' },
      });
      const stream = streamResponsesCsv(c.get('deps').db, round.id, query.delimiter === 'semicolon' ? ';' : ',');
      return csvDownload(c, stream, `svar-${round.id.replace(/[^\w-]/g, '')}.csv`);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/rounds/:id/responses/import',
      kind: 'api',
      access: secretariat(),
      tags,
      summary: "Import responses from CSV, entered on the organisations' behalf and submitted; all or nothing",
      params: roundParams,
      rawBody: { contentType: 'text/csv', description: IMPORT_FORMAT },
      responses: {
        200: {
          description: 'Nothing new: every organisation in the file was imported before',
          schema: importResultSchema,
        },
        201: { description: 'Imported and submitted', schema: importResultSchema },
      },
    },
    async (c, { params }) => {
      const result = await importResponses(
        scopeOf(c),
        await requireRound(c.get('deps').db, params.id),
        await c.req.text(),
      );
      return c.json(result, result.imported > 0 ? 201 : 200);
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
