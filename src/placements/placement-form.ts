import type { Kysely } from 'kysely';
import type { CoreDeps } from '../core/deps.ts';
import { NotFound } from '../core/errors.ts';
import type { Database } from '../db/schema.ts';
import type { Translate } from '../i18n/i18n.ts';
import { labelTaxonomyFields, resolveTaxonomyFields } from '../taxonomy/index.ts';
import { checkbox, formValues } from '../web/forms.ts';
import { stockholmDay } from './dates.ts';
import { findPlacement, type Placement } from './queries.ts';
import type { SpecialisationChoice } from './schemas.ts';
import { listOf, splitList } from './views.ts';

/**
 * The organisation's placement form, one for publishing (templates/placements/new.hbs) and for
 * editing (templates/placements/edit.hbs), both built on templates/partials/placement-fields.hbs.
 * The posted fields are put in the API's shape, so the API's schemas check the form too.
 */
export type PostedForm = Record<string, string | string[]>;

export async function requireOrganisation(db: Kysely<Database>, id: string) {
  const org = await db.selectFrom('organisations').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  if (!org) throw new NotFound();
  return org;
}

/** A placement of this organisation that is not withdrawn, or a 404 (as the API answers). */
export async function requireOrganisationPlacement(
  deps: Pick<CoreDeps, 'db' | 'now'>,
  organisationId: string,
  placementId: string,
): Promise<Placement> {
  const { db, now } = deps;
  const placement = await findPlacement(db, placementId, stockholmDay(now()));
  if (!placement || placement.status === 'withdrawn' || placement.organisationId !== organisationId)
    throw new NotFound();
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
export function resolvePlacementTaxonomy(db: Kysely<Database>, t: Translate, form: PostedForm) {
  return resolveTaxonomyFields(db, t, form, PLACEMENT_TAXONOMY);
}

/** The form's values with the pickers' ids shown by name, as the form page fills them in. */
export function labelPlacementTaxonomy(db: Kysely<Database>, values: PostedForm, lang: 'sv' | 'en') {
  return labelTaxonomyFields(db, formValues(values), PLACEMENT_TAXONOMY, lang);
}

export type FormMode = { kind: 'new' } | { kind: 'edit'; placement: Pick<Placement, 'id' | 'title'> };

/** Someone saved first: what the stored placement says where it differs from the person's input. */
export interface Conflict {
  version: number;
  fields: { label: string; saved: string }[];
}
