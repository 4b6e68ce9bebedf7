import { expressionBuilder, type Kysely } from 'kysely';
import { auditIfIn, auditIn, listTargetEntries } from '../../audit/index.ts';
import { DomainError, Invalid, NotFound, StaleVersion } from '../../core/errors.ts';
import { actingUser, type Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { refreshNotices } from '../matching/run.ts';
import { erasePartnerQueries } from './privacy.ts';
import { findProfileOf, listConsents, presentBody, profilesVisibleTo, referenceNames } from './queries.ts';
import {
  type ConsentCreate,
  type OwnProfile,
  type PartnerProfileInput,
  PURPOSES,
  type Purpose,
  REACHABLE_COUNTIES,
  type SharedProfile,
} from './schemas.ts';

/**
 * The partner's profile, held by the partner (decision 0030): hidden until the partner shares it
 * with a named organisation or the network, for one purpose, for 6 or 12 months; every read by an
 * organisation checks that consent here, is logged, and is shown to the partner.
 */

const eb = expressionBuilder<Database>();

/** Only a partner of a move case who has accepted the case holds a profile. */
async function requirePartner(scope: Scope) {
  const user = actingUser(scope);
  const row = await scope.deps.db
    .selectFrom('move_case_people')
    .select('case_id')
    .where('person', '=', 'partner')
    .where('email', '=', user.email)
    .where('accepted_at', 'is not', null)
    .executeTakeFirst();
  if (!row) throw new DomainError('forbidden', 'partnerProfile.error.notPartner');
  return user;
}

/** Whether the signed-in person may hold a profile (the profile page says so before the form). */
export async function mayHoldProfile(scope: Scope): Promise<boolean> {
  try {
    await requirePartner(scope);
    return true;
  } catch (err) {
    if (err instanceof DomainError) return false;
    throw err;
  }
}

async function requireReferences(db: Kysely<Database>, input: PartnerProfileInput): Promise<void> {
  const unique = (xs: readonly string[]) => [...new Set(xs)];
  const occupations = unique(input.occupationIds);
  const found = await db.selectFrom('occupations').select('id').where('id', 'in', occupations).execute();
  if (found.length !== occupations.length) throw new Invalid('occupationIds', 'partnerProfile.validation.occupations');
  const skills = unique(input.skillIds);
  if (skills.length) {
    const known = await db.selectFrom('skills').select('id').where('id', 'in', skills).execute();
    if (known.length !== skills.length) throw new Invalid('skillIds', 'partnerProfile.validation.skills');
  }
  const kommuner = unique(input.kommuner);
  const reachable = await db
    .selectFrom('municipalities')
    .select('code')
    .where('code', 'in', kommuner)
    .where('county_code', 'in', [...REACHABLE_COUNTIES])
    .execute();
  if (reachable.length !== kommuner.length) throw new Invalid('kommuner', 'partnerProfile.validation.kommuner');
}

/** Who has seen the profile, for which purpose (the partner's access log), newest first. */
async function accessLog(db: Kysely<Database>, profileId: string): Promise<OwnProfile['accessLog']> {
  const entries = await listTargetEntries(db, {
    type: 'partner-profile',
    id: profileId,
    actions: ['partner-profile.viewed'],
    limit: 200,
  });
  const details = entries.map((e) => (e.detail ?? {}) as { organisationId?: string; purpose?: string });
  const ids = [...new Set(details.map((d) => d.organisationId).filter((id): id is string => !!id))];
  const names = ids.length
    ? new Map(
        (await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).execute()).map((o) => [
          o.id,
          o.name,
        ]),
      )
    : new Map<string, string>();
  return entries.map((e, i) => {
    const d = details[i] ?? {};
    return {
      at: e.at,
      organisation: d.organisationId ? { id: d.organisationId, name: names.get(d.organisationId) ?? '' } : null,
      viewer: e.actorName,
      purpose: (PURPOSES as readonly string[]).includes(d.purpose ?? '') ? (d.purpose as Purpose) : null,
    };
  });
}

/** The person's own profile with its consents and access log; null when they have none. */
export async function ownProfile(db: Kysely<Database>, userId: string, now: Date): Promise<OwnProfile | null> {
  const profile = await findProfileOf(db, userId);
  if (!profile) return null;
  const names = await referenceNames(db, [profile]);
  return {
    ...presentBody(profile, names),
    version: profile.version,
    updatedAt: profile.updatedAt,
    consents: await listConsents(db, profile.id, now.toISOString()),
    accessLog: await accessLog(db, profile.id),
  };
}

