import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** A public, open placement in the few words a notice needs. */
export interface OpenPlacementNotice {
  id: string;
  title: string;
  kind: string;
  organisationName: string;
  ssyk: string | null;
  occupationId: string;
  applyBy: string;
}

/**
 * Open placements (listed publicly, deadline not passed) for occupations or their SSYK groups, for
 * features that tell people of new openings (the returner pool's digest, src/recruitment/returners).
 * Reads by the placements_occupation index and the occupation's SSYK code.
 */
export async function listOpenPlacementsFor(
  db: Kysely<Database>,
  filter: { occupationIds: readonly string[]; ssykCodes: readonly string[]; today: string },
): Promise<OpenPlacementNotice[]> {
  if (filter.occupationIds.length === 0 && filter.ssykCodes.length === 0) return [];
  const rows = await db
    .selectFrom('placements as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .innerJoin('occupations as oc', 'oc.id', 'p.occupation_id')
    .select([
      'p.id',
      'p.title',
      'p.kind',
      'o.name as organisationName',
      'oc.ssyk_code',
      'p.occupation_id',
      'p.apply_by',
    ])
    .where('p.status', '=', 'open')
    .where('p.apply_by', '>=', filter.today)
    .where((eb) =>
      eb.or([
        ...(filter.occupationIds.length ? [eb('p.occupation_id', 'in', [...filter.occupationIds])] : []),
        ...(filter.ssykCodes.length ? [eb('oc.ssyk_code', 'in', [...filter.ssykCodes])] : []),
      ]),
    )
    .orderBy('p.apply_by')
    .orderBy('p.id')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    organisationName: r.organisationName,
    ssyk: r.ssyk_code,
    occupationId: r.occupation_id,
    applyBy: r.apply_by,
  }));
}
