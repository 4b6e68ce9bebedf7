import type { Kysely } from 'kysely';
import { DomainError } from '../../core/errors.ts';
import type { Database } from '../../db/schema.ts';
import type { DemandRound } from '../../demand/index.ts';
import {
  dimensionToken,
  findTable,
  type Publication,
  type PublishedEntry,
  parseCellId,
  readKinds,
} from '../../publication/index.ts';
import { ladderKinds } from './levels.ts';
import type { GapSource } from './types.ts';

/**
 * The gap's demand as cells of the round's publication (issue 16): the table `ssyk4-horizon` for
 * the whole region, `specialisation-ssyk4-horizon` filtered by one specialisation, and the coarser
 * cells of the same tables (SSYK 3, 2, 1 and all horizons) that a hidden row may fall back on.
 * Nothing here adds need lines up: every figure is a published cell, read by its id.
 */
export async function publishedGapSource(
  db: Kysely<Database>,
  round: DemandRound,
  publication: Publication,
  specialisation: string | null,
): Promise<GapSource> {
  const cells = await readKinds(db, publication, ladderKinds(specialisation !== null));
  const entries: GapSource['entries'] = [];
  const selected = new Map<string, PublishedEntry>();
  for (const [id, entry] of cells) {
    const key = parseCellId(id);
    if (specialisation !== null && key.specialisation !== specialisation) continue;
    selected.set(id, entry);
    const occupation = key['occupation@4'];
    if (occupation === undefined || key.horizon === undefined) continue;
    entries.push({
      occupation,
      horizon: key.horizon,
      headcount: entry.headcount,
      suppressed: entry.suppressed,
      reason: entry.reason,
    });
  }
  return {
    round,
    protected: true,
    publication: { version: publication.version, publishedAt: publication.publishedAt },
    specialisation,
    focusArea: null,
    entries,
    cells: selected,
  };
}

/**
 * A focus area is published by horizon only (`focus-area-horizon`), never crossed with occupation:
 * a gap for one would be a new total. Refused with the nearest table that holds occupations, the
 * specialisation's, and the specialisation the focus area belongs to (null for an unknown code).
 */
export async function focusAreaNotPublished(db: Kysely<Database>, focusArea: string): Promise<DomainError> {
  const row = await db
    .selectFrom('focus_areas')
    .select('specialisation_code')
    .where('code', '=', focusArea)
    .executeTakeFirst();
  const nearest = findTable('specialisation-ssyk4-horizon');
  return new DomainError('invalid', 'education.gaps.focusAreaNotPublished', {
    field: 'focusArea',
    messageParams: { nearest: 'publication.table.specialisation-ssyk4-horizon' },
    extra: {
      nearestTable: nearest ? { id: nearest.id, dimensions: nearest.dimensions.map(dimensionToken) } : null,
      specialisation: row?.specialisation_code ?? null,
    },
  });
}
