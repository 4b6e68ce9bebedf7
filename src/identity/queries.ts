import { type CompiledQuery, expressionBuilder, type Kysely, sql } from 'kysely';
import { auditFromRows } from '../audit/index.ts';
import type {
  GlobalRole,
  Membership,
  MembershipRole,
  Scope,
  TokenPrincipal,
  UserPrincipal,
} from '../core/principal.ts';
import { SCOPES } from '../core/principal.ts';
import type { RequestOrigin } from '../core/scope.ts';
import type { Database } from '../db/schema.ts';

export interface User {
  id: string;
  email: string;
  name: string;
  createdAt: string;
  lastSignInAt: string | null;
  isDemo: boolean;
}

export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'created_at', 'last_sign_in_at', 'is_demo'])
    .where('email', '=', email)
    .where('erased_at', 'is', null)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      email: row.email,
      name: row.name,
      createdAt: row.created_at,
      lastSignInAt: row.last_sign_in_at,
      isDemo: row.is_demo === 1,
    }
  );
}

/**
 * The person behind a session, if the session is live: not revoked, not past its absolute expiry,
 * used within the idle limit, and its user not erased. Roles and memberships are read fresh, so a
 * role change acts on the next request.
 */
export async function findSessionPrincipal(
  db: Kysely<Database>,
  sessionId: string,
  now: Date,
  options: { idleMinutes: number; adminEmails: readonly string[] },
): Promise<(UserPrincipal & { lastSeenAt: string }) | undefined> {
  const idleMinutes = options.idleMinutes;
  const nowIso = now.toISOString();
  const idleCutoff = new Date(now.getTime() - idleMinutes * 60_000).toISOString();
  // One statement: every signed-in request asks this, and three round trips cost more than the
  // reads themselves. Written as SQL because the builder's form of it cost about 130 µs to build
  // and compile per request, against 3 µs for this (measured on this machine, 20,000 runs).
  const { rows } = await sql<
    Pick<Database['sessions'], 'id' | 'user_id' | 'last_seen_at'> &
      Pick<Database['users'], 'email' | 'name'> & { roles: string; memberships: string }
  >`select s.id, s.user_id, s.last_seen_at, u.email, u.name,
      (select json_group_array(role) from (select role from user_roles where user_id = s.user_id order by role)) as roles,
      (select json_group_array(json_array(organisation_id, name, role)) from (
        select m.organisation_id, o.name, m.role from memberships m join organisations o on o.id = m.organisation_id
        where m.user_id = s.user_id order by o.name)) as memberships
    from sessions s join users u on u.id = s.user_id
    where s.id = ${sessionId} and s.revoked_at is null and s.expires_at > ${nowIso} and s.last_seen_at > ${idleCutoff}
      and u.erased_at is null`.execute(db);
  const session = rows[0];
  if (!session) return undefined;
  const roles = (JSON.parse(session.roles) as string[]).map((role) => role as GlobalRole);
  const memberships = (JSON.parse(session.memberships) as [string, string, string][]).map(
    ([organisationId, organisationName, role]): Membership => ({
      organisationId,
      organisationName,
      role: role as MembershipRole,
    }),
  );
  // ADMIN_EMAILS are the secretariat (shared/API.md), whether or not the role is stored.
  if (options.adminEmails.includes(session.email.toLowerCase()) && !roles.includes('secretariat')) {
    roles.unshift('secretariat');
  }
  return {
    kind: 'user',
    userId: session.user_id,
    email: session.email,
    name: session.name,
    sessionId: session.id,
    roles,
    memberships,
    lastSeenAt: session.last_seen_at,
  };
}

export async function listGlobalRoles(db: Kysely<Database>, userId: string): Promise<GlobalRole[]> {
  const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).orderBy('role').execute();
  return rows.map((r) => r.role as GlobalRole);
}

export async function listMemberships(db: Kysely<Database>, userId: string): Promise<Membership[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['m.organisation_id', 'o.name', 'm.role'])
    .where('m.user_id', '=', userId)
    .orderBy('o.name')
    .execute();
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    organisationName: r.name,
    role: r.role as MembershipRole,
  }));
}

/**
 * The addresses of the members of the given organisations (accounts not erased), by organisation
 * then address: who other features tell that something waits for an organisation.
 */
export async function memberEmails(
  db: Kysely<Database>,
  organisationIds: readonly string[],
): Promise<{ organisationId: string; email: string }[]> {
  if (organisationIds.length === 0) return [];
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.organisation_id as organisationId', 'u.email'])
    .where('m.organisation_id', 'in', [...new Set(organisationIds)])
    .where('u.erased_at', 'is', null)
    .orderBy('m.organisation_id')
    .orderBy('u.email')
    .execute();
}

