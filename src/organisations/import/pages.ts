import type { Context } from 'hono';
import { ImportRefused } from '../../core/errors.ts';
import type { AppEnv } from '../../deps.ts';
import type { FieldError } from '../../http/errors.ts';
import { uploadedFile, uploadForm } from '../../http/form.ts';
import { type Routes, secretariat } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { render } from '../../web/render.ts';
import { CONTACT_COLUMNS, CSV_COLUMNS, type ImportProblem, MAX_IMPORT_ROWS } from './csv-import.ts';
import { importOrganisations } from './service.ts';

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

export function registerImportPages(routes: Routes): void {
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
      form: {
        prepare: uploadedFile,
        schema: uploadForm,
        invalid: (c, { errors }) => importPage(c, { fileError: errors.byField.file }, 422),
      },
    },
    async (c, { form }) => {
      try {
        const imported = await importOrganisations(scopeOf(c), await form.file.text());
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
