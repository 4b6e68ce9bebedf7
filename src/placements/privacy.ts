import type { CompiledQuery, Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { findProfile } from './students/service.ts';

/**
 * The placements' part of a person's data: what the export shows (GDPR art. 15 and 20) and what
 * erasure removes; src/privacy composes it with the other features' parts. An erased student's
 * applications stay for the organisation's record of its placements, without message; the name and
 * address were already replaced on the user row, and every view then says "Erased student"
 * (src/placements/applications/service.ts).
 */
export async function exportPlacementData(db: Kysely<Database>, userId: string) {
  const [profile, applications, followUps] = await Promise.all([
    findProfile(db, userId),
    db
      .selectFrom('applications as a')
      .innerJoin('placements as p', 'p.id', 'a.placement_id')
      .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
      .select(['a.id', 'p.title', 'o.name as organisation', 'a.status', 'a.message', 'a.created_at', 'a.updated_at'])
      .where('a.student_id', '=', userId)
      .orderBy('a.created_at')
      .execute(),
    db
      .selectFrom('follow_ups as f')
      .innerJoin('applications as a', 'a.id', 'f.application_id')
      .select(['f.months', 'f.answered_at', 'f.hired', 'f.stayed_in_region'])
      .where('a.student_id', '=', userId)
      .where('f.side', '=', 'student')
      .execute(),
  ]);
  return {
    studentProfile: profile ?? null,
    applications: applications.map((a) => ({
      id: a.id,
      placement: a.title,
      organisation: a.organisation,
      status: a.status,
      message: a.message,
      createdAt: a.created_at,
      updatedAt: a.updated_at,
    })),
    followUps: followUps.map((f) => ({
      months: f.months,
      answeredAt: f.answered_at,
      hired: f.hired === null ? null : f.hired === 1,
      stayedInRegion: f.stayed_in_region === null ? null : f.stayed_in_region === 1,
    })),
  };
}

/** Statements for the erasure batch (src/privacy/service.ts eraseAccount). */
export function erasePlacementData(db: Kysely<Database>, userId: string): CompiledQuery[] {
  return [
    db.deleteFrom('student_profiles').where('user_id', '=', userId).compile(),
    db.deleteFrom('recommendation_cache').where('user_id', '=', userId).compile(),
    db.updateTable('applications').set({ message: '' }).where('student_id', '=', userId).compile(),
  ];
}
