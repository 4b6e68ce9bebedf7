import type { Kysely } from 'kysely';
import { auditIn } from '../audit/index.ts';
import { NotFound } from '../core/errors.ts';
import type { GlobalRole } from '../core/principal.ts';
import type { Scope } from '../core/scope.ts';
import type { Database } from '../db/schema.ts';

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  roles: GlobalRole[];
  organisations: { id: string; name: string; role: string }[];
  lastSignInAt: string | null;
}

/** People, for the secretariat: by name or address. Erased accounts are left out. */
export async function listUsers(db: Kysely<Database>, filter: { q?: string; limit: number; offset: number }) {
  let query = db.selectFrom('users').select(['id', 'email', 'name', 'last_sign_in_at']).where('erased_at', 'is', null);
  const q = filter.q?.trim().toLowerCase();
  if (q) {
    // A substring of the address or name, whatever characters it holds (instr has no wildcards to escape).
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn<number>('instr', [eb.fn<string>('lower', ['email']), eb.val(q)]), '>', 0),
        eb(eb.fn<number>('instr', [eb.fn<string>('lower', ['name']), eb.val(q)]), '>', 0),
      ]),
    );
  }
  const rows = await query
    .orderBy('email')
    .limit(filter.limit + 1)
    .offset(filter.offset)
    .execute();
  const page = rows.slice(0, filter.limit);
  const ids = page.map((r) => r.id);
  const [roles, memberships] = ids.length
    ? await Promise.all([
        db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', ids).execute(),
        db
          .selectFrom('memberships as m')
          .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
          .select(['m.user_id', 'o.id', 'o.name', 'm.role'])
          .where('m.user_id', 'in', ids)
          .execute(),
      ])
    : [[], []];
  const items: UserSummary[] = page.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    lastSignInAt: r.last_sign_in_at,
    roles: roles.filter((x) => x.user_id === r.id).map((x) => x.role as GlobalRole),
    organisations: memberships.filter((m) => m.user_id === r.id).map((m) => ({ id: m.id, name: m.name, role: m.role })),
  }));
  return { items, nextOffset: rows.length > filter.limit ? filter.offset + filter.limit : null };
}

/** Grants a role; it acts on the person's next request, since roles are read per request. */
export async function grantRole(scope: Scope, userId: string, role: GlobalRole): Promise<void> {
  const { db, atomic } = scope.deps;
  await requireLiveUser(db, userId);
  await atomic([
    db
      .insertInto('user_roles')
      .values({ user_id: userId, role, granted_at: scope.now.toISOString() })
      .onConflict((oc) => oc.columns(['user_id', 'role']).doNothing())
      .compile(),
    auditIn(scope, { action: 'role.granted', targetType: 'user', targetId: userId, detail: { role } }),
  ]);
}

export async function revokeRole(scope: Scope, userId: string, role: GlobalRole): Promise<void> {
  const { db, atomic } = scope.deps;
  await requireLiveUser(db, userId);
  await atomic([
    db.deleteFrom('user_roles').where('user_id', '=', userId).where('role', '=', role).compile(),
    auditIn(scope, { action: 'role.revoked', targetType: 'user', targetId: userId, detail: { role } }),
  ]);
}

async function requireLiveUser(db: Kysely<Database>, userId: string): Promise<void> {
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where('erased_at', 'is', null)
    .executeTakeFirst();
  if (!user) throw new NotFound();
}
