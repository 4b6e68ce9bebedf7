import { expressionBuilder } from 'kysely';
import { auditIfIn } from '../../audit/index.ts';
import { DomainError, Invalid, NotFound } from '../../core/errors.ts';
import { actingUser, type Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { matchNetworkProfiles } from '../matching/run.ts';
import { stockholmDate } from '../move-cases/queries.ts';
import { listCurrentMembers, listPledges } from './queries.ts';
import {
  type Membership,
  NETWORK_TERMS_VERSION,
  type NetworkFollowUp,
  type PledgeCreate,
  type PledgeRecordCreate,
} from './schemas.ts';

/**
 * The recruitment network (decision 0030): organisations join by accepting the joint-controller
 * terms (research/recruitment.md §6: GDPR art. 26), make pledges and record what they did; the
 * secretariat follows them; the members' names are public.
 */

const eb = expressionBuilder<Database>();

const currentMembership = (organisationId: string) =>
  eb.exists(
    eb
      .selectFrom('network_members')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('left_at', 'is', null),
  );

/**
 * Joining, leaving and pledging are the organisation's own acts: its members only. The secretariat
 * does not act for an organisation; to anyone else the organisation is not theirs to know (404).
 */
function requireOwnOrganisation(scope: Scope, organisationId: string) {
  const user = actingUser(scope);
  const membership = user.memberships.find((m) => m.organisationId === organisationId);
  if (membership) return { user, organisationName: membership.organisationName };
  if (user.roles.includes('secretariat')) throw new DomainError('forbidden', 'network.error.ownActs');
  throw new NotFound();
}

/** The public list: the organisations that are members now (they joined knowing their name is shown). */
export async function publicNetworkMembers(scope: Scope) {
  const members = await listCurrentMembers(scope.deps.db);
  return {
    termsVersion: NETWORK_TERMS_VERSION,
    members: members.map((m) => ({ id: m.organisationId, name: m.name, joinedAt: m.joinedAt })),
  };
}

/** The organisation's membership and its pledges: its members, or the secretariat. */
export async function networkMembershipOf(scope: Scope, organisationId: string): Promise<Membership> {
  const user = actingUser(scope);
  const own = user.memberships.find((m) => m.organisationId === organisationId);
  if (!own && !user.roles.includes('secretariat')) throw new NotFound();
  const { db } = scope.deps;
  const organisation = await db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!organisation) throw new NotFound();
  const [member] = await listCurrentMembers(db, organisationId);
  const pledges = await listPledges(db, [organisationId], stockholmDate(scope.now), { ended: false });
  return {
    organisation,
    member: member !== undefined,
    joinedAt: member?.joinedAt ?? null,
    termsVersion: member?.termsVersion ?? null,
    currentTermsVersion: NETWORK_TERMS_VERSION,
    pledges: pledges.map(({ organisationId: _, ...pledge }) => pledge),
  };
}

/** Joins with the terms of the version read; 409 if a member already. One conditional statement. */
export async function joinNetwork(
  scope: Scope,
  organisationId: string,
  input: { termsVersion: string; acceptTerms: true },
): Promise<void> {
  const { user } = requireOwnOrganisation(scope, organisationId);
  if (input.termsVersion !== NETWORK_TERMS_VERSION) throw new Invalid('termsVersion', 'network.validation.termsOld');
  const { db, atomic, newId } = scope.deps;
  const at = scope.now.toISOString();
  const notYet = eb.not(currentMembership(organisationId));
  const [, inserted] = await atomic([
    auditIfIn(
      scope,
      {
        action: 'network.joined',
        targetType: 'organisation',
        targetId: organisationId,
        detail: { termsVersion: input.termsVersion },
      },
      notYet,
    ),
    db
      .insertInto('network_members')
      .columns(['id', 'organisation_id', 'terms_version', 'accepted_by', 'joined_at'])
      .expression(
        db
          .selectNoFrom((s) => [
            s.val(newId()).as('id'),
            s.val(organisationId).as('organisation_id'),
            s.val(input.termsVersion).as('terms_version'),
            s.val(user.userId).as('accepted_by'),
            s.val(at).as('joined_at'),
          ])
          .where(notYet),
      )
      .compile(),
  ]);
  if (Number(inserted?.numAffectedRows ?? 0) !== 1)
    throw new DomainError('conflict', 'network.error.alreadyMember', { titleKey: 'network.error.alreadyMemberTitle' });
  // The new member's notices of people who shared their profile with the network, now.
  await matchNetworkProfiles(scope.deps, scope.now);
}

/**
 * Leaves the network: at once, the organisation no longer reads profiles shared with the network
 * (partners' consents are checked against current membership on every read), and its pledges end.
 * Leaving when not a member changes nothing.
 */
export async function leaveNetwork(scope: Scope, organisationId: string): Promise<void> {
  const { user } = requireOwnOrganisation(scope, organisationId);
  const { db, atomic } = scope.deps;
  const at = scope.now.toISOString();
  await atomic([
    auditIfIn(
      scope,
      { action: 'network.left', targetType: 'organisation', targetId: organisationId },
      currentMembership(organisationId),
    ),
    db
      .updateTable('network_pledges')
      .set({ ended_at: at })
      .where('organisation_id', '=', organisationId)
      .where('ended_at', 'is', null)
      .compile(),
    db
      .updateTable('network_members')
      .set({ left_at: at, left_by: user.userId })
      .where('organisation_id', '=', organisationId)
      .where('left_at', 'is', null)
      .compile(),
  ]);
}

