import type { Context } from 'hono';
import { z } from 'zod';
import { ImportRefused } from '../core/errors.ts';
import type { AppEnv } from '../deps.ts';
import type { FieldError } from '../http/errors.ts';
import { type Routes, secretariat } from '../http/routes.ts';
import { render } from '../web/render.ts';
import { CONTACT_COLUMNS, CSV_COLUMNS, type ImportProblem, MAX_IMPORT_ROWS } from './csv-import.ts';
import { importOrganisations } from './import.ts';

const FORMAT = `A header row naming the columns ${CSV_COLUMNS.join(', ')} (any order), and optionally ${CONTACT_COLUMNS.join(', ')}, then one organisation per row. Fields are separated by "," or ";" (whichever the header uses); a UTF-8 BOM is accepted; isEducationProvider takes true/false, ja/nej, yes/no, 1/0 (empty is false). A row that fills in a contact column names a contact person: contactEmail is then required, contactRole is member (the default) or provider, contactName defaults to the address's local part; the person becomes a member of the organisation (no mail at import) and is mailed a personal link when a survey round is opened to the organisation. At most ${MAX_IMPORT_ROWS} rows. All or nothing: any bad row refuses the file with 422 and errors [{ row, field, path, message }], rows numbered as in a spreadsheet (the header is row 1).`;

const isProblem = (error: FieldError): error is ImportProblem => 'row' in error && 'field' in error;

function importPage(
  c: Context<AppEnv>,
  data: { problems?: ImportProblem[]; fileError?: string },
  status: 200 | 422 = 200,
) {
  const t = c.get('t');
  return render(
    c,
    'organisations/import',
    {
      title: t('import.title'),
      nav: 'organisations',
      columns: [...CSV_COLUMNS, ...CONTACT_COLUMNS].map((name) => ({ name, description: t(`import.column.${name}`) })),
      maxRows: MAX_IMPORT_ROWS,
      problems: data.problems,
      form: data.fileError
        ? { errors: [{ field: 'file', message: data.fileError }], byField: { file: data.fileError } }
        : undefined,
    },
    status,
  );
}

export function registerOrganisationImportRoutes(routes: Routes): void {
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
      const imported = await importOrganisations(c, await c.req.text());
      return c.json({ imported }, 201);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/admin/organisations/import',
      kind: 'page',
      access: secretariat(),
      summary: 'Form: import organisations from a CSV file',
    },
    (c) => importPage(c, {}),
  );

  routes.add(
    {
      method: 'post',
      path: '/admin/organisations/import',
      kind: 'page',
      access: secretariat(),
      summary: 'Import organisations from an uploaded CSV file',
    },
    async (c) => {
      const body = await c.req.parseBody();
      const file = body.file;
      if (!(file instanceof File) || file.size === 0) {
        return importPage(c, { fileError: c.get('t')('import.error.noFile') }, 422);
      }
      try {
        const imported = await importOrganisations(c, await file.text());
        return c.redirect(`/admin/organisations?imported=${imported}`, 303);
      } catch (err) {
        if (err instanceof ImportRefused) {
          return importPage(c, { problems: err.problems.filter(isProblem) }, 422);
        }
        throw err;
      }
    },
  );
}
