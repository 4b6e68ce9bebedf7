import {
  type Expression,
  expressionBuilder,
  type InferResult,
  type Kysely,
  type Selectable,
  type SqlBool,
} from 'kysely';
import type { Database } from '../db/schema.ts';
import type { PlacementKind, PlacementListQuery, SpecialisationChoice } from './schemas.ts';
import { MIN_PART_LENGTH, prefixEnd, queryTerms } from './terms.ts';

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

/**
 * The open index rows one query word finds, best per placement: the word whole scores 6, a word it
 * starts 4, a word it is a compound part of ("jobb" in "sommarjobb") 2, and one more in the title.
 * A word shorter than MIN_PART_LENGTH matches starts of words only (docs/decisions/0025).
 */
function wordMatches(db: Kysely<Database>, word: string, today: string) {
  // A CROSS JOIN keeps SQLite from reordering: the word's range of the parts index leads.
  return db
    .selectFrom('placement_word_parts as w')
    .crossJoin('placement_terms as t')
    .select((e) => [
      't.placement_id',
      e.fn
        .max<number>(
          e(
            e
              .case()
              .when('w.word', '=', word)
              .then(6)
              .when(e('w.part', '=', e.ref('w.word')))
              .then(4)
              .else(2)
              .end(),
            '+',
            e.ref('t.in_title'),
          ),
        )
        .as('score'),
    ])
    .where('w.part', '>=', word)
    .where('w.part', '<', prefixEnd(word))
    .$if(Array.from(word).length < MIN_PART_LENGTH, (q) => q.whereRef('w.part', '=', 'w.word'))
    .whereRef('t.term', '=', 'w.word')
    .where('t.apply_by', '>=', today)
    .groupBy('t.placement_id');
}

/**
 * The first page for one query word, tier by tier in the ranking's order (whole word in the title,
 * whole word, start in the title, …), each tier in deadline order from the terms index and
 * leaving out placements a better tier holds: a common word reads about a page of index rows
 * instead of grouping all its matches. The same order as rankByWords (tested through both).
 */
async function firstPageByTiers(
  db: Kysely<Database>,
  word: string,
  matches: Expression<SqlBool>,
  today: string,
  limit: number,
): Promise<string[]> {
  const found = await db
    .selectFrom('placement_word_parts')
    .select(['part', 'word'])
    .where('part', '>=', word)
    .where('part', '<', prefixEnd(word))
    .$if(Array.from(word).length < MIN_PART_LENGTH, (q) => q.whereRef('part', '=', 'word'))
    .execute();
  const kinds = [6, 4, 2].map((points) => [
    ...new Set(found.filter((f) => (f.word === word ? 6 : f.part === f.word ? 4 : 2) === points).map((f) => f.word)),
  ]);
  const tiers = kinds.flatMap((terms) =>
    terms.length
      ? [
          { terms, inTitle: 1 },
          { terms, inTitle: 0 },
        ]
      : [],
  );
  const out: string[] = [];
  for (const [i, tier] of tiers.entries()) {
    const better = tiers.slice(0, i);
    const rows = await db
      .selectFrom('placement_terms as t')
      .crossJoin('placements as p')
      .select(['t.apply_by', 't.placement_id'])
      .distinct()
      .whereRef('p.id', '=', 't.placement_id')
      .where('t.term', 'in', tier.terms)
      .where('t.in_title', '=', tier.inTitle)
      .where('t.apply_by', '>=', today)
      .$if(better.length > 0, (q) =>
        q.where((e) =>
          e.not(
            e.exists(
              e
                .selectFrom('placement_terms as x')
                .select('x.placement_id')
                .where((x) =>
                  x.or(better.map((b) => x.and([x('x.term', 'in', b.terms), x('x.in_title', '>=', b.inTitle)]))),
                )
                .whereRef('x.apply_by', '=', 't.apply_by')
                .whereRef('x.placement_id', '=', 't.placement_id'),
            ),
          ),
        ),
      )
      .where(matches)
      .orderBy('t.apply_by')
      .orderBy('t.placement_id')
      .limit(limit - out.length)
      .execute();
    out.push(...rows.map((r) => r.placement_id));
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * Ids of the placements that every word finds and `matches` admits, best match first (the sum of
 * the words' scores), then soonest deadline: one page.
 */
async function rankByWords(
  db: Kysely<Database>,
  words: readonly [string, ...string[]],
  matches: Expression<SqlBool>,
  today: string,
  page: { limit: number; offset: number },
): Promise<string[]> {
  const [first, ...rest] = words;
  let found = wordMatches(db, first, today);
  for (const word of rest) found = found.unionAll(wordMatches(db, word, today));
  const ranked = db
    .selectFrom(found.as('m'))
    .select((e) => ['m.placement_id', e.fn.sum<number>('m.score').as('score')])
    .groupBy('m.placement_id')
    .having((e) => e.fn.countAll(), '=', words.length);
  const rows = await db
    .selectFrom(ranked.as('r'))
    .innerJoin('placements as p', 'p.id', 'r.placement_id')
    .select('p.id')
    .where(matches)
    .orderBy('r.score', 'desc')
    .orderBy('p.apply_by')
    .orderBy('p.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => r.id);
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
 * Open placements (status open and the deadline not passed at `today`). With words, those every
 * word finds (whole, as a word's start or as a compound part), best match first, then soonest
 * deadline (docs/decisions/0025); without, soonest deadline first, by the filter's own index (0013).
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
  ]);
  const limit = filter.limit + 1;
  const [first, ...rest] = words;
  if (first !== undefined) {
    const ids =
      rest.length === 0 && filter.offset === 0
        ? await firstPageByTiers(db, first, matches, today, limit)
        : await rankByWords(db, [first, ...rest], matches, today, { limit, offset: filter.offset });
    const more = ids.length > filter.limit;
    const items = await findPlacements(db, ids.slice(0, filter.limit), today);
    return { items, nextOffset: more ? filter.offset + filter.limit : null };
  }
  const rows = await selectPlacements(db)
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
