import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface AuditRecord {
  id: string;
  at: string;
  actor: {
    userId: string | null;
    email: string | null;
    name: string | null;
    tokenId: string | null;
    tokenName: string | null;
  };
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: unknown;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export async function listAuditLog(
  db: Kysely<Database>,
  filter: {
    action?: string;
    actor?: string;
    targetId?: string;
    from?: string;
    to?: string;
    limit: number;
    offset: number;
  },
): Promise<{ items: AuditRecord[]; nextOffset: number | null }> {
  let query = db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .leftJoin('api_tokens as k', 'k.id', 'a.actor_token_id')
    .select([
      'a.id',
      'a.at',
      'a.actor_user_id',
      'u.email',
      'u.name',
      'u.erased_at',
      'a.actor_token_id',
      'k.name as token_name',
      'a.action',
      'a.target_type',
      'a.target_id',
      'a.detail',
      'a.ip',
      'a.user_agent',
      'a.request_id',
    ]);
  if (filter.action) query = query.where('a.action', '=', filter.action);
  if (filter.actor)
    query = query.where((eb) =>
      eb.or([eb('a.actor_user_id', '=', filter.actor ?? ''), eb('u.email', '=', filter.actor ?? '')]),
    );
  if (filter.targetId) query = query.where('a.target_id', '=', filter.targetId);
  if (filter.from) query = query.where('a.at', '>=', filter.from);
  if (filter.to) query = query.where('a.at', '<', filter.to);
  const rows = await query
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(filter.limit + 1)
    .offset(filter.offset)
    .execute();
  const more = rows.length > filter.limit;
  return {
    items: rows.slice(0, filter.limit).map((r) => ({
      id: r.id,
      at: r.at,
      actor: {
        userId: r.actor_user_id,
        email: r.erased_at ? null : (r.email ?? null),
        name: r.erased_at ? null : (r.name ?? null),
        tokenId: r.actor_token_id,
        tokenName: r.token_name ?? null,
      },
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      detail: r.detail ? (JSON.parse(r.detail) as unknown) : null,
      ip: r.ip,
      userAgent: r.user_agent,
      requestId: r.request_id,
    })),
    nextOffset: more ? filter.offset + filter.limit : null,
  };
}

/** One entry about a target, as its data subject sees it (who, when, what, how they acted). */
export interface TargetEntry {
  at: string;
  action: string;
  actorName: string | null;
  actorErased: boolean;
  detail: unknown;
}

/**
 * The entries of `actions` about one target, newest first (at most `limit`): what a person is shown
 * of who read their data (a move case's access log, src/recruitment).
 */
export async function listTargetEntries(
  db: Kysely<Database>,
  target: { type: string; id: string; actions: readonly string[]; limit: number },
): Promise<TargetEntry[]> {
  if (target.actions.length === 0) return [];
  const rows = await db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .select(['a.at', 'a.action', 'a.detail', 'u.name', 'u.erased_at'])
    .where('a.target_type', '=', target.type)
    .where('a.target_id', '=', target.id)
    .where('a.action', 'in', target.actions)
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(target.limit)
    .execute();
  return rows.map((r) => ({
    at: r.at,
    action: r.action,
    actorName: r.erased_at ? null : r.name,
    actorErased: r.erased_at !== null,
    detail: r.detail ? (JSON.parse(r.detail) as unknown) : null,
  }));
}
