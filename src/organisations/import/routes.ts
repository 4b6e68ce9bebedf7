import { z } from 'zod';
import { type Routes, secretariat } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { CONTACT_COLUMNS, CSV_COLUMNS, MAX_IMPORT_ROWS } from './csv-import.ts';
import { importOrganisations } from './service.ts';

const FORMAT = `A header row naming the columns ${CSV_COLUMNS.join(', ')} (any order), and optionally ${CONTACT_COLUMNS.join(', ')}, then one organisation per row. Fields are separated by "," or ";" (whichever the header uses); a UTF-8 BOM is accepted; isEducationProvider takes true/false, ja/nej, yes/no, 1/0 (empty is false). A row that fills in a contact column names a contact person: contactEmail is then required, contactRole is member (the default) or provider, contactName defaults to the address's local part; the person becomes a member of the organisation (no mail at import) and is mailed a personal link when a survey round is opened to the organisation. At most ${MAX_IMPORT_ROWS} rows. All or nothing: any bad row refuses the file with 422 and errors [{ row, field, path, message }], rows numbered as in a spreadsheet (the header is row 1).`;

export function registerImportRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'post',
      path: '/api/v1/organisations/import',
      kind: 'api',
      access: secretariat('organisations:write'),
      tags: ['Organisations'],
      summary: 'Import organisations from CSV, all or nothing, with a row-by-row report of problems',
      rawBody: { contentType: 'text/csv', description: FORMAT },
      responses: { 201: { description: 'Imported', schema: z.object({ imported: z.number().int() }) } },
    },
    async (c) => {
      const imported = await importOrganisations(scopeOf(c), await c.req.text());
      return c.json({ imported }, 201);
    },
  );
}
