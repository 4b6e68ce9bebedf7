import { type AliasableExpression, expressionBuilder, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

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

/** Need lines, as the facts of an aggregation start: `nl`, nothing selected yet. */
const selectNeedLines = (db: Kysely<Database>) => db.selectFrom('need_lines as nl');
export type NeedLineQuery = ReturnType<typeof selectNeedLines>;

/**
 * The tables a fact row reads, by the aliases the facts query gives them: the need line, the
 * organisation as it submitted, and the link tables a dimension joins.
 */
interface FactTables {
  nl: Database['need_lines'];
  sr: Database['submitted_responses'];
  sp: Database['need_line_focus'];
  fa: Database['need_line_focus'];
  sk: Database['need_line_skills'];
}
const eb = expressionBuilder<FactTables, keyof FactTables>();

export interface DimensionSql {
  /** The value of the dimension for one fact row. */
  value: AliasableExpression<string>;
  /** The need lines with the table the value reads joined, if it needs one. */
  join?: (query: NeedLineQuery) => NeedLineQuery;
}

// A join's table is read through `value` (typed over FactTables), not through the query's own
// types: `$if` keeps the query's type while adding the join.
export function dimensionSql(dimension: Dimension, ssykLevel: 1 | 2 | 3 | 4): DimensionSql {
  switch (dimension) {
    case 'specialisation':
      return {
        // One row per focus area; the facts are made distinct per need (src/demand/aggregate.ts), which
        // is half the cost of a distinct subquery here over a million lines.
        value: eb.ref('sp.specialisation_code'),
        join: (query) => query.$if(true, (q) => q.innerJoin('need_line_focus as sp', 'sp.need_line_id', 'nl.id')),
      };
    case 'focusArea':
      return {
        value: eb.ref('fa.focus_area_code'),
        join: (query) =>
          query.$if(true, (q) =>
            q.innerJoin('need_line_focus as fa', (j) =>
              j.onRef('fa.need_line_id', '=', 'nl.id').on('fa.focus_area_code', '!=', ''),
            ),
          ),
      };
    case 'occupation':
      // SSYK rolled up to the level asked for; the few JobTech groups without an SSYK code keep their id.
      return {
        value: eb.fn.coalesce(
          eb.fn<string>('substr', ['nl.ssyk_code', eb.lit(1), eb.lit(ssykLevel)]),
          'nl.occupation_id',
        ),
      };
    case 'skill':
      return {
        value: eb.ref('sk.skill_id'),
        join: (query) => query.$if(true, (q) => q.innerJoin('need_line_skills as sk', 'sk.need_line_id', 'nl.id')),
      };
    case 'horizon':
      return { value: eb.ref('nl.horizon') };
    case 'educationLevel':
      return { value: eb.ref('nl.education_level') };
    case 'municipality':
      return { value: eb.ref('sr.municipality_code') };
    case 'sector':
      return { value: eb.ref('sr.sector') };
    case 'sizeClass':
      return { value: eb.ref('sr.size_class') };
  }
}

/** Municipality, sector and size class are the organisation's, as it submitted. */
const SUBMITTER_DIMENSIONS = new Set<Dimension>(['municipality', 'sector', 'sizeClass']);

/**
 * A round's submitted need lines with what the dimensions in `used` read, kept where `filters`
 * hold (and only one organisation's, if given); the caller selects the facts' columns.
 */
export function needLineFacts(
  db: Kysely<Database>,
  q: {
    roundId: string;
    organisationId?: string;
    filters: Partial<Record<Dimension, string[]>>;
    defs: ReadonlyMap<Dimension, DimensionSql>;
  },
): NeedLineQuery {
  let facts = selectNeedLines(db);
  if ([...q.defs.keys()].some((d) => SUBMITTER_DIMENSIONS.has(d)))
    facts = facts.$if(true, (f) =>
      f.innerJoin('submitted_responses as sr', (j) =>
        j.onRef('sr.round_id', '=', 'nl.round_id').onRef('sr.organisation_id', '=', 'nl.organisation_id'),
      ),
    );
  for (const def of q.defs.values()) if (def.join) facts = def.join(facts);
  facts = facts.where('nl.round_id', '=', q.roundId);
  if (q.organisationId !== undefined) facts = facts.where('nl.organisation_id', '=', q.organisationId);
  for (const [dimension, values] of Object.entries(q.filters) as [Dimension, string[]][]) {
    const value = q.defs.get(dimension)?.value;
    if (value && values.length > 0) facts = facts.where(value, 'in', values);
  }
  return facts;
}
