import type { PlanFigures, PlanTable } from '../figures.ts';
import { both, type SectionInput } from './context.ts';

/** The specialisation and its focus areas, from the region's strategy (the reference tables). */
export async function loadSpecialisation(input: SectionInput): Promise<PlanFigures['specialisation']> {
  if (!input.specialisation) return null;
  const [spec, areas] = await Promise.all([
    input.db
      .selectFrom('specialisations')
      .select(['code', 'name_sv', 'name_en'])
      .where('code', '=', input.specialisation)
      .executeTakeFirst(),
    input.db
      .selectFrom('focus_areas')
      .select(['code', 'name_sv', 'name_en'])
      .where('specialisation_code', '=', input.specialisation)
      .orderBy('sort_order')
      .execute(),
  ]);
  if (!spec) return null;
  return {
    code: spec.code,
    name: { sv: spec.name_sv, en: spec.name_en },
    focusAreas: areas.map((a) => ({ code: a.code, name: { sv: a.name_sv, en: a.name_en } })),
  };
}

/** The focus areas as a table; for a plan over all specialisations, the specialisations. */
export async function specialisationTables(input: SectionInput): Promise<PlanTable[]> {
  const rows = input.specialisation
    ? await input.db
        .selectFrom('focus_areas')
        .select(['code', 'name_sv', 'name_en'])
        .where('specialisation_code', '=', input.specialisation)
        .orderBy('sort_order')
        .execute()
    : await input.db
        .selectFrom('specialisations')
        .select(['code', 'name_sv', 'name_en'])
        .orderBy('sort_order')
        .execute();
  return [
    {
      key: 'focus-areas',
      section: 'specialisation',
      title: both(input, input.specialisation ? 'plans.table.focusAreas' : 'plans.table.specialisations'),
      columns: [],
      rows: rows.map((r) => ({ key: r.code, label: { sv: r.name_sv, en: r.name_en }, cells: [] })),
      evidence: '/api/v1/taxonomy/specialisations',
    },
  ];
}
