import { type RawBuilder, sql } from 'kysely';

/**
 * The dimensions demand can be broken down by, as SQL over a round's submitted need lines
 * (`nl`, need_lines) and the organisation as it was when it submitted (`sr`, submitted_responses).
 * Specialisations, focus areas and skills come from their link tables: a need may count for
 * several, and then counts once in each.
 */
export const DIMENSIONS = [
  'specialisation',
  'focusArea',
  'occupation',
  'skill',
  'horizon',
  'educationLevel',
  'municipality',
  'sector',
  'sizeClass',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface DimensionSql {
  /** The value of the dimension for one fact row. */
  value: RawBuilder<string>;
  /** The join that the value needs, if any. */
  join?: RawBuilder<unknown>;
}

export function dimensionSql(dimension: Dimension, ssykLevel: 1 | 2 | 3 | 4): DimensionSql {
  switch (dimension) {
    case 'specialisation':
      return {
        // One row per focus area; the facts are made distinct per need (src/demand/aggregate.ts), which
        // is half the cost of a distinct subquery here over a million lines.
        value: sql`sp.specialisation_code`,
        join: sql`join need_line_focus sp on sp.need_line_id = nl.id`,
      };
    case 'focusArea':
      return {
        value: sql`fa.focus_area_code`,
        join: sql`join need_line_focus fa on fa.need_line_id = nl.id and fa.focus_area_code != ''`,
      };
    case 'occupation':
      // SSYK rolled up to the level asked for; the few JobTech groups without an SSYK code keep their id.
      return { value: sql`coalesce(substr(nl.ssyk_code, 1, ${sql.lit(ssykLevel)}), nl.occupation_id)` };
    case 'skill':
      return { value: sql`sk.skill_id`, join: sql`join need_line_skills sk on sk.need_line_id = nl.id` };
    case 'horizon':
      return { value: sql`nl.horizon` };
    case 'educationLevel':
      return { value: sql`nl.education_level` };
    case 'municipality':
      return { value: sql`sr.municipality_code` };
    case 'sector':
      return { value: sql`sr.sector` };
    case 'sizeClass':
      return { value: sql`sr.size_class` };
  }
}
