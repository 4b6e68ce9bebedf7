import type { Expression, ExpressionBuilder, Kysely, Selectable, SqlBool } from 'kysely';
import type { Principal } from '../core/principal.ts';
import type { Database } from '../db/schema.ts';
import type { ReferenceSets, Sector, SizeClass } from './schemas.ts';

export interface Organisation {
  id: string;
  name: string;
  orgNumber: string;
  sector: Sector;
  sniDivision: string | null;
  sizeClass: SizeClass;
  municipalityCode: string;
  municipalityName: string;
  isEducationProvider: boolean;
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * Whose organisations a caller may see: the secretariat and API tokens (which reach these routes
 * only with a scope) see all; a person sees those they are a member of. Applied in every query.
 */
export type Viewer = { all: true } | { all: false; userId: string };

export function viewerOf(principal: Principal | null): Viewer {
  if (!principal) return { all: false, userId: '' };
  if (principal.kind === 'token' || principal.roles.includes('secretariat')) return { all: true };
  return { all: false, userId: principal.userId };
}

type OrgExpressions = ExpressionBuilder<Database & { o: Database['organisations'] }, 'o'>;

function visibleTo(viewer: Viewer) {
  return (eb: OrgExpressions): Expression<SqlBool> =>
    viewer.all
      ? eb.lit(true)
      : eb.exists(
          eb
            .selectFrom('memberships as vm')
            .select('vm.user_id')
            .whereRef('vm.organisation_id', '=', 'o.id')
            .where('vm.user_id', '=', viewer.userId),
        );
}

function selectOrganisations(db: Kysely<Database>) {
  return db
    .selectFrom('organisations as o')
    .innerJoin('municipalities as m', 'm.code', 'o.municipality_code')
    .selectAll('o')
    .select('m.short_name as municipality_name');
}

type Row = Selectable<Database['organisations']> & { municipality_name: string };

function toOrganisation(row: Row): Organisation {
  return {
    id: row.id,
    name: row.name,
    orgNumber: row.org_number,
    sector: row.sector as Sector,
    sniDivision: row.sni_division,
    sizeClass: row.size_class as SizeClass,
    municipalityCode: row.municipality_code,
    municipalityName: row.municipality_name,
    isEducationProvider: row.is_education_provider === 1,
    isDemo: row.is_demo === 1,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findOrganisation(
  db: Kysely<Database>,
  id: string,
  viewer: Viewer,
): Promise<Organisation | undefined> {
  const row = await selectOrganisations(db).where('o.id', '=', id).where(visibleTo(viewer)).executeTakeFirst();
  return row && toOrganisation(row);
}

export interface OrganisationFilter {
  q?: string | undefined;
  municipality?: string | undefined;
  sector?: Sector | undefined;
  limit: number;
  offset: number;
}

/** Organisations by name or org-number prefix, municipality and sector, alphabetically. */
export async function listOrganisations(
  db: Kysely<Database>,
  filter: OrganisationFilter,
  viewer: Viewer,
): Promise<{ items: Organisation[]; nextOffset: number | null }> {
  let query = selectOrganisations(db).where(visibleTo(viewer));
  const q = filter.q?.trim();
  if (q) {
    const escaped = q.replace(/[\\%_]/g, (ch) => `\\${ch}`);
    // SQLite's LIKE folds ASCII case only; the lower- and upper-cased needle cover å, ä and ö.
    // like(pattern, text, escape) is `text LIKE pattern ESCAPE escape`, which the builder has no clause for.
    query = query.where((eb) => {
      const nameLike = (pattern: string) => eb.fn<SqlBool>('like', [eb.val(pattern), 'o.name', eb.val('\\')]);
      return eb.or([
        nameLike(`%${escaped.toLocaleLowerCase('sv')}%`),
        nameLike(`%${escaped.toLocaleUpperCase('sv')}%`),
        eb('o.org_number', 'like', `${escaped.replace(/^(\d{6})(\d)/, '$1-$2')}%`),
      ]);
    });
  }
  if (filter.municipality) query = query.where('o.municipality_code', '=', filter.municipality);
  if (filter.sector) query = query.where('o.sector', '=', filter.sector);
  const rows = await query
    .orderBy('o.name', (ob) => ob.collate('nocase'))
    .orderBy('o.id')
    .limit(filter.limit + 1)
    .offset(filter.offset)
    .execute();
  const more = rows.length > filter.limit;
  return {
    items: rows.slice(0, filter.limit).map(toOrganisation),
    nextOffset: more ? filter.offset + filter.limit : null,
  };
}

/**
 * Which of these org numbers are already stored, with the holder's name: one query however many
 * there are (a JSON array through json_each; D1 binds at most 100 parameters).
 */
export async function findStoredOrgNumbers(
  db: Kysely<Database>,
  orgNumbers: readonly string[],
): Promise<Map<string, string>> {
  if (orgNumbers.length === 0) return new Map();
  const rows = await db
    .selectFrom('organisations')
    .select(['org_number', 'name'])
    .where((eb) =>
      eb(
        'org_number',
        'in',
        eb
          .selectFrom(eb.fn<{ value: string }>('json_each', [eb.val(JSON.stringify(orgNumbers))]).as('j'))
          .select('j.value'),
      ),
    )
    .execute();
  return new Map(rows.map((row) => [row.org_number, row.name]));
}

export interface SniDivision {
  code: string;
  name: string;
}

/** The SNI 2007 divisions (two-digit codes) for choosing an organisation's industry. */
export async function listSniDivisions(db: Kysely<Database>): Promise<SniDivision[]> {
  const rows = await db
    .selectFrom('sni')
    .select(['code', 'name_sv'])
    .where('level', '=', 'division')
    .orderBy('code')
    .execute();
  return rows.map((row) => ({ code: row.code, name: row.name_sv }));
}

/**
 * The codes an organisation may refer to. Reference data changes only when it is reloaded, so
 * checking against it before a write is not a race; the foreign keys stand behind it anyway.
 */
export async function loadReferenceSets(db: Kysely<Database>): Promise<ReferenceSets> {
  const [divisions, municipalities] = await Promise.all([
    db.selectFrom('sni').select('code').where('level', '=', 'division').execute(),
    db.selectFrom('municipalities').select('code').execute(),
  ]);
  return {
    sniDivisions: new Set(divisions.map((row) => row.code)),
    municipalities: new Set(municipalities.map((row) => row.code)),
  };
}

/** Names, sectors and kommuner of organisations by id (other features name organisations with it). */
export async function organisationsOf(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, { name: string; sector: string; kommun: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'sector', 'municipality_code'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, sector: r.sector, kommun: r.municipality_code }]));
}
