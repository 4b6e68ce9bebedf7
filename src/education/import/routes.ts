import type { Context } from 'hono';
import { z } from 'zod';
import { ImportRefused } from '../../core/errors.ts';
import type { AppEnv } from '../../deps.ts';
import { uploadedFile, uploadForm } from '../../http/form.ts';
import { PROVIDER, type Routes } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { render } from '../../web/render.ts';
import { requireWriter } from '../access.ts';
import { importOfferings, MAX_OFFERING_ROWS, OFFERING_CSV_COLUMNS, type OfferingImportProblem } from './service.ts';

const FORMAT = `A header row naming the columns ${OFFERING_CSV_COLUMNS.join(', ')} (any order; occupations, skills, municipalityCode, distance, language, pace, startDates and url may be left out), then one offering per row. Lists inside a cell (occupations as SSYK-4 codes or JobTech ids, skills as JobTech ids or exact Swedish labels, startDates) are separated by "|". Fields are separated by "," or ";". At most ${MAX_OFFERING_ROWS} rows. All or nothing: any bad row refuses the file with 422 and errors [{ row, field, path, message }], rows numbered as in a spreadsheet (the header is row 1).`;

function importPage(
  c: Context<AppEnv>,
  data: { problems?: OfferingImportProblem[]; fileError?: string },
  status: 200 | 422 = 200,
) {
  const t = c.get('t');
  return render(
    c,
    'education/import',
    {
      title: t('education.import.title'),
      nav: 'education',
      columns: OFFERING_CSV_COLUMNS.map((name) => ({ name, description: t(`education.import.column.${name}`) })),
      maxRows: MAX_OFFERING_ROWS,
      problems: data.problems,
      form: data.fileError
        ? { errors: [{ field: 'file', message: data.fileError }], byField: { file: data.fileError } }
        : undefined,
    },
    status,
  );
}

export function registerOfferingImportRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'post',
      path: '/api/v1/offerings/import',
      kind: 'api',
      access: PROVIDER,
      tags: ['Education'],
      summary:
        'Import offerings from CSV (provider staff for their providers, or the secretariat), all or nothing with a row-by-row report',
      rawBody: { contentType: 'text/csv', description: FORMAT },
      responses: { 201: { description: 'Imported', schema: z.object({ imported: z.number().int() }) } },
    },
    async (c) => {
      const scope = scopeOf(c);
      const imported = await importOfferings(scope, requireWriter(scope), await c.req.text());
      return c.json({ imported }, 201);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/education/offerings/import',
      kind: 'page',
      access: PROVIDER,
      summary: 'Form: import offerings from a CSV file',
    },
    (c) => {
      requireWriter(scopeOf(c));
      return importPage(c, {});
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/education/offerings/import',
      kind: 'page',
      access: PROVIDER,
      summary: 'Import offerings from an uploaded CSV file',
      form: {
        prepare: uploadedFile,
        schema: (c) => {
          requireWriter(scopeOf(c));
          return uploadForm;
        },
        invalid: (c, { errors }) => importPage(c, { fileError: errors.byField.file }, 422),
      },
    },
    async (c, { form }) => {
      const writer = requireWriter(scopeOf(c));
      try {
        const imported = await importOfferings(scopeOf(c), writer, await form.file.text());
        return c.redirect(`/education?imported=${imported}`, 303);
      } catch (err) {
        if (err instanceof ImportRefused)
          return importPage(c, { problems: err.problems as OfferingImportProblem[] }, 422);
        throw err;
      }
    },
  );
}
