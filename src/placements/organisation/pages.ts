import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../deps.ts';
import { requireUser } from '../../http/authorize.ts';
import { notFound } from '../../http/errors.ts';
import { asAppError } from '../../http/problem.ts';
import { organisationMember, type Routes } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { listPlacementNeedLines } from '../../surveys/index.ts';
import { findOccupationNames, nameInMessage, taxonomyFormSchema } from '../../taxonomy/index.ts';
import { checkbox, type FormErrors, formValues, toFormErrors } from '../../web/forms.ts';
import { render } from '../../web/render.ts';
import { allowedMoves, listApplications, moveApplication } from '../applications/service.ts';
import { stockholmDay } from '../dates.ts';
import {
  type Conflict,
  type FormMode,
  labelPlacementTaxonomy,
  type PostedForm,
  placementFields,
  requireOrganisation,
  resolvePlacementTaxonomy,
} from '../placement-form.ts';
import { listOrganisationPlacements } from '../queries.ts';
import { APPLICATION_STATUSES, placementCreateSchema } from '../schemas.ts';
import { createPlacement, findNeedLine } from '../service.ts';
import {
  checkboxGroup,
  kindOptions,
  languageOptions,
  listOf,
  regionMunicipalities,
  specialisationChoices,
} from '../views.ts';

const MEMBERS = organisationMember('id');
const NEW = { kind: 'new' } as const;
const orgParams = z.object({ id: z.string().min(1).max(40) });

const statusForm = z.object({ status: z.enum(APPLICATION_STATUSES) });

async function applicantsPage(
  c: Context<AppEnv>,
  organisation: { id: string; name: string },
  errors?: FormErrors,
  status: 200 | 409 = 200,
) {
  const t = c.get('t');
  const items = await listApplications(scopeOf(c), requireUser(c), organisation.id);
  return render(
    c,
    'placements/applicants',
    {
      title: t('placement.org.applications', { organisation: organisation.name }),
      nav: 'placements',
      organisation,
      form: errors,
      moved: c.req.method === 'GET' && c.req.query('moved') === '1',
      items: items.map((a) => ({
        ...a,
        statusLabel: t(`application.status.${a.status}`),
        moves: allowedMoves(a.status, 'organisation').map((s) => ({ value: s, label: t(`application.status.${s}`) })),
      })),
    },
    status,
  );
}

