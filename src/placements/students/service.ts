import type { Kysely, Selectable } from 'kysely';
import { DomainError } from '../../core/errors.ts';
import type { SignInLandingHook } from '../../core/hooks.ts';
import type { Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { requireReferences } from '../references.ts';
import type { ProfileInput, SpecialisationChoice } from '../schemas.ts';

/** A student's profile as the API shows it (shared/API.md: GET|PUT /api/v1/students/me/profile). */
export interface StudentProfile {
  programme: string;
  institution: string;
  level: string | null;
  expectedGraduation: string | null;
  skillIds: string[];
  occupationIds: string[];
  specialisations: SpecialisationChoice[];
  municipalityCodes: string[];
  remoteOk: boolean;
  languages: string[];
  visibility: 'hidden' | 'applications' | 'organisations';
  version: number;
}

export const EMPTY_PROFILE: StudentProfile = {
  programme: '',
  institution: '',
  level: null,
  expectedGraduation: null,
  skillIds: [],
  occupationIds: [],
  specialisations: [],
  municipalityCodes: [],
  remoteOk: false,
  languages: ['sv'],
  visibility: 'hidden',
  version: 0,
};

export function toProfile(row: Selectable<Database['student_profiles']>): StudentProfile {
  return {
    programme: row.programme,
    institution: row.institution,
    level: row.sun_level,
    expectedGraduation: row.expected_graduation,
    skillIds: JSON.parse(row.skill_ids) as string[],
    occupationIds: JSON.parse(row.occupation_ids) as string[],
    specialisations: JSON.parse(row.specialisations) as SpecialisationChoice[],
    municipalityCodes: JSON.parse(row.municipality_codes) as string[],
    remoteOk: row.remote_ok === 1,
    languages: JSON.parse(row.languages) as string[],
    visibility: row.visibility as StudentProfile['visibility'],
    version: row.version,
  };
}

export async function findProfile(db: Kysely<Database>, userId: string): Promise<StudentProfile | undefined> {
  const row = await db.selectFrom('student_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return row ? toProfile(row) : undefined;
}

/** The profile form, where a student starts. */
export const PROFILE_PATH = '/students/profile';

/**
 * A student who has never saved a profile starts on the profile form when signing in (issue 18):
 * without one there is nothing to rank placements by. Identity asks through `deps.hooks`.
 */
export const profileFirstLanding: SignInLandingHook = {
  async landing(deps, { userId, roles }) {
    if (!roles.includes('student')) return null;
    const saved = await deps.db
      .selectFrom('student_profiles')
      .select('user_id')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return saved ? null : PROFILE_PATH;
  },
};

/**
 * One upsert. With `version`, only that version is overwritten (0: only if there is none yet);
 * a stale version is a 409 and nothing changes. Without it, the last write wins.
 */
export async function saveProfile(scope: Scope, userId: string, input: ProfileInput): Promise<StudentProfile> {
  const { db } = scope.deps;
  await requireReferences(db, {
    skillIds: input.skillIds,
    occupationIds: input.occupationIds,
    specialisations: input.specialisations,
    municipalityCodes: input.municipalityCodes,
    level: input.level,
  });
  const values = {
    user_id: userId,
    programme: input.programme,
    institution: input.institution,
    sun_level: input.level,
    expected_graduation: input.expectedGraduation,
    remote_ok: input.remoteOk ? 1 : 0,
    languages: JSON.stringify([...new Set(input.languages)]),
    visibility: input.visibility,
    skill_ids: JSON.stringify([...new Set(input.skillIds)].sort()),
    occupation_ids: JSON.stringify([...new Set(input.occupationIds)].sort()),
    specialisations: JSON.stringify(input.specialisations),
    municipality_codes: JSON.stringify([...new Set(input.municipalityCodes)].sort()),
    version: 1,
    updated_at: scope.now.toISOString(),
  };
  const result = await db
    .insertInto('student_profiles')
    .values(values)
    .onConflict((oc) => {
      const update = oc
        .column('user_id')
        .doUpdateSet((eb) => ({ ...values, version: eb('student_profiles.version', '+', 1) }));
      return input.version === undefined ? update : update.where('student_profiles.version', '=', input.version);
    })
    .executeTakeFirst();
  const saved = await findProfile(db, userId);
  if (!saved || result.numInsertedOrUpdatedRows === 0n) {
    // Not StaleVersion: this refusal names no field (the profile form shows it above the form).
    throw new DomainError('conflict', 'placement.error.stale.detail', {
      titleKey: 'placement.error.stale.title',
      params: { yours: input.version ?? 0, current: saved?.version ?? 0 },
    });
  }
  return saved;
}
