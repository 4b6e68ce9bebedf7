import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../deps.ts';
import { asAppError } from '../http/problem.ts';
import { type Routes, secretariat } from '../http/routes.ts';
import { scopeOf } from '../http/scope.ts';
import { checkbox, type FormErrors, toFormErrors } from '../web/forms.ts';
import { render } from '../web/render.ts';
import { listOrganisations } from './queries.ts';
import { loadReferenceSets } from './reference.ts';
import { organisationCreateSchema, organisationListQuery } from './schemas.ts';
import { describeOrganisation, paginationLinks, referenceOptions, sectorOptions, sizeClassOptions } from './view.ts';
import { createOrganisation } from './writes.ts';

const ADMIN = secretariat();
const LIST = '/admin/organisations';

/** A form's checkbox posts "true" or nothing; the schema wants a boolean. */
export const organisationForm = (form: Record<string, string | string[]>) => ({
  ...form,
  isEducationProvider: checkbox(form.isEducationProvider),
});

/** A 409 that names a field (a duplicate org number) is shown in the form, not on an error page. */
/** A conflict with located problems (a taken org number), as the form shows them; else undefined. */
export function conflictErrors(err: unknown, c: Context<AppEnv>): FormErrors | undefined {
  const problem = asAppError(err, c);
  if (problem?.status !== 409 || !problem.errors) return undefined;
  return toFormErrors(problem.errors);
}

/** The fields of the organisation form, with the selects' options and the values as typed. */
export async function organisationFormData(c: Context<AppEnv>, values: Record<string, string>) {
  const t = c.get('t');
  return {
    values,
    sectorOptions: sectorOptions(t, values.sector, t('organisation.form.choose')),
    sizeClassOptions: sizeClassOptions(t, values.sizeClass),
    ...(await referenceOptions(c.get('deps').db, t, values)),
  };
}

/** An empty select ("all") means no filter; the rest goes through the API's own query schema. */
const listQuery = z.preprocess(
  (query) =>
    typeof query === 'object' && query !== null
      ? Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''))
      : query,
  organisationListQuery,
);

export function registerOrganisationAdminPages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: LIST,
      kind: 'page',
      access: ADMIN,
      summary: 'Organisations: search and filter',
      query: listQuery,
    },
    async (c, { query }) => {
      const { db } = c.get('deps');
      const t = c.get('t');
      const offset = query.cursor ?? 0;
      const filters = { q: query.q, municipality: query.municipality, sector: query.sector };
      const page = await listOrganisations(db, { ...filters, limit: query.limit, offset }, { all: true });
      const imported = Number(c.req.query('imported'));
      return render(c, 'organisations/admin-list', {
        title: t('organisation.list.title'),
        nav: 'organisations',
        filters,
        organisations: page.items.map((o) => describeOrganisation(o, t)),
        sectorOptions: sectorOptions(t, query.sector, t('organisation.filter.all')),
        ...(await referenceOptions(db, t, { municipalityCode: query.municipality }, t('organisation.filter.all'))),
        pagination: paginationLinks(LIST, filters, { offset, limit: query.limit, nextOffset: page.nextOffset }),
        imported: Number.isInteger(imported) && imported > 0 ? imported : null,
      });
    },
  );

  const newPage = async (c: Context<AppEnv>, values: Record<string, string>, form?: FormErrors, status = 200) =>
    render(
      c,
      'organisations/admin-new',
      {
        title: c.get('t')('organisation.new.title'),
        nav: 'organisations',
        form,
        ...(await organisationFormData(c, values)),
      },
      status === 422 ? 422 : status === 409 ? 409 : 200,
    );

  routes.add(
    { method: 'get', path: `${LIST}/new`, kind: 'page', access: ADMIN, summary: 'Form: register an organisation' },
    (c) => newPage(c, {}),
  );

  routes.add(
    {
      method: 'post',
      path: `${LIST}/new`,
      kind: 'page',
      access: ADMIN,
      summary: 'Register an organisation',
      form: {
        schema: async (c) => organisationCreateSchema(await loadReferenceSets(c.get('deps').db)),
        prepare: organisationForm,
        invalid: (c, { values, errors }) => newPage(c, values, errors, 422),
      },
    },
    async (c, { form, values }) => {
      try {
        const organisation = await createOrganisation(scopeOf(c), form);
        return c.redirect(`${LIST}/${encodeURIComponent(organisation.id)}?created=1`, 303);
      } catch (err) {
        const errors = conflictErrors(err, c);
        if (errors) return newPage(c, values, errors, 409);
        throw err;
      }
    },
  );
}
