import type { Context } from 'hono';
import { StaleVersion } from '../core/errors.ts';
import type { AppEnv } from '../deps.ts';
import { notFound } from '../http/errors.ts';
import { type Routes, secretariat } from '../http/routes.ts';
import { scopeOf } from '../http/scope.ts';
import type { FormErrors } from '../web/forms.ts';
import { render } from '../web/render.ts';
import { conflictErrors, organisationForm, organisationFormData } from './admin-pages.ts';
import { findOrganisation, type Organisation } from './queries.ts';
import { loadReferenceSets } from './reference.ts';
import { organisationIdParams, organisationPatchSchema } from './schemas.ts';
import { describeOrganisation, formValuesOf } from './view.ts';
import { updateOrganisation } from './writes.ts';

const ADMIN = secretariat();

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
      ...(await organisationFormData(c, state.values)),
    },
    state.status ?? 200,
  );
}

async function requireOrganisation(c: Context<AppEnv>, id: string): Promise<Organisation> {
  const organisation = await findOrganisation(c.get('deps').db, id, { all: true });
  if (!organisation) throw notFound();
  return organisation;
}

export function registerOrganisationEditPage(routes: Routes): void {
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