export async function myProfile(scope: Scope): Promise<OwnProfile | null> {
  return ownProfile(scope.deps.db, actingUser(scope).userId, scope.now);
}

/**
 * Matching for this one profile, right after the partner's write, so that an organisation's
 * notice appears (or a withdrawn one's unanswered notice goes) at once, not only at the daily job
 * (decision 0031). The write has been committed: a failure here is the job's to retry, not the
 * partner's to see.
 */
async function matchNow(scope: Scope, profileId: string): Promise<void> {
  try {
    await refreshNotices(scope.deps, profileId, scope.now);
  } catch (err) {
    scope.deps.log.error('partner matching after a write failed', { profileId, error: String(err) });
  }
}

/** Creates or replaces the profile; with `version`, only that version (409 if stale). */
export async function saveProfile(scope: Scope, input: PartnerProfileInput): Promise<void> {
  const user = await requirePartner(scope);
  const { db, atomic, newId } = scope.deps;
  await requireReferences(db, input);
  const at = scope.now.toISOString();
  const fields = {
    occupation_ids: JSON.stringify([...new Set(input.occupationIds)]),
    skill_ids: JSON.stringify([...new Set(input.skillIds)]),
    languages: JSON.stringify([...new Set(input.languages)]),
    earliest_start: input.earliestStart,
    kommuner: JSON.stringify([...new Set(input.kommuner)]),
    work_modes: JSON.stringify([...new Set(input.workModes)]),
    // Optional: a save without it keeps the stored text (saves replace only what they carry).
    ...(input.about === undefined ? {} : { about: input.about }),
    updated_at: at,
  };
  const [result] = await atomic([
    db
      .insertInto('partner_profiles')
      .values({ id: newId(), user_id: user.userId, about: '', ...fields, created_at: at })
      .onConflict((oc) => {
        const update = oc
          .column('user_id')
          .doUpdateSet((u) => ({ ...fields, version: u(u.ref('partner_profiles.version'), '+', 1) }));
        return input.version === undefined ? update : update.where('partner_profiles.version', '=', input.version);
      })
      .compile(),
    auditIfIn(
      scope,
      { action: 'partner-profile.saved', targetType: 'user', targetId: user.userId },
      eb.exists(
        eb.selectFrom('partner_profiles').select('id').where('user_id', '=', user.userId).where('updated_at', '=', at),
      ),
    ),
  ]);
  if (Number(result?.numAffectedRows ?? 0) !== 1) {
    const current = await findProfileOf(db, user.userId);
    throw new StaleVersion(
      'partnerProfile.conflict.title',
      'partnerProfile.conflict.detail',
      input.version ?? 0,
      current?.version ?? 0,
    );
  }
  const saved = await findProfileOf(db, user.userId);
  if (saved) await matchNow(scope, saved.id);
}

async function requireOwnProfile(scope: Scope) {
  const user = actingUser(scope);
  const profile = await findProfileOf(scope.deps.db, user.userId);
  if (!profile)
    throw new DomainError('conflict', 'partnerProfile.error.noProfile', {
      titleKey: 'partnerProfile.error.noProfileTitle',
    });
  return profile;
}

function monthsAfter(now: Date, months: number): string {
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString();
}

/**
 * Shares the profile with one organisation or the network, for one purpose, for 6 or 12 months.
 * A consent for the same recipient and purpose that still stands is replaced (withdrawn in the same
 * batch), so there is one to withdraw.
 */
export async function giveConsent(scope: Scope, input: ConsentCreate): Promise<string> {
  const profile = await requireOwnProfile(scope);
  const { db, atomic, newId } = scope.deps;
  if (input.organisationId) {
    const org = await db
      .selectFrom('organisations')
      .select('id')
      .where('id', '=', input.organisationId)
      .executeTakeFirst();
    if (!org) throw new Invalid('organisationId', 'partnerConsent.validation.organisation');
  }
  const at = scope.now.toISOString();
  const id = newId();
  await atomic([
    db
      .updateTable('partner_consents')
      .set({ withdrawn_at: at })
      .where('profile_id', '=', profile.id)
      .where('recipient', '=', input.recipient)
      .where('purpose', '=', input.purpose)
      .where((w) =>
        input.organisationId ? w('organisation_id', '=', input.organisationId) : w('organisation_id', 'is', null),
      )
      .where('withdrawn_at', 'is', null)
      .compile(),
    db
      .insertInto('partner_consents')
      .values({
        id,
        profile_id: profile.id,
        recipient: input.recipient,
        organisation_id: input.organisationId ?? null,
        purpose: input.purpose,
        months: input.months,
        given_at: at,
        expires_at: monthsAfter(scope.now, input.months),
      })
      .compile(),
    auditIn(scope, {
      action: 'partner-consent.given',
      targetType: 'partner-profile',
      targetId: profile.id,
      detail: {
        consentId: id,
        recipient: input.recipient,
        organisationId: input.organisationId ?? null,
        purpose: input.purpose,
        months: input.months,
      },
    }),
  ]);
  await matchNow(scope, profile.id);
  return id;
}

