import { expressionBuilder, type InferResult, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { PlacementKind, PlacementListQuery, SpecialisationChoice } from './schemas.ts';
import { queryTerms } from './terms.ts';

export interface Placement {
  id: string;
  organisationId: string;
  organisationName: string;
  kind: PlacementKind;
  title: string;
  description: string;
  occupationId: string;
  occupationLabel: string;
  skillIds: string[];
  specialisations: SpecialisationChoice[];
  municipalityCode: string;
  municipalityName: string;
  remote: boolean;
  periodStart: string;
  periodEnd: string;
  places: number;
  applyBy: string;
  paid: boolean;
  language: string;
  educationLevel: string | null;
  requirements: string;
  contact: string;
  needRef: string | null;
  status: string;
  open: boolean;
  version: number;
}

type WithPlacement = Database & { p: Database['placements'] };
/** The elements of a JSON array as rows of `j.value`: any number in one parameter (D1 binds at most 100). */
export const jsonEach = <V>(values: readonly V[]) =>
  onPlacement.fn<{ value: V }>('json_each', [onPlacement.val(JSON.stringify(values))]).as('j');

/** Expressions about the placement `p` of the query they go into. */
export const onPlacement = expressionBuilder<WithPlacement, 'p'>();

/** The placement's skill ids (of `only`, when given), comma-separated; null without any. */
export function skillList(only?: readonly string[]) {
  return onPlacement
    .selectFrom('placement_skills as s')
    .select((e) => e.fn.agg<string>('group_concat', ['s.skill_id']).as('skills'))
    .whereRef('s.placement_id', '=', 'p.id')
    .$if(only !== undefined, (q) => q.where('s.skill_id', 'in', only?.length ? only : ['']));
}

/** The placement's `specialisation:focusArea` pairs, comma-separated; null without any. */
export function focusList() {
  return onPlacement
    .selectFrom('placement_focus as f')
    .select((e) =>
      e.fn
        .agg<string>('group_concat', [
          e(e('f.specialisation_code', '||', e.val(':')), '||', e.ref('f.focus_area_code')),
        ])
        .as('focus'),
    )
    .whereRef('f.placement_id', '=', 'p.id');
}

/**
 * A placement with its organisation, occupation and kommun names, and its skill ids and
 * `code:focusArea` pairs as comma-separated lists: one query for a page, not three.
 */
const COLUMNS = [
  'p.id',
  'p.organisation_id',
  'o.name as organisation_name',
  'p.kind',
  'p.title',
  'p.description',
  'p.occupation_id',
  'oc.label_sv as occupation_label',
  'p.municipality_code',
  'm.name as municipality_name',
  'p.remote',
  'p.period_start',
  'p.period_end',
  'p.places',
  'p.apply_by',
  'p.paid',
  'p.language',
  'p.education_level',
  'p.requirements',
  'p.contact',
  'p.need_ref',
  'p.status',
  'p.version',
  skillList().as('skills'),
  focusList().as('focus'),
] as const;

function selectPlacements(db: Kysely<Database>) {
  return db
    .selectFrom('placements as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .innerJoin('occupations as oc', 'oc.id', 'p.occupation_id')
    .innerJoin('municipalities as m', 'm.code', 'p.municipality_code')
    .select(COLUMNS);
}

/** As selectPlacements, driven by one search word's range of the terms index, in deadline order. */
function selectPlacementsByTerm(db: Kysely<Database>, term: string, today: string) {
  // A CROSS JOIN keeps SQLite from reordering: the word's range of the terms index leads.
  return db
    .selectFrom('placement_terms as t')
    .crossJoin('placements as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .innerJoin('occupations as oc', 'oc.id', 'p.occupation_id')
    .innerJoin('municipalities as m', 'm.code', 'p.municipality_code')
    .select(COLUMNS)
    .whereRef('p.id', '=', 't.placement_id')
    .where('t.term', '=', term)
    .where('t.apply_by', '>=', today);
}

type Row = InferResult<ReturnType<typeof selectPlacements>>[number];

/** Link rows of specialisations and focus areas ('' = the whole specialisation) as the API's shape. */
export function groupFocus(
  rows: Pick<Selectable<Database['placement_focus']>, 'specialisation_code' | 'focus_area_code'>[],
): SpecialisationChoice[] {
  const out = new Map<string, SpecialisationChoice>();
  for (const row of rows) {
    const entry = out.get(row.specialisation_code) ?? { code: row.specialisation_code, focusAreas: [] };
    out.set(row.specialisation_code, entry);
    if (row.focus_area_code) entry.focusAreas.push(row.focus_area_code);
  }
  return [...out.values()];
}

/** Rows to domain objects: skills sorted, specialisations grouped with their focus areas. */
function attach(rows: Row[], today: string): Placement[] {
  return rows.map((r) => {
    const focus = (r.focus ? r.focus.split(',') : [])
      .map((pair) => {
        const [specialisation_code = '', focus_area_code = ''] = pair.split(':');
        return { specialisation_code, focus_area_code };
      })
      .sort((a, b) =>
        a.specialisation_code === b.specialisation_code
          ? a.focus_area_code.localeCompare(b.focus_area_code)
          : a.specialisation_code.localeCompare(b.specialisation_code),
      );
    const specialisations = groupFocus(focus);
    return {
      id: r.id,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      kind: r.kind as PlacementKind,
      title: r.title,
      description: r.description,
      occupationId: r.occupation_id,
      occupationLabel: r.occupation_label,
      skillIds: r.skills ? r.skills.split(',').sort() : [],
      specialisations,
      municipalityCode: r.municipality_code,
      municipalityName: r.municipality_name,
      remote: r.remote === 1,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      places: r.places,
      applyBy: r.apply_by,
      paid: r.paid === 1,
      language: r.language,
      educationLevel: r.education_level,
      requirements: r.requirements,
      contact: r.contact,
      needRef: r.need_ref,
      status: r.status,
      open: r.status === 'open' && r.apply_by >= today,
      version: r.version,
    };
  });
}

export async function findPlacement(db: Kysely<Database>, id: string, today: string): Promise<Placement | undefined> {
  const rows = await selectPlacements(db).where('p.id', '=', id).execute();
  return attach(rows, today)[0];
}

export async function findPlacements(db: Kysely<Database>, ids: string[], today: string): Promise<Placement[]> {
  if (ids.length === 0) return [];
  const rows = await selectPlacements(db).where('p.id', 'in', ids).execute();
  const byId = new Map(attach(rows, today).map((p) => [p.id, p]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Open at `today`: status open and the deadline not passed. */
export const openAt = (today: string) =>
  onPlacement.and([onPlacement('p.status', '=', 'open'), onPlacement('p.apply_by', '>=', today)]);

/**
 * Open placements (status open and the deadline not passed at `today`), soonest deadline first.
 * With words, the first word's index range drives the query in deadline order and the others
 * must be present too; without, the filter's own index does (docs/decisions/0013).
 */
export async function searchPlacements(
  db: Kysely<Database>,
  filter: Omit<PlacementListQuery, 'cursor'> & { offset: number },
  today: string,
): Promise<{ items: Placement[]; nextOffset: number | null }> {
  const words = queryTerms(filter.q);
  const eb = onPlacement;
  const matches = eb.and([
    openAt(today),
    ...(filter.kind ? [eb('p.kind', '=', filter.kind)] : []),
    ...(filter.municipality ? [eb('p.municipality_code', '=', filter.municipality)] : []),
    ...(filter.occupation ? [eb('p.occupation_id', '=', filter.occupation)] : []),
    ...(filter.specialisation
      ? [
          eb.exists(
            eb
              .selectFrom('placement_focus as f')
              .select('f.placement_id')
              .whereRef('f.placement_id', '=', 'p.id')
              .where('f.specialisation_code', '=', filter.specialisation),
          ),
        ]
      : []),
    ...words
      .slice(1)
      .map((word) =>
        eb.exists(
          eb
            .selectFrom('placement_terms as w')
            .select('w.placement_id')
            .where('w.term', '=', word)
            .whereRef('w.placement_id', '=', 'p.id'),
        ),
      ),
  ]);
  const limit = filter.limit + 1;
  const first = words[0];
  const rows =
    first !== undefined
      ? await selectPlacementsByTerm(db, first, today)
          .where(matches)
          .orderBy('t.apply_by')
          .orderBy('t.placement_id')
          .limit(limit)
          .offset(filter.offset)
          .execute()
      : await selectPlacements(db)
          .where(matches)
          .orderBy('p.apply_by')
          .orderBy('p.id')
          .limit(limit)
          .offset(filter.offset)
          .execute();
  const more = rows.length > filter.limit;
  const items = attach(rows.slice(0, filter.limit), today);
  return { items, nextOffset: more ? filter.offset + filter.limit : null };
}

/** An organisation's own placements, newest first, open or not. */
export async function listOrganisationPlacements(
  db: Kysely<Database>,
  organisationId: string,
  today: string,
): Promise<Placement[]> {
  const rows = await selectPlacements(db)
    .where('p.organisation_id', '=', organisationId)
    .where('p.status', '!=', 'withdrawn')
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id')
    .limit(500)
    .execute();
  return attach(rows, today);
}
