import { type CompiledQuery, type Expression, expressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.ts';

/*
 * Invitations and memberships belong to identity (src/db/owners.ts): accepting an invitation is part
 * of the sign-in exchange's one batch. Organisations, above identity, invites, revokes and imports
 * members through these statements, which join its batches.
 */

const pending = (organisationId: string, email: string, at: string) => {
  const eb = expressionBuilder<Database, 'invitations'>();
  return eb.and([
    eb('invitations.organisation_id', '=', organisationId),
    eb('invitations.email', '=', email),
    eb('invitations.accepted_at', 'is', null),
    eb('invitations.revoked_at', 'is', null),
    eb('invitations.expires_at', '>', at),
  ]);
};

/**
 * Statements that invite a person to act for an organisation: an earlier pending invitation to the
 * same address is revoked and its link used up, so that one link is live at a time, and the new
 * invitation is stored. Its link's row (issueLinkToken) and the audit entry join the same batch.
 */
export function inviteQueries(
  db: Kysely<Database>,
  invitation: {
    id: string;
    organisationId: string;
    email: string;
    role: string;
    invitedBy: string | null;
    at: string;
    expiresAt: string;
  },
): CompiledQuery[] {
  const { organisationId, email, at } = invitation;
  const earlier = db
    .selectFrom('invitations')
    .select('invitations.id')
    .where(pending(organisationId, email, at));
  return [
    db
      .updateTable('sign_in_tokens')
      .set({ consumed_at: at })
      .where('consumed_at', 'is', null)
      .where('invitation_id', 'in', earlier)
      .compile(),
    db
      .updateTable('invitations')
      .set({ revoked_at: at })
      .where(pending(organisationId, email, at))
      .compile(),
    db
      .insertInto('invitations')
      .values({
        id: invitation.id,
        organisation_id: organisationId,
        email,
        role: invitation.role,
        invited_by: invitation.invitedBy,
        created_at: at,
        expires_at: invitation.expiresAt,
      })
      .compile(),
  ];
}

/** The invitation is the organisation's and still pending (neither accepted nor revoked), when the batch runs. */
export function invitationPending(organisationId: string, invitationId: string): Expression<SqlBool> {
  const eb = expressionBuilder<Database>();
  return eb.exists(
    eb
      .selectFrom('invitations as i')
      .select('i.id')
      .where('i.id', '=', invitationId)
      .where('i.organisation_id', '=', organisationId)
      .where('i.accepted_at', 'is', null)
      .where('i.revoked_at', 'is', null),
  );
}

/**
 * Statements that revoke a pending invitation of the organisation and use up its link: the second
 * changes one row if the invitation was pending, none otherwise.
 */
export function revokeInvitationQueries(
  db: Kysely<Database>,
  input: { organisationId: string; invitationId: string; at: string },
): CompiledQuery[] {
  const { organisationId, invitationId, at } = input;
  return [
    db
      .updateTable('sign_in_tokens')
      .set({ consumed_at: at })
      .where('invitation_id', '=', invitationId)
      .where('consumed_at', 'is', null)
      .where(invitationPending(organisationId, invitationId))
      .compile(),
    db
      .updateTable('invitations')
      .set({ revoked_at: at })
      .where('id', '=', invitationId)
      .where('organisation_id', '=', organisationId)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .compile(),
  ];
}

/** An imported organisation's contact person: the account's fields and the membership's. */
export interface ImportedMember {
  user_id: string;
  name: string;
  email: string;
  organisation_id: string;
  role: string;
}

const eb = expressionBuilder<Database>();

/** The elements of a JSON array as rows of `j.value`: any number in one parameter. */
const jsonEach = (values: readonly object[]) =>
  eb.fn<{ value: string }>('json_each', [eb.val(JSON.stringify(values))]).as('j');

/** A field of the JSON object `j.value` (a row of jsonEach). */
const onElement = expressionBuilder<{ j: { value: string } }, 'j'>();
const field = (name: string) => onElement.fn<string>('json_extract', ['j.value', onElement.val(`$.${name}`)]);

/**
 * The contacts' accounts (an address that has one keeps it, name and all: users.email is unique)
 * and their memberships, two statements whatever the number: D1 binds at most 100 parameters per
 * statement and counts every statement of a batch (the organisations import, src/organisations).
 */
export function importedMemberQueries(
  db: Kysely<Database>,
  members: readonly ImportedMember[],
  at: string,
): CompiledQuery[] {
  if (members.length === 0) return [];
  // SQLite reads `INSERT … SELECT … ON CONFLICT` unambiguously only when the SELECT has a WHERE.
  const always = eb.lit(true);
  return [
    db
      .insertInto('users')
      .columns(['id', 'email', 'name', 'is_demo', 'created_at'])
      .expression(
        db
          .selectFrom(jsonEach(members))
          .select([
            field('user_id').as('id'),
            field('email').as('email'),
            field('name').as('name'),
            eb.lit(0).as('is_demo'),
            eb.val(at).as('created_at'),
          ])
          .where(always),
      )
      .onConflict((oc) => oc.column('email').doNothing())
      .compile(),
    db
      .insertInto('memberships')
      .columns(['user_id', 'organisation_id', 'role', 'created_at'])
      .expression(
        db
          .selectFrom(jsonEach(members))
          .innerJoin('users as u', (join) =>
            join.on((on) => on('u.email', '=', field('email'))).on('u.erased_at', 'is', null),
          )
          .select([
            'u.id',
            field('organisation_id').as('organisation_id'),
            field('role').as('role'),
            eb.val(at).as('created_at'),
          ])
          .where(always),
      )
      .onConflict((oc) => oc.columns(['user_id', 'organisation_id']).doNothing())
      .compile(),
  ];
}
