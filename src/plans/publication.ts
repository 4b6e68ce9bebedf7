import type { Kysely } from 'kysely';
import { DomainError } from '../core/errors.ts';
import type { Database } from '../db/schema.ts';
import { type Publication, publicationState } from '../publication/index.ts';

/**
 * The publication a plan is drawn from: a closed round's, once computed. A plan's figures are its
 * cells, so without one there is no plan to draw yet (the round's figures are still being
 * protected, or their computation failed and the secretariat must start it again).
 */
export async function roundPublication(db: Kysely<Database>, roundId: string): Promise<Publication> {
  const state = await publicationState(db, roundId);
  if (state.state === 'published') return state.publication;
  if (state.state === 'computing') {
    throw new DomainError('conflict', 'plans.error.publishing', {
      field: 'roundId',
      params: { progress: Math.round(state.progress * 100) },
      headers: { 'Retry-After': '60' },
    });
  }
  throw new DomainError('conflict', 'plans.error.notPublished', { field: 'roundId' });
}
