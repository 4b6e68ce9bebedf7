import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { openAt } from './queries.ts';

/** An open placement as recruitment reads it: public facts of a public listing. */
export interface PlacementOpening {
  id: string;
  organisationId: string;
  organisationName: string;
  kind: string;
  title: string;
  occupationId: string;
  /** The occupation's SSYK 4 code, where the taxonomy has one. */
  ssyk: string | null;
  municipalityCode: string;
  remote: boolean;
  periodStart: string;
  applyBy: string;
}

export interface PlacementOpeningQuery {
  today: string;
  /** Only these kinds (all kinds when undefined). */
  kinds?: readonly string[];
  /** Only these organisations' placements (all organisations when undefined). */
  organisationIds?: readonly string[];
  /** Only placements for one of these occupations or in one of these SSYK 4 groups. */
  occupations?: { occupationIds: readonly string[]; ssykCodes: readonly string[] };
  /** At most this many (default 2000). */
  limit?: number;
}

/**
 * Open placements (status open, the deadline not passed at `today`), soonest deadline first: what
 * a partner or a household may be matched to besides need lines (src/recruitment/matching), and
 * what a returner is told of in the digest (src/recruitment/returners). Reads by the
 * placements_occupation index when occupations are given.
 */
export async function listOpenPlacementOpenings(
  db: Kysely<Database>,
  input: PlacementOpeningQuery,
): Promise<PlacementOpening[]> {
  const { occupations } = input;
  if (input.organisationIds?.length === 0 || input.kinds?.length === 0) return [];
  if (occupations && occupations.occupationIds.length === 0 && occupations.ssykCodes.length === 0) return [];
  const rows = await db
    .selectFrom('placements as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .leftJoin('occupations as oc', 'oc.id', 'p.occupation_id')
    .select([
      'p.id',
      'p.organisation_id',
      'o.name as organisation_name',
      'p.kind',
      'p.title',
      'p.occupation_id',
      'oc.ssyk_code',
      'p.municipality_code',
      'p.remote',
      'p.period_start',
      'p.apply_by',
    ])
    .where(openAt(input.today))
    .$if(input.kinds !== undefined, (q) => q.where('p.kind', 'in', [...(input.kinds ?? [])]))
    .$if(input.organisationIds !== undefined, (q) =>
      q.where('p.organisation_id', 'in', [...(input.organisationIds ?? [])]),
    )
    .$if(occupations !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          ...(occupations?.occupationIds.length ? [eb('p.occupation_id', 'in', [...occupations.occupationIds])] : []),
          ...(occupations?.ssykCodes.length ? [eb('oc.ssyk_code', 'in', [...occupations.ssykCodes])] : []),
        ]),
      ),
    )
    .orderBy('p.apply_by')
    .orderBy('p.id')
    .limit(input.limit ?? 2000)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    kind: r.kind,
    title: r.title,
    occupationId: r.occupation_id,
    ssyk: r.ssyk_code,
    municipalityCode: r.municipality_code,
    remote: r.remote === 1,
    periodStart: r.period_start,
    applyBy: r.apply_by,
  }));
}