/** A pledge of a member organisation (409 when not a member). */
export async function makePledge(scope: Scope, organisationId: string, input: PledgeCreate): Promise<string> {
  const { user } = requireOwnOrganisation(scope, organisationId);
  const { db, atomic, newId } = scope.deps;
  const id = newId();
  const at = scope.now.toISOString();
  const [inserted] = await atomic([
    db
      .insertInto('network_pledges')
      .columns(['id', 'organisation_id', 'text', 'kind', 'count', 'cadence', 'created_by', 'created_at'])
      .expression(
        db
          .selectNoFrom((s) => [
            s.val(id).as('id'),
            s.val(organisationId).as('organisation_id'),
            s.val(input.text).as('text'),
            s.val(input.kind).as('kind'),
            s.val(input.count).as('count'),
            s.val(input.cadence).as('cadence'),
            s.val(user.userId).as('created_by'),
            s.val(at).as('created_at'),
          ])
          .where(currentMembership(organisationId)),
      )
      .compile(),
    auditIfIn(
      scope,
      { action: 'pledge.made', targetType: 'organisation', targetId: organisationId, detail: { pledgeId: id } },
      eb.exists(eb.selectFrom('network_pledges').select('id').where('id', '=', id)),
    ),
  ]);
  if (Number(inserted?.numAffectedRows ?? 0) !== 1)
    throw new DomainError('conflict', 'network.error.notMember', { titleKey: 'network.error.notMemberTitle' });
  return id;
}

const ownPledge = (organisationId: string, pledgeId: string) =>
  eb.exists(
    eb
      .selectFrom('network_pledges')
      .select('id')
      .where('id', '=', pledgeId)
      .where('organisation_id', '=', organisationId)
      .where('ended_at', 'is', null),
  );

/** Ends a pledge; its record stays (404 when it is not the organisation's open pledge). */
export async function endPledge(scope: Scope, organisationId: string, pledgeId: string): Promise<void> {
  requireOwnOrganisation(scope, organisationId);
  const { db, atomic } = scope.deps;
  const [, ended] = await atomic([
    auditIfIn(
      scope,
      { action: 'pledge.ended', targetType: 'organisation', targetId: organisationId, detail: { pledgeId } },
      ownPledge(organisationId, pledgeId),
    ),
    db
      .updateTable('network_pledges')
      .set({ ended_at: scope.now.toISOString() })
      .where('id', '=', pledgeId)
      .where('organisation_id', '=', organisationId)
      .where('ended_at', 'is', null)
      .compile(),
  ]);
  if (Number(ended?.numAffectedRows ?? 0) !== 1) throw new NotFound();
}

/** An interview or a contact recorded against one of the organisation's open pledges. */
export async function recordForPledge(
  scope: Scope,
  organisationId: string,
  pledgeId: string,
  input: PledgeRecordCreate,
): Promise<void> {
  const { user } = requireOwnOrganisation(scope, organisationId);
  if (input.doneOn > stockholmDate(scope.now)) throw new Invalid('doneOn', 'network.validation.doneOnFuture');
  const { db, atomic, newId } = scope.deps;
  const id = newId();
  const [inserted] = await atomic([
    db
      .insertInto('network_pledge_records')
      .columns(['id', 'pledge_id', 'kind', 'done_on', 'note', 'recorded_by', 'created_at'])
      .expression(
        db
          .selectNoFrom((s) => [
            s.val(id).as('id'),
            s.val(pledgeId).as('pledge_id'),
            s.val(input.kind).as('kind'),
            s.val(input.doneOn).as('done_on'),
            s.val(input.note).as('note'),
            s.val(user.userId).as('recorded_by'),
            s.val(scope.now.toISOString()).as('created_at'),
          ])
          .where(ownPledge(organisationId, pledgeId)),
      )
      .compile(),
    auditIfIn(
      scope,
      { action: 'pledge.recorded', targetType: 'organisation', targetId: organisationId, detail: { pledgeId } },
      eb.exists(eb.selectFrom('network_pledge_records').select('id').where('id', '=', id)),
    ),
  ]);
  if (Number(inserted?.numAffectedRows ?? 0) !== 1) throw new NotFound();
}

/** The secretariat's follow-up: every member, its pledges, what each has recorded, overdue ones flagged. */
export async function networkFollowUp(scope: Scope): Promise<NetworkFollowUp> {
  const { db } = scope.deps;
  const members = await listCurrentMembers(db);
  const pledges = await listPledges(
    db,
    members.map((m) => m.organisationId),
    stockholmDate(scope.now),
    { ended: false },
  );
  return {
    items: members.map((m) => ({
      organisation: { id: m.organisationId, name: m.name },
      joinedAt: m.joinedAt,
      termsVersion: m.termsVersion,
      pledges: pledges
        .filter((p) => p.organisationId === m.organisationId)
        .map(({ organisationId: _, ...pledge }) => pledge),
    })),
  };
}

/**
 * The public page's figure (decision 0037): how many pledges the members have, and of those that
 * stood through the whole of last period how many were kept; for the network as a whole, never per
 * organisation, so that the public sees that pledges are followed without naming who fell short.
 */
export async function networkPledgeSummary(scope: Scope): Promise<{ pledges: number; judged: number; kept: number }> {
  const { db } = scope.deps;
  const members = await listCurrentMembers(db);
  const pledges = await listPledges(
    db,
    members.map((m) => m.organisationId),
    stockholmDate(scope.now),
    { ended: false },
  );
  const judged = pledges.filter((p) => p.previous !== null);
  return {
    pledges: pledges.length,
    judged: judged.length,
    kept: judged.filter((p) => (p.previous?.done ?? 0) >= p.count).length,
  };
}
