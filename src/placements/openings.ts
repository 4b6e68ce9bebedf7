import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { openAt } from './queries.ts';

/** An open placement as recruitment's matching reads it: public facts of a public listing. */
export interface PlacementOpening {
  id: string;
  organisationId: string;
  kind: string;
  title: string;
  occupationId: string;
  municipalityCode: string;
  remote: boolean;
  periodStart: string;
  applyBy: string;
}

/**
 * Open placements of `kinds` (status open, the deadline not passed at `today`) in the given
 * organisations, or in all when `organisationIds` is undefined: what a partner or a household may
 * be matched to besides need lines (src/recruitment/matching). Soonest deadline first.
 */
export async function listOpenPlacementOpenings(
  db: Kysely<Database>,
  input: { kinds: readonly string[]; today: string; organisationIds?: readonly string[] },
): Promise<PlacementOpening[]> {
  if (input.organisationIds?.length === 0 || input.kinds.length === 0) return [];
  const rows = await db
    .selectFrom('placements as p')
    .select([
      'p.id',
      'p.organisation_id',
      'p.kind',
      'p.title',
      'p.occupation_id',
      'p.municipality_code',
      'p.remote',
      'p.period_start',
      'p.apply_by',
    ])
    .where(openAt(input.today))
    .where('p.kind', 'in', [...input.kinds])
    .$if(input.organisationIds !== undefined, (q) =>
      q.where('p.organisation_id', 'in', [...(input.organisationIds ?? [])]),
    )
    .orderBy('p.apply_by')
    .orderBy('p.id')
    .limit(2000)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    kind: r.kind,
    title: r.title,
    occupationId: r.occupation_id,
    municipalityCode: r.municipality_code,
    remote: r.remote === 1,
    periodStart: r.period_start,
    applyBy: r.apply_by,
  }));
}