/** Marks a session as used, at most once a minute, so that reads do not each cost a write. */
/**
 * The secretariat's addresses: the people who hold the role, and the ADMIN_EMAILS addresses, which are
 * the secretariat whether or not the role is stored (findSessionPrincipal). Erased accounts are left out.
 */
export async function listSecretariatEmails(db: Kysely<Database>, adminEmails: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select('u.email')
    .where('r.role', '=', 'secretariat')
    .where('u.erased_at', 'is', null)
    .orderBy('u.email')
    .execute();
  return [...new Set([...rows.map((r) => r.email.toLowerCase()), ...adminEmails])];
}

export function touchSessionQuery(db: Kysely<Database>, sessionId: string, now: Date): CompiledQuery {
  const nowIso = now.toISOString();
  return db
    .updateTable('sessions')
    .set({ last_seen_at: nowIso })
    .where('id', '=', sessionId)
    .where('last_seen_at', '<', new Date(now.getTime() - 60_000).toISOString())
    .compile();
}

export async function findApiTokenPrincipal(
  db: Kysely<Database>,
  tokenHash: string,
  now: Date,
): Promise<TokenPrincipal | undefined> {
  const nowIso = now.toISOString();
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'scopes'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', nowIso)]))
    .executeTakeFirst();
  if (!row) return undefined;
  return { kind: 'token', tokenId: row.id, name: row.name, scopes: parseScopes(row.scopes) };
}

export function parseScopes(text: string): Scope[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((s): s is Scope => (SCOPES as readonly unknown[]).includes(s)) : [];
  } catch {
    return [];
  }
}

export function markApiTokenUsedQuery(db: Kysely<Database>, tokenId: string, now: Date): CompiledQuery {
  return db
    .updateTable('api_tokens')
    .set({ last_used_at: now.toISOString() })
    .where('id', '=', tokenId)
    .where((eb) =>
      eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(now.getTime() - 60_000).toISOString())]),
    )
    .compile();
}

export const nowSql = (now: Date) => sql.lit(now.toISOString());

/**
 * Exchanging a link token for a session, as one atomic batch (src/identity/sign-in.ts): the first
 * statement consumes the token and names the new session; each later one acts only if it did, so
 * a second use, a race between two uses, an expired or revoked link all write nothing
 * (docs/decisions/0001-batches-not-transactions.md).
 */
