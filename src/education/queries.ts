import { type Expression, expressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { jsonValues } from '../db/queries.ts';
import type { Database } from '../db/schema.ts';
import type { Offering, OfferingForm, OfferingListQuery } from './schemas.ts';

/** Offerings as the API returns them: codes with their names, links as ids and labels. Public. */
function selectOfferings(db: Kysely<Database>) {
  return db
    .selectFrom('offerings as f')
    .innerJoin('organisations as p', 'p.id', 'f.provider_id')
    .innerJoin('sun_levels as sl', 'sl.code', 'f.sun_level')
    .innerJoin('sun_fields as sf', 'sf.code', 'f.sun_field')
    .leftJoin('municipalities as m', 'm.code', 'f.municipality_code')
    .selectAll('f')
    .select([
      'p.name as provider_name',
      'sl.name_sv as sun_level_name',
      'sf.name_sv as sun_field_name',
      'm.short_name as municipality_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectOfferings>['executeTakeFirstOrThrow']>>;

// Conditions built apart from the query they go into.
const eb = expressionBuilder<Database, never>();

/** `text` holds `needle`, ASCII letters in any case (SQLite's lower() folds ASCII only, as LIKE does). */
function holds(text: Expression<string>, needle: string): Expression<SqlBool> {
  return eb(eb.fn<number>('instr', [eb.fn<string>('lower', [text]), eb.fn<string>('lower', [eb.val(needle)])]), '>', 0);
}

interface Links {
  occupations: Map<string, { id: string; label: string; ssyk: string | null }[]>;
  skills: Map<string, { id: string; label: string }[]>;
}

async function loadLinks(db: Kysely<Database>, ids: readonly string[]): Promise<Links> {
  const [occupations, skills] = await Promise.all([
    db
      .selectFrom('offering_occupations as oo')
      .innerJoin('occupations as o', 'o.id', 'oo.occupation_id')
      .select(['oo.offering_id', 'o.id', 'o.label_sv', 'o.ssyk_code'])
      .where('offering_id', 'in', jsonValues(ids))
      .orderBy('o.label_sv')
      .execute(),
    db
      .selectFrom('offering_skills as os')
      .innerJoin('skills as s', 's.id', 'os.skill_id')
      .select(['os.offering_id', 's.id', 's.label_sv'])
      .where('offering_id', 'in', jsonValues(ids))
      .orderBy('s.label_sv')
      .execute(),
  ]);
  const links: Links = { occupations: new Map(), skills: new Map() };
  for (const r of occupations) {
    const list = links.occupations.get(r.offering_id) ?? [];
    list.push({ id: r.id, label: r.label_sv, ssyk: r.ssyk_code });
    links.occupations.set(r.offering_id, list);
  }
  for (const r of skills) {
    const list = links.skills.get(r.offering_id) ?? [];
    list.push({ id: r.id, label: r.label_sv });
    links.skills.set(r.offering_id, list);
  }
  return links;
}

function toOffering(row: Row, links: Links): Offering {
  const occupations = links.occupations.get(row.id) ?? [];
  const skills = links.skills.get(row.id) ?? [];
  return {
    id: row.id,
    name: row.name,
    providerId: row.provider_id,
    providerName: row.provider_name,
    form: row.form as OfferingForm,
    sunLevel: row.sun_level,
    sunLevelName: row.sun_level_name,
    sunField: row.sun_field,
    sunFieldName: row.sun_field_name,
    occupationIds: occupations.map((o) => o.id),
    skillIds: skills.map((s) => s.id),
    occupations,
    skills,
    annualPlaces: row.annual_places,
    annualGraduates: row.annual_graduates,
    municipalityCode: row.municipality_code,
    municipalityName: row.municipality_name,
    distance: row.distance === 1,
    language: row.language as Offering['language'],
    pace: row.pace,
    startDates: parseDates(row.start_dates),
    url: row.url,
    description: row.description,
    isDemo: row.is_demo === 1,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function parseDates(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((d): d is string => typeof d === 'string') : [];
  } catch {
    return [];
  }
}

export async function findOffering(db: Kysely<Database>, id: string): Promise<Offering | undefined> {
  const row = await selectOfferings(db).where('f.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return toOffering(row, await loadLinks(db, [row.id]));
}

/** Offerings by name, provider, occupation, municipality and form; alphabetically, a page at a time. */
export async function listOfferings(
  db: Kysely<Database>,
  filter: Omit<OfferingListQuery, 'cursor'> & { offset: number; providerIds?: readonly string[] },
): Promise<{ items: Offering[]; nextOffset: number | null }> {
  let query = selectOfferings(db);
  const q = filter.q?.trim();
  if (q) {
    // Swedish letters are tried in lower and in upper case; SQL folds ASCII letters only.
    query = query.where((eb) =>
      eb.or([holds(eb.ref('f.name'), q.toLocaleLowerCase('sv')), holds(eb.ref('f.name'), q.toLocaleUpperCase('sv'))]),
    );
  }
  if (filter.provider) query = query.where('f.provider_id', '=', filter.provider);
  if (filter.providerIds) query = query.where('f.provider_id', 'in', [...filter.providerIds, '']);
  if (filter.municipality) query = query.where('f.municipality_code', '=', filter.municipality);
  if (filter.form) query = query.where('f.form', '=', filter.form);
  if (filter.occupation) {
    const occupation = filter.occupation;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('offering_occupations as x')
          .select('x.offering_id')
          .whereRef('x.offering_id', '=', 'f.id')
          .where('x.occupation_id', '=', occupation),
      ),
    );
  }
  const rows = await query
    .orderBy('f.name', (ob) => ob.collate('nocase'))
    .orderBy('f.id')
    .limit(filter.limit + 1)
    .offset(filter.offset)
    .execute();
  const page = rows.slice(0, filter.limit);
  const links = await loadLinks(
    db,
    page.map((r) => r.id),
  );
  return {
    items: page.map((r) => toOffering(r, links)),
    nextOffset: rows.length > filter.limit ? filter.offset + filter.limit : null,
  };
}

/** The education providers a person may register offerings for (provider role in a providing organisation). */
export async function providersFor(
  db: Kysely<Database>,
  who: { all: true } | { all: false; userId: string },
): Promise<{ id: string; name: string }[]> {
  let query = db.selectFrom('organisations as o').select(['o.id', 'o.name']).where('o.is_education_provider', '=', 1);
  if (!who.all) {
    const userId = who.userId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('memberships as m')
          .select('m.user_id')
          .whereRef('m.organisation_id', '=', 'o.id')
          .where('m.user_id', '=', userId)
          .where('m.role', '=', 'provider'),
      ),
    );
  }
  return query.orderBy('o.name', (ob) => ob.collate('nocase')).execute();
}
