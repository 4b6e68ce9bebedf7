import { expressionBuilder, type Kysely } from 'kysely';
import { auditIfIn } from '../../audit/index.ts';
import { DomainError, Invalid, NotFound } from '../../core/errors.ts';
import { actingUser, type Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { organisationsReachedBy, visibleProfileIds } from '../partners/recipients.ts';
import { names, organisationNames } from './names.ts';
import { openingsOf } from './openings.ts';
import type { InformTip, InformTipInput } from './schemas.ts';

/**
 * An organisation tells a partner of one of its own openings (decision 0031). A recruiting need
 * line is a confidential survey answer: matching never shows it to a partner by name unasked; the
 * organisation may, by this act, while the partner shares the profile with it "to tell me about
 * openings" — the same rule as reading the profile (profilesVisibleTo, purpose inform).
 */

const eb = expressionBuilder<Database>();

export type TipRow = Omit<Database['partner_inform_tips'], 'note'> & { note: string };

/** The organisation's own member (the secretariat is no recipient of a consent). */
function requireMember(scope: Scope, organisationId: string): void {
  if (!actingUser(scope).memberships.some((m) => m.organisationId === organisationId)) throw new NotFound();
}

/** The organisation's openings it may tell of: its recruiting need lines and its open placements. */
export async function tipChoices(scope: Scope, organisationId: string) {
  requireMember(scope, organisationId);
  const openings = await openingsOf(scope.deps, [organisationId], scope.now);
  const n = await names(
    scope,
    openings.map((o) => o.occupationId),
  );
  return openings.map((o) => ({
    source: o.source,
    id: o.id,
    title: o.title ?? n.occupation(o.occupationId).name,
    kommun: n.kommun(o.kommun)?.name ?? '',
  }));
}

/**
 * Tells the partner of the opening, with the note: 404 unless the profile is shared with the
 * organisation for `inform` now, 422 unless the opening is the organisation's own, 409 for a
 * second tip of the same opening. The tip and its audit entry are one batch.
 */
export async function tipOpening(
  scope: Scope,
  organisationId: string,
  profileId: string,
  input: InformTipInput,
): Promise<InformTip> {
  requireMember(scope, organisationId);
  const { db, atomic, newId } = scope.deps;
  // The opening first: it is the organisation's own, so the answer says nothing of the profile.
  const opening = (await openingsOf(scope.deps, [organisationId], scope.now)).find(
    (o) => o.source === input.source && o.id === input.openingId,
  );
  if (!opening) throw new Invalid('openingId', 'matching.tip.validation.opening');
  const visible = await visibleProfileIds(db, organisationId, 'inform', scope.now.toISOString(), profileId);
  if (!visible.has(profileId)) throw new NotFound();
  const id = newId();
  const [inserted] = await atomic([
    db
      .insertInto('partner_inform_tips')
      .values({
        id,
        profile_id: profileId,
        organisation_id: organisationId,
        source: opening.source,
        opening_id: opening.id,
        occupation_id: opening.occupationId,
        kommun: opening.kommun,
        title: opening.title ?? null,
        note: input.note,
        tipped_at: scope.now.toISOString(),
      })
      .onConflict((oc) => oc.columns(['profile_id', 'source', 'opening_id']).doNothing())
      .compile(),
    auditIfIn(
      scope,
      {
        action: 'partner-inform.tipped',
        targetType: 'partner-profile',
        targetId: profileId,
        detail: { organisationId, source: opening.source, openingId: opening.id },
      },
      eb.exists(eb.selectFrom('partner_inform_tips').select('id').where('id', '=', id)),
    ),
  ]);
  if (Number(inserted?.numAffectedRows ?? 0) === 0)
    throw new DomainError('conflict', 'matching.tip.error.already', { field: 'opening' });
  const row = await db.selectFrom('partner_inform_tips').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const [tip] = await presentTips(scope, [row]);
  if (!tip) throw new NotFound();
  return tip;
}

/** What the organisation has told each of the profiles of, as the titles it told, oldest first. */
export async function toldBy(
  scope: Scope,
  organisationId: string,
  profileIds: readonly string[],
): Promise<Map<string, string[]>> {
  requireMember(scope, organisationId);
  if (profileIds.length === 0) return new Map();
  const rows = await scope.deps.db
    .selectFrom('partner_inform_tips')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('profile_id', 'in', [...profileIds])
    .orderBy('tipped_at')
    .execute();
  const n = await names(
    scope,
    rows.map((r) => r.occupation_id),
  );
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.profile_id) ?? [];
    list.push(r.title ?? n.occupation(r.occupation_id).name);
    out.set(r.profile_id, list);
  }
  return out;
}

/** The tips to the profile from organisations its inform consents reach at `now`, newest first. */
export async function listTipRows(db: Kysely<Database>, profileId: string, now: Date): Promise<TipRow[]> {
  const reached = await organisationsReachedBy(db, profileId, 'inform', now.toISOString());
  if (reached.length === 0) return [];
  return db
    .selectFrom('partner_inform_tips')
    .selectAll()
    .where('profile_id', '=', profileId)
    .where('organisation_id', 'in', reached)
    .orderBy('tipped_at', 'desc')
    .orderBy('id')
    .execute();
}

/** How the partner goes on from a tip: the placement's page, or sharing to be considered. */
export const tipHowToApply = (t: Pick<TipRow, 'source' | 'opening_id'>): InformTip['howToApply'] =>
  t.source === 'placement'
    ? { kind: 'placement-page', href: `/placements/${encodeURIComponent(t.opening_id)}` }
    : { kind: 'share-to-be-considered', href: '/partner/sharing#give' };

export async function presentTips(scope: Scope, rows: readonly TipRow[]): Promise<InformTip[]> {
  const n = await names(
    scope,
    rows.map((r) => r.occupation_id),
  );
  const organisation = await organisationNames(
    scope,
    rows.map((r) => r.organisation_id),
  );
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    openingId: r.opening_id,
    organisation: organisation(r.organisation_id),
    occupation: n.occupation(r.occupation_id),
    title: r.title ?? n.occupation(r.occupation_id).name,
    kommun: n.kommun(r.kommun),
    note: r.note,
    tippedAt: r.tipped_at,
    howToApply: tipHowToApply(r),
  }));
}

/** Every tip to the profile, whatever the consent's state now: the partner's data export holds them. */
export async function exportTips(db: Kysely<Database>, profileId: string) {
  const rows = await db
    .selectFrom('partner_inform_tips')
    .selectAll()
    .where('profile_id', '=', profileId)
    .orderBy('tipped_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    source: r.source,
    openingId: r.opening_id,
    occupationId: r.occupation_id,
    kommun: r.kommun,
    title: r.title,
    note: r.note,
    tippedAt: r.tipped_at,
  }));
}
