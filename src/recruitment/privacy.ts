import type { CompiledQuery, Kysely } from 'kysely';
import type { UserPrincipal } from '../core/principal.ts';
import type { Database } from '../db/schema.ts';
import { eraseMoveCaseData, exportMoveCaseData } from './move-cases/privacy.ts';

/**
 * Recruitment's part of a person's data, composed from its sub-features for src/privacy: the move
 * cases the person is the household of (recruit or partner).
 */
export function eraseRecruitmentData(db: Kysely<Database>, principal: UserPrincipal, at: Date): CompiledQuery[] {
  return eraseMoveCaseData(db, principal, at);
}

export const exportRecruitmentData = exportMoveCaseData;
