import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Consent, Purpose, SharedProfile } from './schemas.ts';

/** Reads of partners' profiles and consents (recruitment owns partner_profiles and partner_consents). */

export interface ProfileRow {
  id: string;
  userId: string;
  occupationIds: string[];
  skillIds: string[];
  languages: string[];
  earliestStart: string | null;
  kommuner: string[];
  workModes: string[];
  about: string;
  version: number;
  updatedAt: string;
}

const list = (json: string): string[] => JSON.parse(json) as string[];

/** A stored profile as the table holds it (db/schema.ts). */
type Row = Pick<
  Selectable<Database['partner_profiles']>,
  | 'id'
  | 'user_id'
  | 'occupation_ids'
  | 'skill_ids'
  | 'languages'
  | 'earliest_start'
  | 'kommuner'
  | 'work_modes'
  | 'about'
  | 'version'
  | 'updated_at'
>;

function toProfileRow(r: Row): ProfileRow {
  return {
    id: r.id,
    userId: r.user_id,
    occupationIds: list(r.occupation_ids),
    skillIds: list(r.skill_ids),
    languages: list(r.languages),
    earliestStart: r.earliest_start,
    kommuner: list(r.kommuner),
    workModes: list(r.work_modes),
    about: r.about,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

export async function findProfileOf(db: Kysely<Database>, userId: string): Promise<ProfileRow | undefined> {
  const row = await db.selectFrom('partner_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return row ? toProfileRow(row) : undefined;
}

export async function listConsents(db: Kysely<Database>, profileId: string, now: string): Promise<Consent[]> {
  const rows = await db
    .selectFrom('partner_consents as c')
    .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
    .selectAll('c')
    .select('o.name as organisation_name')
    .where('c.profile_id', '=', profileId)
    .orderBy('c.given_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    recipient: r.recipient as Consent['recipient'],
    organisation: r.organisation_id ? { id: r.organisation_id, name: r.organisation_name ?? '' } : null,
    purpose: r.purpose as Purpose,
    months: r.months,
    givenAt: r.given_at,
    expiresAt: r.expires_at,
    withdrawnAt: r.withdrawn_at,
    valid: r.withdrawn_at === null && r.expires_at > now,
  }));
}

/**
 * The profiles that `organisationId` may see for `purpose` at `now`: those with a consent, not
 * withdrawn and not expired, that names the organisation, or names the network while the
 * organisation is a member of it. The one rule every read goes through (the organisation's list,
 * one profile, the CSV export) and what matching reads (decision 0030). A profile several
 * consents name appears once, with the latest expiry.
 */
export async function profilesVisibleTo(
  db: Kysely<Database>,
  organisationId: string,
  purpose: Purpose,
  now: string,
  profileId?: string,
): Promise<(ProfileRow & { purpose: Purpose; sharedUntil: string })[]> {
  const rows = await db
    .selectFrom('partner_profiles as p')
    .innerJoin('partner_consents as c', 'c.profile_id', 'p.id')
    .selectAll('p')
    .select((eb) => eb.fn.max('c.expires_at').as('shared_until'))
    .where('c.purpose', '=', purpose)
    .where('c.withdrawn_at', 'is', null)
    .where('c.expires_at', '>', now)
    .where((eb) =>
      eb.or([
        eb('c.organisation_id', '=', organisationId),
        eb.and([
          eb('c.recipient', '=', 'network'),
          eb.exists(
            eb
              .selectFrom('network_members as m')
              .select('m.id')
              .where('m.organisation_id', '=', organisationId)
              .where('m.left_at', 'is', null),
          ),
        ]),
      ]),
    )
    .$if(profileId !== undefined, (q) => q.where('p.id', '=', profileId ?? ''))
    .groupBy('p.id')
    .orderBy('p.updated_at', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({ ...toProfileRow(r), purpose, sharedUntil: String(r.shared_until) }));
}

/** Reference names for a profile's codes: occupations and skills (Swedish labels), kommuner. */
export async function referenceNames(db: Kysely<Database>, profiles: readonly ProfileRow[]) {
  const occupationIds = [...new Set(profiles.flatMap((p) => p.occupationIds))];
  const skillIds = [...new Set(profiles.flatMap((p) => p.skillIds))];
  const kommunCodes = [...new Set(profiles.flatMap((p) => p.kommuner))];
  const [occupations, skills, kommuner] = await Promise.all([
    occupationIds.length
      ? db.selectFrom('occupations').select(['id', 'label_sv']).where('id', 'in', occupationIds).execute()
      : [],
    skillIds.length ? db.selectFrom('skills').select(['id', 'label_sv']).where('id', 'in', skillIds).execute() : [],
    kommunCodes.length
      ? db.selectFrom('municipalities').select(['code', 'name']).where('code', 'in', kommunCodes).execute()
      : [],
  ]);
  return {
    occupation: new Map(occupations.map((o) => [o.id, o.label_sv])),
    skill: new Map(skills.map((s) => [s.id, s.label_sv])),
    kommun: new Map(kommuner.map((k) => [k.code, k.name])),
  };
}

export type Names = Awaited<ReturnType<typeof referenceNames>>;

/** The profile's body with its reference names, as both the partner and an organisation see it. */
export function presentBody(p: ProfileRow, names: Names) {
  return {
    id: p.id,
    occupations: p.occupationIds.map((id) => ({ id, labelSv: names.occupation.get(id) ?? id })),
    skills: p.skillIds.map((id) => ({ id, labelSv: names.skill.get(id) ?? id })),
    languages: p.languages,
    earliestStart: p.earliestStart,
    kommuner: p.kommuner.map((code) => ({ code, name: names.kommun.get(code) ?? code })),
    workModes: p.workModes as SharedProfile['workModes'],
    about: p.about,
  };
}

/** The kommuner a profile may name, grouped by county (the region's county first, as REACHABLE_COUNTIES lists them). */
export async function listReachableKommuner(
  db: Kysely<Database>,
  counties: readonly string[],
): Promise<{ code: string; name: string; kommuner: { code: string; name: string }[] }[]> {
  const rows = await db
    .selectFrom('municipalities as m')
    .innerJoin('counties as c', 'c.code', 'm.county_code')
    .select(['m.code', 'm.short_name', 'm.county_code', 'c.name as county'])
    .where('m.county_code', 'in', [...counties])
    .orderBy('m.short_name')
    .execute();
  return counties.map((code) => ({
    code,
    name: rows.find((r) => r.county_code === code)?.county ?? code,
    kommuner: rows.filter((r) => r.county_code === code).map((r) => ({ code: r.code, name: r.short_name })),
  }));
}

/**
 * The organisations a partner may name in a consent: the current members of the network and the
 * organisations of the partner's own move cases (decision 0030), by name.
 */
export async function listConsentRecipients(
  db: Kysely<Database>,
  partnerEmail: string,
): Promise<{ id: string; name: string }[]> {
  const rows = await db
    .selectFrom('organisations as o')
    .select(['o.id', 'o.name'])
    .where((w) =>
      w.or([
        w('o.id', 'in', w.selectFrom('network_members').select('organisation_id').where('left_at', 'is', null)),
        w(
          'o.id',
          'in',
          w
            .selectFrom('move_cases as c')
            .innerJoin('move_case_people as p', 'p.case_id', 'c.id')
            .select('c.organisation_id')
            .where('p.person', '=', 'partner')
            .where('p.email', '=', partnerEmail),
        ),
      ]),
    )
    .orderBy('o.name')
    .execute();
  return rows;
}
