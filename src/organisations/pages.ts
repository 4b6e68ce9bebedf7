import type { Context } from 'hono';
import { z } from 'zod';
import { StaleVersion } from '../core/errors.ts';
import type { AppEnv } from '../deps.ts';
import { notFound } from '../http/errors.ts';
import { asAppError } from '../http/problem.ts';
import { type Routes, secretariat } from '../http/routes.ts';
import { scopeOf } from '../http/scope.ts';
import { checkbox, type FormErrors, toFormErrors } from '../web/forms.ts';
import { render } from '../web/render.ts';
import { findOrganisation, listOrganisations, loadReferenceSets, type Organisation } from './queries.ts';
import {
  organisationCreateSchema,
  organisationIdParams,
  organisationListQuery,
  organisationPatchSchema,
} from './schemas.ts';
import { createOrganisation, updateOrganisation } from './service.ts';
import {
  describeOrganisation,
  formValuesOf,
  organisationFormData,
  paginationLinks,
  referenceOptions,
  sectorOptions,
} from './views.ts';

const ADMIN = secretariat();
const LIST = '/admin/organisations';

/** A form's checkbox posts "true" or nothing; the schema wants a boolean. */
export const organisationForm = (form: Record<string, string | string[]>) => ({
  ...form,
  isEducationProvider: checkbox(form.isEducationProvider),
});

/** A conflict with located problems (a taken org number), as the form shows them; else undefined. */
export function conflictErrors(err: unknown, c: Context<AppEnv>): FormErrors | undefined {
  const problem = asAppError(err, c);
  if (problem?.status !== 409 || !problem.errors) return undefined;
  return toFormErrors(problem.errors);
}

/** An empty select ("all") means no filter; the rest goes through the API's own query schema. */
const listQuery = z.preprocess(
  (query) =>
    typeof query === 'object' && query !== null
      ? Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''))
      : query,
  organisationListQuery,
);

export function registerOrganisationPages(routes: Routes): void {
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
        ...(await referenceOptions(
          db,
          t,
          { municipalityCode: query.municipality },
          t('organisation.filter.all'),
          c.get('lang'),
        )),
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
        ...(await organisationFormData(c.get('deps').db, c.get('t'), values, c.get('lang'))),
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

interface EditState {
  values: Record<string, string>;
  form?: FormErrors;
  /** Someone else saved first: the stored organisation is shown, the person's input is kept. */
  conflict?: boolean;
  status?: 200 | 409 | 422;
}

async function editPage(c: Context<AppEnv>, organisation: Organisation, state: EditState) {
  const t = c.get('t');
  return render(
    c,
    'organisations/admin-edit',
    {
      title: organisation.name,
      nav: 'organisations',
      organisation: describeOrganisation(organisation, t),
      form: state.form,
      conflict: state.conflict ?? false,
      saved: c.req.method === 'GET' && c.req.query('saved') === '1',
      created: c.req.method === 'GET' && c.req.query('created') === '1',
      ...(await organisationFormData(c.get('deps').db, t, state.values, c.get('lang'))),
    },
    state.status ?? 200,
  );
}

async function requireOrganisation(c: Context<AppEnv>, id: string): Promise<Organisation> {
  const organisation = await findOrganisation(c.get('deps').db, id, { all: true });
  if (!organisation) throw notFound();
  return organisation;
}

export function registerOrganisationEditPages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/admin/organisations/:id',
      kind: 'page',
      access: ADMIN,
      summary: 'An organisation: details and the edit form',
      params: organisationIdParams,
    },
    async (c, { params }) => {
      const organisation = await requireOrganisation(c, params.id);
      return editPage(c, organisation, { values: formValuesOf(organisation) });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/admin/organisations/:id',
      kind: 'page',
      access: ADMIN,
      summary: 'Save changes to an organisation (the form carries the version it was read at)',
      params: organisationIdParams,
      form: {
        schema: async (c) => organisationPatchSchema(await loadReferenceSets(c.get('deps').db)),
        prepare: organisationForm,
        invalid: async (c, { values, errors }, { params }) =>
          editPage(c, await requireOrganisation(c, params.id), { values, form: errors, status: 422 }),
      },
    },
    async (c, { params, form, values }) => {
      const organisation = await requireOrganisation(c, params.id);
      try {
        await updateOrganisation(scopeOf(c), organisation.id, form);
        return c.redirect(`/admin/organisations/${encodeURIComponent(organisation.id)}?saved=1`, 303);
      } catch (err) {
        if (err instanceof StaleVersion) {
          // Show what is stored now; keep the input, now based on the current version, so that
          // saving again is a deliberate choice to replace the other person's change.
          const current = await requireOrganisation(c, organisation.id);
          return editPage(c, current, {
            values: { ...values, version: String(current.version) },
            conflict: true,
            status: 409,
          });
        }
        const errors = conflictErrors(err, c);
        if (errors) return editPage(c, organisation, { values, form: errors, status: 409 });
        throw err;
      }
    },
  );
}