export function exchangeTokenQueries(
  db: Kysely<Database>,
  input: {
    tokenId: string;
    email: string;
    purpose: string;
    mayCreateUser: boolean;
    userId: string;
    sessionId: string;
    expiresAt: string;
    signInAuditId: string;
    acceptedAuditId: string;
    origin: RequestOrigin;
    at: string;
  },
): CompiledQuery[] {
  const { tokenId, email, sessionId, origin, at } = input;
  const eb = expressionBuilder<Database>();
  const consumed = eb.exists(
    eb
      .selectFrom('sign_in_tokens')
      .select(eb.lit(1).as('one'))
      .where('id', '=', tokenId)
      .where('session_id', '=', sessionId),
  );
  const sessionUser = eb.selectFrom('sessions').select('sessions.user_id').where('sessions.id', '=', sessionId);
  return [
    db
      .updateTable('sign_in_tokens')
      .set({ consumed_at: at, session_id: sessionId })
      .where('id', '=', tokenId)
      .where('email', '=', email)
      .where('purpose', '=', input.purpose)
      .where('consumed_at', 'is', null)
      .where('expires_at', '>', at)
      .where((eb) =>
        eb.or([
          eb('purpose', '=', 'sign-in'),
          eb(
            'invitation_id',
            'in',
            eb
              .selectFrom('invitations')
              .select('invitations.id')
              .where('revoked_at', 'is', null)
              .where('accepted_at', 'is', null)
              .where('invitations.expires_at', '>', at),
          ),
        ]),
      )
      .compile(),
    db
      .insertInto('users')
      .columns(['id', 'email', 'name', 'is_demo', 'created_at'])
      .expression(
        db
          .selectNoFrom((eb) => [
            eb.val(input.userId).as('id'),
            eb.val(email).as('email'),
            eb.val(email.split('@')[0] ?? email).as('name'),
            eb.lit(0).as('is_demo'),
            eb.val(at).as('created_at'),
          ])
          .where(consumed)
          .where((eb) => eb(eb.val(input.mayCreateUser ? 1 : 0), '=', 1)),
      )
      .onConflict((oc) => oc.column('email').doNothing())
      .compile(),
    db
      .insertInto('sessions')
      .columns(['id', 'user_id', 'created_at', 'last_seen_at', 'expires_at', 'user_agent', 'ip'])
      .expression(
        db
          .selectFrom('users as u')
          .select((eb) => [
            eb.val(sessionId).as('id'),
            'u.id as user_id',
            eb.val(at).as('created_at'),
            eb.val(at).as('last_seen_at'),
            eb.val(input.expiresAt).as('expires_at'),
            eb.val(origin.userAgent).as('user_agent'),
            eb.val(origin.ip).as('ip'),
          ])
          .where('u.email', '=', email)
          .where('u.erased_at', 'is', null)
          .where(consumed),
      )
      .compile(),
    db
      .insertInto('memberships')
      .columns(['user_id', 'organisation_id', 'role', 'created_at'])
      .expression(
        db
          .selectFrom('sessions as s')
          .innerJoin('sign_in_tokens as t', 't.session_id', 's.id')
          .innerJoin('invitations as i', 'i.id', 't.invitation_id')
          .select((eb) => ['s.user_id', 'i.organisation_id', 'i.role', eb.val(at).as('created_at')])
          .where('s.id', '=', sessionId),
      )
      .onConflict((oc) => oc.columns(['user_id', 'organisation_id']).doNothing())
      .compile(),
    db
      .updateTable('invitations')
      .set({ accepted_at: at, accepted_by: sessionUser })
      .where(
        'id',
        '=',
        eb.selectFrom('sign_in_tokens').select('sign_in_tokens.invitation_id').where('session_id', '=', sessionId),
      )
      .where(eb.exists(eb.selectFrom('sessions').select(eb.lit(1).as('one')).where('sessions.id', '=', sessionId)))
      .compile(),
    db.updateTable('users').set({ last_sign_in_at: at }).where('id', '=', sessionUser).compile(),
    auditFromRows(
      db,
      ['id', 'at', 'actor_user_id', 'action', 'target_type', 'target_id', 'detail', 'ip', 'user_agent', 'request_id'],
      db
        .selectFrom('sessions as s')
        .select((eb) => [
          eb.val(input.signInAuditId).as('id'),
          eb.val(at).as('at'),
          's.user_id as actor_user_id',
          eb.val('sign-in').as('action'),
          eb.val('session').as('target_type'),
          's.id as target_id',
          eb.val(JSON.stringify({ via: input.purpose })).as('detail'),
          eb.val(origin.ip).as('ip'),
          eb.val(origin.userAgent).as('user_agent'),
          eb.val(origin.requestId).as('request_id'),
        ])
        .where('s.id', '=', sessionId),
    ),
    auditFromRows(
      db,
      ['id', 'at', 'actor_user_id', 'action', 'target_type', 'target_id', 'ip', 'user_agent', 'request_id'],
      db
        .selectFrom('sessions as s')
        .innerJoin('sign_in_tokens as t', 't.session_id', 's.id')
        .select((eb) => [
          eb.val(input.acceptedAuditId).as('id'),
          eb.val(at).as('at'),
          's.user_id as actor_user_id',
          eb.val('invitation.accepted').as('action'),
          eb.val('invitation').as('target_type'),
          't.invitation_id as target_id',
          eb.val(origin.ip).as('ip'),
          eb.val(origin.userAgent).as('user_agent'),
          eb.val(origin.requestId).as('request_id'),
        ])
        .where('s.id', '=', sessionId)
        .where('t.invitation_id', 'is not', null),
    ),
  ];
}

/**
 * An account for an address with a role, as two statements for an atomic batch: the person is
 * added if the address has no account (named `name`), and the role is granted if the account does
 * not have it — an erased account gets neither. Students registering and reviewers invited to a plan
 * both come in this way.
 */
export function accountWithRoleQueries(
  db: Kysely<Database>,
  account: { id: string; email: string; name: string; role: GlobalRole | null; at: string },
): CompiledQuery[] {
  const { id, email, name, role, at } = account;
  const user = db
    .insertInto('users')
    .values({ id, email, name, is_demo: 0, created_at: at })
    .onConflict((oc) => oc.column('email').doNothing())
    .compile();
  // No role: an account only (a moving household signs in to its own case, src/recruitment).
  if (role === null) return [user];
  return [
    user,
    db
      .insertInto('user_roles')
      .columns(['user_id', 'role', 'granted_at'])
      .expression(
        db
          .selectFrom('users')
          .select((eb) => ['id', eb.val(role).as('role'), eb.val(at).as('granted_at')])
          .where('email', '=', email)
          .where('erased_at', 'is', null),
      )
      .onConflict((oc) => oc.columns(['user_id', 'role']).doNothing())
      .compile(),
  ];
}
