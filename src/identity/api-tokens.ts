import type { Kysely } from 'kysely';
import { auditIn } from '../audit/index.ts';
import { NotFound } from '../core/errors.ts';
import type { Scope as TokenScope, UserPrincipal } from '../core/principal.ts';
import type { Scope } from '../core/scope.ts';
import type { Database } from '../db/schema.ts';
import { randomToken, sha256Hex } from './keys.ts';
import { parseScopes } from './queries.ts';

export interface ApiToken {
  id: string;
  name: string;
  scopes: TokenScope[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/**
 * Issues a token for an integration. The secret (`kb_…`) is shown once; only its SHA-256 is kept,
 * which is enough for a 256-bit random secret (no salt or slow hash needed: it cannot be guessed).
 */
export async function issueApiToken(
  scope: Scope,
  issuer: UserPrincipal,
  input: { name: string; scopes: TokenScope[]; expiresInDays?: number | undefined },
): Promise<ApiToken & { token: string }> {
  const { db, atomic, now, newId } = scope.deps;
  const id = newId();
  const token = `kb_${randomToken(32)}`;
  const createdAt = now().toISOString();
  const expiresAt =
    input.expiresInDays === undefined
      ? null
      : new Date(now().getTime() + input.expiresInDays * 86_400_000).toISOString();
  await atomic([
    db
      .insertInto('api_tokens')
      .values({
        id,
        name: input.name,
        token_hash: await sha256Hex(token),
        scopes: JSON.stringify(input.scopes),
        created_by: issuer.userId,
        created_at: createdAt,
        expires_at: expiresAt,
      })
      .compile(),
    auditIn(scope, {
      action: 'api-token.created',
      targetType: 'api-token',
      targetId: id,
      detail: { scopes: input.scopes },
    }),
  ]);
  return { id, name: input.name, scopes: input.scopes, createdAt, expiresAt, lastUsedAt: null, revokedAt: null, token };
}

export async function listApiTokens(db: Kysely<Database>): Promise<ApiToken[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    scopes: parseScopes(row.scopes),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  }));
}

export async function revokeApiToken(scope: Scope, id: string): Promise<void> {
  const { db, atomic, now } = scope.deps;
  const exists = await db.selectFrom('api_tokens').select('id').where('id', '=', id).executeTakeFirst();
  if (!exists) throw new NotFound();
  await atomic([
    db
      .updateTable('api_tokens')
      .set({ revoked_at: now().toISOString() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .compile(),
    auditIn(scope, { action: 'api-token.revoked', targetType: 'api-token', targetId: id }),
  ]);
}
