import type { CompiledQuery, Kysely } from 'kysely';
import type { UserPrincipal } from '../core/principal.ts';
import type { Database } from '../db/schema.ts';
import { exportTips } from './matching/inform-tips.ts';
import { exportToldOpenings } from './matching/queries.ts';
import { eraseMoveCaseData, exportMoveCaseData } from './move-cases/privacy.ts';
import { erasePartnerQueries } from './partners/privacy.ts';
import { ownProfile } from './partners/service.ts';

/**
 * Recruitment's part of a person's data, composed from its sub-features for src/privacy: the move
 * cases the person is the household of (recruit or partner), and the partner's profile with its
 * consents, access log and what organisations told the partner of (decisions 0030, 0031).
 */
export function eraseRecruitmentData(db: Kysely<Database>, principal: UserPrincipal, at: Date): CompiledQuery[] {
  return [...erasePartnerQueries(db, principal.userId), ...eraseMoveCaseData(db, principal, at)];
}

export const exportRecruitmentData = exportMoveCaseData;

/** The partner's profile as the partner sees it, for the export (null: none). */
export async function exportPartnerProfile(db: Kysely<Database>, principal: UserPrincipal, now: Date) {
  const profile = await ownProfile(db, principal.userId, now);
  if (!profile) return null;
  // What organisations told the person of, and what the weekly digests named (decision 0031).
  return { ...profile, tips: await exportTips(db, profile.id), digested: await exportToldOpenings(db, profile.id) };
}
