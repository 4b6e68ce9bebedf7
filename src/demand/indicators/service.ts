import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Dimension } from '../dimensions.ts';
import { type DemandRound, resolveRound } from '../rounds.ts';
import { requirePublication } from '../service.ts';
import { indicatorScope, type PublishedIndicators, publishedIndicators } from './published.ts';

/** A round's recruitment difficulty and strategies: cells of its publication, for everyone. */
export async function demandIndicators(
  db: Kysely<Database>,
  input: { round?: string | undefined; filters: Partial<Record<Dimension, string[]>> },
): Promise<PublishedIndicators & { round: DemandRound; publication: { version: number; publishedAt: string } }> {
  const specialisation = indicatorScope(input.filters);
  const round = await resolveRound(db, input.round);
  const publication = await requirePublication(db, round);
  return {
    round,
    publication: { version: publication.version, publishedAt: publication.publishedAt },
    ...(await publishedIndicators(db, publication, specialisation)),
  };
}
