import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../deps.ts';
import { asAppError } from '../../http/problem.ts';
import { organisationMember, type Routes } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { taxonomyFormSchema } from '../../taxonomy/index.ts';
import { formValues, toFormErrors } from '../../web/forms.ts';
import { placementFormPage } from '../organisation/pages.ts';
import { placementConflict } from '../placement-conflict.ts';
import {
  type PostedForm,
  placementFields,
  placementValues,
  requireOrganisation,
  requireOrganisationPlacement,
  resolvePlacementTaxonomy,
} from '../placement-form.ts';
import { placementPatchSchema } from '../schemas.ts';
import { updatePlacement, withdrawPlacement } from '../service.ts';

/**
 * The organisation's edit page for a placement: the publishing form filled in, carrying the
 * version it was read at. The save is the API's conditional PATCH (src/placements/service.ts); when
 * someone saved first, the page answers 409 with the person's input kept, the stored values beside
 * it and the version moved on, so that the next save lands (as the plan editor does).
 */
const MEMBERS = organisationMember('id');
const params = z.object({ id: z.string().min(1).max(40), placementId: z.string().min(1).max(40) });

const listPath = (organisationId: string, flag: string) =>
  `/organisations/${encodeURIComponent(organisationId)}/placements?${flag}=1`;

/** The version the form carries, or null when it is missing or not a version at all. */
function postedVersion(form: PostedForm): number | null {
  const read = Number(formValues(form).version);
  return Number.isSafeInteger(read) && read >= 1 ? read : null;
}

async function conflictPage(
  c: Context<AppEnv>,
  organisation: { id: string; name: string },
  placementId: string,
  form: PostedForm,
  resolved: PostedForm,
) {
  const stored = await requireOrganisationPlacement(c.get('deps'), organisation.id, placementId);
  return placementFormPage(
    c,
    organisation,
    { kind: 'edit', placement: stored },
    { ...form, version: String(stored.version) },
    // Compared as ids (the form's names resolved), shown as the person typed them.
    { status: 409, conflict: placementConflict(c.get('t'), c.get('lang'), resolved, stored, placementValues(stored)) },
  );
}

export function registerPlacementEditPages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/organisations/:id/placements/:placementId/edit',
      kind: 'page',
      access: MEMBERS,
      summary: "Change one of the organisation's placements (form)",
      params,
    },
    async (c, { params }) => {
      const organisation = await requireOrganisation(c.get('deps').db, params.id);
      const placement = await requireOrganisationPlacement(c.get('deps'), organisation.id, params.placementId);
      return placementFormPage(c, organisation, { kind: 'edit', placement }, placementValues(placement));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/organisations/:id/placements/:placementId/edit',
      kind: 'page',
      access: MEMBERS,
      summary: 'Change a placement at the version read (409 with the input kept if someone else saved first)',
      params,
      form: {
        schema: async (c, { params }) => {
          const organisation = await requireOrganisation(c.get('deps').db, params.id);
          const current = await requireOrganisationPlacement(c.get('deps'), organisation.id, params.placementId);
          return taxonomyFormSchema({
            resolve: (posted) => resolvePlacementTaxonomy(c.get('deps').db, c.get('t'), posted),
            schema: placementPatchSchema,
            input: (resolved, posted) => ({
              version: postedVersion(posted) ?? 1,
              ...placementFields(resolved, current.specialisations),
              occupationId: formValues(resolved).occupationId?.trim() || undefined,
            }),
            // An emptied occupation is an error, not "keep the stored one" as an omitted API field would be.
            rules: (resolved, posted) =>
              !formValues(resolved).occupationId?.trim() && !formValues(posted).occupationId?.trim()
                ? [{ path: 'occupationId', message: c.get('t')('placement.validation.occupationRequired') }]
                : [],
          });
        },
        invalid: async (c, { fields, errors }, { params }) => {
          const organisation = await requireOrganisation(c.get('deps').db, params.id);
          const current = await requireOrganisationPlacement(c.get('deps'), organisation.id, params.placementId);
          return placementFormPage(c, organisation, { kind: 'edit', placement: current }, fields, {
            errors,
            status: 422,
          });
        },
      },
    },
    async (c, { params, form, fields }) => {
      const organisation = await requireOrganisation(c.get('deps').db, params.id);
      const current = await requireOrganisationPlacement(c.get('deps'), organisation.id, params.placementId);
      const mode = { kind: 'edit' as const, placement: current };
      // Without a version we cannot know what the person read: treat it as read before any save.
      if (postedVersion(fields) === null) return conflictPage(c, organisation, current.id, fields, form.resolved);
      try {
        await updatePlacement(scopeOf(c), current.id, form.data);
      } catch (err) {
        const app = asAppError(err, c);
        if (app?.status === 409) return conflictPage(c, organisation, current.id, fields, form.resolved);
        if (app?.status === 422 && app.errors)
          return placementFormPage(c, organisation, mode, fields, { errors: toFormErrors(app.errors), status: 422 });
        throw err;
      }
      return c.redirect(listPath(organisation.id, 'updated'), 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/organisations/:id/placements/:placementId/withdraw',
      kind: 'page',
      access: MEMBERS,
      summary: 'Withdraw a placement: it leaves every list; its applications stay visible to both sides',
      params,
    },
    async (c, { params }) => {
      const organisation = await requireOrganisation(c.get('deps').db, params.id);
      const placement = await requireOrganisationPlacement(c.get('deps'), organisation.id, params.placementId);
      await withdrawPlacement(scopeOf(c), placement.id);
      return c.redirect(listPath(organisation.id, 'withdrawn'), 303);
    },
  );
}