/** Withdraws one consent (or, without an id, every standing one) at once. */
export async function withdrawConsents(scope: Scope, consentId?: string): Promise<number> {
  const profile = await requireOwnProfile(scope);
  const { db, atomic } = scope.deps;
  const at = scope.now.toISOString();
  const [result] = await atomic([
    db
      .updateTable('partner_consents')
      .set({ withdrawn_at: at })
      .where('profile_id', '=', profile.id)
      .where('withdrawn_at', 'is', null)
      .$if(consentId !== undefined, (q) => q.where('id', '=', consentId ?? ''))
      .compile(),
    auditIn(scope, {
      action: 'partner-consent.withdrawn',
      targetType: 'partner-profile',
      targetId: profile.id,
      detail: consentId ? { consentId } : { all: true },
    }),
  ]);
  const changed = Number(result?.numAffectedRows ?? 0);
  if (consentId !== undefined && changed === 0) throw new NotFound();
  if (changed > 0) await matchNow(scope, profile.id);
  return changed;
}

/** Renews a standing or expired (not withdrawn) consent for its months again, from now. */
export async function renewConsent(scope: Scope, consentId: string): Promise<void> {
  const profile = await requireOwnProfile(scope);
  const { db, atomic } = scope.deps;
  const consent = await db
    .selectFrom('partner_consents')
    .select(['months'])
    .where('id', '=', consentId)
    .where('profile_id', '=', profile.id)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  if (!consent) throw new NotFound();
  await atomic([
    db
      .updateTable('partner_consents')
      .set({ expires_at: monthsAfter(scope.now, consent.months), reminded_at: null, given_at: scope.now.toISOString() })
      .where('id', '=', consentId)
      .where('withdrawn_at', 'is', null)
      .compile(),
    auditIn(scope, {
      action: 'partner-consent.renewed',
      targetType: 'partner-profile',
      targetId: profile.id,
      detail: { consentId },
    }),
  ]);
  await matchNow(scope, profile.id);
}

/** Erases the profile and its consents: it leaves every organisation's view at once (decision 0030). */
export async function eraseProfile(scope: Scope): Promise<void> {
  const user = actingUser(scope);
  const profile = await findProfileOf(scope.deps.db, user.userId);
  if (!profile) return;
  await scope.deps.atomic([
    ...erasePartnerQueries(scope.deps.db, user.userId),
    auditIn(scope, { action: 'partner-profile.erased', targetType: 'partner-profile', targetId: profile.id }),
  ]);
}

/** The organisation's own member (not the secretariat: it is no recipient of a consent). */
function requireRecipient(scope: Scope, organisationId: string): void {
  const user = actingUser(scope);
  if (!user.memberships.some((m) => m.organisationId === organisationId)) throw new NotFound();
}

/**
 * The profiles the organisation may see for the purpose, each read written to the audit log (one
 * entry per profile shown) in one batch before the answer leaves.
 */
export async function readSharedProfiles(
  scope: Scope,
  organisationId: string,
  purpose: Purpose,
  profileId?: string,
): Promise<SharedProfile[]> {
  requireRecipient(scope, organisationId);
  const { db, atomic } = scope.deps;
  const visible = await profilesVisibleTo(db, organisationId, purpose, scope.now.toISOString(), profileId);
  if (visible.length === 0) {
    if (profileId !== undefined) throw new NotFound();
    return [];
  }
  await atomic(
    visible.map((p) =>
      auditIn(scope, {
        action: 'partner-profile.viewed',
        targetType: 'partner-profile',
        targetId: p.id,
        detail: { organisationId, purpose },
      }),
    ),
  );
  const names = await referenceNames(db, visible);
  return visible.map((p) => ({ ...presentBody(p, names), purpose: p.purpose, sharedUntil: p.sharedUntil }));
}