export function registerOrganisationPlacementPages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/organisations/:id/placements',
      kind: 'page',
      access: MEMBERS,
      summary: "An organisation's placements, and the need lines from its answers where it offers placements",
      params: orgParams,
    },
    async (c, { params }) => {
      const { db, now } = c.get('deps');
      const t = c.get('t');
      const organisation = await requireOrganisation(c.get('deps').db, params.id);
      const [placements, needs] = await Promise.all([
        listOrganisationPlacements(db, organisation.id, stockholmDay(now())),
        listPlacementNeedLines(db, organisation.id),
      ]);
      const occupations = await findOccupationNames(db, [...new Set(needs.map((n) => n.occupationId))], c.get('lang'));
      return render(c, 'placements/organisation', {
        title: t('placement.org.title', { organisation: organisation.name }),
        nav: 'placements',
        organisation,
        created: c.req.query('created') === '1',
        updated: c.req.query('updated') === '1',
        withdrawn: c.req.query('withdrawn') === '1',
        placements: placements.map((p) => ({ ...p, kindLabel: t(`placement.kind.${p.kind}`) })),
        needs: needs.map((n) => ({
          id: n.id,
          label: nameInMessage(
            t,
            'placement.org.needLine',
            'occupation',
            occupations.get(n.occupationId) ?? { name: n.occupationLabel },
            { line: n.lineNo },
          ),
          kinds: (JSON.parse(n.placementKinds ?? '[]') as string[]).map((k) => t(`placement.kind.${k}`)).join(', '),
        })),
      });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/organisations/:id/placements/new',
      kind: 'page',
      access: MEMBERS,
      summary: 'Publish a placement; with ?needRef= prefilled from that need line',
      params: orgParams,
    },
    async (c, { params }) => {
      const organisation = await requireOrganisation(c.get('deps').db, params.id);
      const needRef = c.req.query('needRef');
      const need = needRef ? await findNeedLine(c.get('deps').db, organisation.id, needRef) : undefined;
      const values: PostedForm = { places: '1', language: 'sv' };
      if (need) {
        Object.assign(values, {
          needRef: need.id,
          occupationId: need.occupationId,
          skillIds: need.skillIds.join(', '),
          specialisations: need.specialisations.map((s) => s.code),
          kind: need.kinds[0] ?? 'praktik',
          places: String(need.count ?? 1),
        });
      }
      return placementFormPage(c, organisation, NEW, values);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/organisations/:id/placements/new',
      kind: 'page',
      access: MEMBERS,
      summary: 'Publish a placement (form)',
      params: orgParams,
      form: {
        schema: async (c, { params }) => {
          const organisation = await requireOrganisation(c.get('deps').db, params.id);
          return taxonomyFormSchema({
            resolve: (posted) => resolvePlacementTaxonomy(c.get('deps').db, c.get('t'), posted),
            schema: placementCreateSchema,
            input: (resolved) => {
              const one = formValues(resolved);
              return {
                organisationId: organisation.id,
                ...placementFields(resolved),
                occupationId: one.occupationId || undefined,
                needRef: one.needRef || null,
              };
            },
          });
        },
        invalid: async (c, { fields, errors }, { params }) =>
          placementFormPage(c, await requireOrganisation(c.get('deps').db, params.id), NEW, fields, {
            errors,
            status: 422,
          }),
      },
    },
    async (c, { params, form, fields }) => {
      const organisation = await requireOrganisation(c.get('deps').db, params.id);
      try {
        await createPlacement(scopeOf(c), form.data);
      } catch (err) {
        const app = asAppError(err, c);
        if (app?.status === 422 && app.errors)
          return placementFormPage(c, organisation, NEW, fields, { errors: toFormErrors(app.errors), status: 422 });
        throw err;
      }
      return c.redirect(`/organisations/${encodeURIComponent(organisation.id)}/placements?created=1`, 303);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/organisations/:id/applications',
      kind: 'page',
      access: MEMBERS,
      summary: "Applicants to the organisation's placements, with their status",
      params: orgParams,
    },
    async (c, { params }) => applicantsPage(c, await requireOrganisation(c.get('deps').db, params.id)),
  );

  routes.add(
    {
      method: 'post',
      path: '/organisations/:id/applications/:applicationId/status',
      kind: 'page',
      access: MEMBERS,
      summary: "Move an applicant's application to a new status",
      params: z.object({ id: z.string().min(1).max(40), applicationId: z.string().min(1).max(40) }),
      form: {
        schema: statusForm,
        prepare: formValues,
        invalid: async (c, _form, { params }) =>
          applicantsPage(
            c,
            await requireOrganisation(c.get('deps').db, params.id),
            toFormErrors([{ path: 'status', message: c.get('t')('error.validation.title') }]),
            409,
          ),
      },
    },
    async (c, { params, form }) => {
      const organisation = await requireOrganisation(c.get('deps').db, params.id);
      const mine = (await listApplications(scopeOf(c), requireUser(c), organisation.id)).some(
        (a) => a.id === params.applicationId,
      );
      if (!mine) throw notFound();
      await moveApplication(scopeOf(c), requireUser(c), params.applicationId, form.status);
      return c.redirect(`/organisations/${encodeURIComponent(organisation.id)}/applications?moved=1`, 303);
    },
  );
}

/** The organisation's placement form page, new or edit (src/placements/placement-form.ts has its fields). */
export async function placementFormPage(
  c: Context<AppEnv>,
  organisation: { id: string; name: string },
  mode: FormMode,
  values: PostedForm,
  options: { errors?: FormErrors; status?: 200 | 409 | 422; conflict?: Conflict } = {},
) {
  const t = c.get('t');
  const [municipalities, specialisations, labelled] = await Promise.all([
    regionMunicipalities(c.get('deps').db),
    specialisationChoices(c.get('deps').db, c.get('lang')),
    labelPlacementTaxonomy(c.get('deps').db, values, c.get('lang')),
  ]);
  const one = formValues(values);
  return render(
    c,
    mode.kind === 'new' ? 'placements/new' : 'placements/edit',
    {
      title:
        mode.kind === 'new' ? t('placement.org.new') : t('placement.org.editTitle', { title: mode.placement.title }),
      nav: 'placements',
      organisation,
      placement: mode.kind === 'edit' ? mode.placement : null,
      conflict: options.conflict ?? null,
      values: { ...labelled, remote: checkbox(values.remote), paid: checkbox(values.paid) },
      form: options.errors,
      kindOptions: kindOptions(t, one.kind),
      languageOptions: languageOptions(t, one.language ?? 'sv'),
      municipalityOptions: municipalities.map((m) => ({ ...m, selected: m.value === one.municipalityCode })),
      specialisationGroup: checkboxGroup(
        'specialisations',
        t('placement.field.specialisations'),
        specialisations,
        listOf(values.specialisations),
      ),
    },
    options.status ?? 200,
  );
}
