import { z } from 'zod';
import { recordAuditIn } from '../../audit/index.ts';
import { csvDownload } from '../../http/csv.ts';
import { type Routes, secretariat } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { importResultSchema } from '../api-schemas.ts';
import { requireRound } from '../rounds.ts';
import { streamResponsesCsv } from './export.ts';
import { importResponses } from './import.ts';

const tags = ['Survey rounds and responses'];
const roundParams = z.object({ id: z.string().min(1).max(100) });
const IMPORT_FORMAT =
  'The columns of GET …/responses.csv (docs/api.md, "Importing responses"): orgNumber and the code columns; name columns are ignored. One row per need line, grouped by org number; organisation answers on every row of the organisation or on one. All or nothing: 422 with errors [{ row, field, path, message }] (the header is row 1).';

/** A round's raw answers in and out as CSV: the export (audited) and the all-or-nothing import. */
export function registerTransferApiRoutes(routes: Routes): void {
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
}
