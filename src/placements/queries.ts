import { type Kysely, sql } from 'kysely';
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

interface Row {
  id: string;
  organisation_id: string;
  organisation_name: string;
  kind: string;
  title: string;
  description: string;
  occupation_id: string;
  occupation_label: string;
  municipality_code: string;
  municipality_name: string;
  remote: number;
  period_start: string;
  period_end: string;
  places: number;
  apply_by: string;
  paid: number;
  language: string;
  education_level: string | null;
  requirements: string;
  contact: string;
  need_ref: string | null;
  status: string;
  version: number;
  /** Comma-separated skill ids, and `code:focusArea` pairs: one query for a page, not three. */
  skills: string | null;
  focus: string | null;
}

const COLUMNS = sql`p.id, p.organisation_id, o.name as organisation_name, p.kind, p.title, p.description,
  p.occupation_id, oc.label_sv as occupation_label, p.municipality_code, m.name as municipality_name, p.remote,
  p.period_start, p.period_end, p.places, p.apply_by, p.paid, p.language, p.education_level, p.requirements,
  p.contact, p.need_ref, p.status, p.version,
  (select group_concat(s.skill_id) from placement_skills s where s.placement_id = p.id) as skills,
  (select group_concat(f.specialisation_code || ':' || f.focus_area_code) from placement_focus f where f.placement_id = p.id) as focus`;
const JOINS = sql`join organisations o on o.id = p.organisation_id
  join occupations oc on oc.id = p.occupation_id
  join municipalities m on m.code = p.municipality_code`;

/** Link rows of specialisations and focus areas ('' = the whole specialisation) as the API's shape. */
export function groupFocus(rows: { specialisation_code: string; focus_area_code: string }[]): SpecialisationChoice[] {
  const out = new Map<string, SpecialisationChoice>();
  for (const row of rows) {
    const entry = out.get(row.specialisation_code) ?? { code: row.specialisation_code, focusAreas: [] };
    out.set(row.specialisation_code, entry);
    if (row.focus_area_code) entry.focusAreas.push(row.focus_area_code);
  }
  return [...out.values()];
}

/** Rows to domain objects: skills sorted, specialisations grouped with their focus areas. */
async function attach(_db: Kysely<Database>, rows: Row[], today: string): Promise<Placement[]> {
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
  const { rows } = await sql<Row>`select ${COLUMNS} from placements p ${JOINS} where p.id = ${id}`.execute(db);
  return (await attach(db, rows, today))[0];
}

export async function findPlacements(db: Kysely<Database>, ids: string[], today: string): Promise<Placement[]> {
  if (ids.length === 0) return [];
  const { rows } =
    await sql<Row>`select ${COLUMNS} from placements p ${JOINS} where p.id in (${sql.join(ids)})`.execute(db);
  const placements = await attach(db, rows, today);
  const byId = new Map(placements.map((p) => [p.id, p]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

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
  const conditions = [sql`p.status = 'open'`, sql`p.apply_by >= ${today}`];
  if (filter.kind) conditions.push(sql`p.kind = ${filter.kind}`);
  if (filter.municipality) conditions.push(sql`p.municipality_code = ${filter.municipality}`);
  if (filter.occupation) conditions.push(sql`p.occupation_id = ${filter.occupation}`);
  if (filter.specialisation)
    conditions.push(
      sql`exists (select 1 from placement_focus f where f.placement_id = p.id and f.specialisation_code = ${filter.specialisation})`,
    );
  for (const word of words.slice(1))
    conditions.push(sql`exists (select 1 from placement_terms w where w.term = ${word} and w.placement_id = p.id)`);
  const where = sql.join(conditions, sql` and `);
  const limit = filter.limit + 1;
  const query =
    words.length > 0
      ? sql<Row>`select ${COLUMNS} from placement_terms t cross join placements p on p.id = t.placement_id ${JOINS}
          where t.term = ${words[0]} and t.apply_by >= ${today} and ${where}
          order by t.apply_by, t.placement_id limit ${limit} offset ${filter.offset}`
      : sql<Row>`select ${COLUMNS} from placements p ${JOINS}
          where ${where} order by p.apply_by, p.id limit ${limit} offset ${filter.offset}`;
  const { rows } = await query.execute(db);
  const more = rows.length > filter.limit;
  const items = await attach(db, rows.slice(0, filter.limit), today);
  return { items, nextOffset: more ? filter.offset + filter.limit : null };
}

/** An organisation's own placements, newest first, open or not. */
export async function listOrganisationPlacements(
  db: Kysely<Database>,
  organisationId: string,
  today: string,
): Promise<Placement[]> {
  const { rows } = await sql<Row>`select ${COLUMNS} from placements p ${JOINS}
    where p.organisation_id = ${organisationId} and p.status != 'withdrawn' order by p.created_at desc, p.id limit 500`.execute(
    db,
  );
  return attach(db, rows, today);
}
