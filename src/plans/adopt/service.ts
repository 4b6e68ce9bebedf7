import type { Kysely } from 'kysely';
import { DomainError } from '../../core/errors.ts';
import type { Database } from '../../db/schema.ts';
import { placeholderSections } from '../placeholders.ts';
import { countReviewerComments, type Plan } from '../queries.ts';
import type { SectionKey } from '../sections.ts';

/**
 * What stands between a plan and its adoption (issue 16): adopting publishes the plan to everyone,
 * so it asks for an explicit confirmation, and it is refused while template placeholder text
 * remains or while no review has happened. A review has happened when an invited reviewer has
 * commented on the plan (the transition itself already requires the plan to have been sent for
 * review); without one, the secretariat may adopt only by recording why the review was skipped.
 */
export interface AdoptionState {
  placeholderSections: SectionKey[];
  reviewerComments: number;
}

export async function adoptionState(db: Kysely<Database>, plan: Plan): Promise<AdoptionState> {
  return {
    placeholderSections: placeholderSections(plan.sections),
    reviewerComments: await countReviewerComments(db, plan.id),
  };
}

export interface AdoptionInput {
  confirm?: boolean | undefined;
  reviewSkippedReason?: string | undefined;
}

/**
 * Throws the first reason the plan cannot be adopted: placeholder text (409), no review and no
 * reason for skipping it (409), no confirmation (422). Returns the reason to record, if any.
 */
export function requireAdoptable(state: AdoptionState, input: AdoptionInput): { reviewSkippedReason: string | null } {
  if (state.placeholderSections.length > 0) {
    throw new DomainError('conflict', 'plans.error.placeholders', {
      field: 'sections',
      params: { sections: state.placeholderSections.join(', ') },
      extra: { placeholderSections: state.placeholderSections },
    });
  }
  const reason = input.reviewSkippedReason?.trim() || null;
  if (state.reviewerComments === 0 && reason === null) {
    throw new DomainError('conflict', 'plans.error.notReviewed', {
      field: 'reviewSkippedReason',
      extra: { reviewerComments: 0 },
    });
  }
  if (input.confirm !== true) throw new DomainError('invalid', 'plans.error.confirm', { field: 'confirm' });
  return { reviewSkippedReason: state.reviewerComments === 0 ? reason : null };
}
