import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { notFound } from '../http/errors.ts';
import { labelTaxonomyFields, resolveTaxonomyFields } from '../taxonomy/picker-form.ts';
import { checkbox, type FormErrors, formValues } from '../web/forms.ts';
import { render } from '../web/render.ts';
import { stockholmDay } from './dates.ts';
import { findPlacement, type Placement } from './queries.ts';
import type { SpecialisationChoice } from './schemas.ts';
import {
  checkboxGroup,
  kindOptions,
  languageOptions,
  listOf,
  regionMunicipalities,
  specialisationChoices,
  splitList,
} from './views.ts';

/**
 * The organisation's placement form, one for publishing (templates/placements/new.hbs) and for
 * editing (templates/placements/edit.hbs), both built on templates/partials/placement-fields.hbs.
 * The posted fields are put in the API's shape, so the API's schemas check the form too.
 */
export type PostedForm = Record<string, string | string[]>;

export async function requireOrganisation(c: Context<AppEnv>, id: string) {
  const org = await c
    .get('deps')
    .db.selectFrom('organisations')
    .select(['id', 'name'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!org) throw notFound();
  return org;
}

/** A placement of this organisation that is not withdrawn, or a 404 (as the API answers). */
export async function requireOrganisationPlacement(
  c: Context<AppEnv>,
  organisationId: string,
  placementId: string,
): Promise<Placement> {
  const { db, now } = c.get('deps');
  const placement = await findPlacement(db, placementId, stockholmDay(now()));
  if (!placement || placement.status === 'withdrawn' || placement.organisationId !== organisationId) throw notFound();
  return placement;
}

/** The form as a stored placement fills it, with the version it was read at. */
export function placementValues(p: Placement): PostedForm {
  return {
    version: String(p.version),
    kind: p.kind,
    title: p.title,
    description: p.description,
    occupationId: p.occupationId,
    skillIds: p.skillIds.join(', '),
    specialisations: p.specialisations.map((s) => s.code),
    municipalityCode: p.municipalityCode,
    ...(p.remote ? { remote: 'true' } : {}),
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    places: String(p.places),
    applyBy: p.applyBy,
    ...(p.paid ? { paid: 'true' } : {}),
    language: p.language,
    requirements: p.requirements,
    contact: p.contact,
  };
}

/**
 * The posted fields in the API's shape, without organisation, need line and version. The form
 * offers whole specialisations only; `keepFocus` keeps the focus areas (set through the API) of
 * those still ticked, so that saving the form does not drop them.
 */
export function placementFields(form: PostedForm, keepFocus: readonly SpecialisationChoice[] = []) {
  const one = formValues(form);
  const focus = new Map(keepFocus.map((s) => [s.code, s.focusAreas]));
  return {
    kind: one.kind,
    title: one.title ?? '',
    description: one.description ?? '',
    skillIds: splitList(form.skillIds),
    specialisations: listOf(form.specialisations).map((code) => ({ code, focusAreas: focus.get(code) ?? [] })),
    municipalityCode: one.municipalityCode ?? '',
    remote: checkbox(form.remote),
    periodStart: one.periodStart ?? '',
    periodEnd: one.periodEnd ?? '',
    places: Number(one.places),
    applyBy: one.applyBy ?? '',
    paid: checkbox(form.paid),
    language: one.language,
    requirements: one.requirements ?? '',
    contact: one.contact ?? '',
  };
}

/** The form's taxonomy pickers (templates/partials/taxonomy-picker.hbs): names in, ids out. */
export const PLACEMENT_TAXONOMY = [
  { name: 'occupationId', kind: 'occupation', single: true },
  { name: 'skillIds', kind: 'skill' },
] as const;

/** The posted form with occupation and skill names resolved to ids, and the names that resolved to nothing. */
export function resolvePlacementTaxonomy(c: Context<AppEnv>, form: PostedForm) {
  return resolveTaxonomyFields(c.get('deps').db, c.get('t'), form, PLACEMENT_TAXONOMY);
}

export type FormMode = { kind: 'new' } | { kind: 'edit'; placement: Pick<Placement, 'id' | 'title'> };

/** Someone saved first: what the stored placement says where it differs from the person's input. */
export interface Conflict {
  version: number;
  fields: { label: string; saved: string }[];
}

export async function placementFormPage(
  c: Context<AppEnv>,
  organisation: { id: string; name: string },
  mode: FormMode,
  values: PostedForm,
  options: { errors?: FormErrors; status?: 200 | 409 | 422; conflict?: Conflict } = {},
) {
  const t = c.get('t');
  const [municipalities, specialisations, labelled] = await Promise.all([
    regionMunicipalities(c),
    specialisationChoices(c),
    labelTaxonomyFields(c.get('deps').db, formValues(values), PLACEMENT_TAXONOMY),
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
      kindOptions: kindOptions(c, one.kind),
      languageOptions: languageOptions(c, one.language ?? 'sv'),
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
