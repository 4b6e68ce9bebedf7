import { type CompiledQuery, expressionBuilder, type Kysely } from 'kysely';
import type { CoreDeps } from '../core/deps.ts';
import { type JsonElement, jsonEach } from '../db/queries.ts';
import type { Database } from '../db/schema.ts';
import { AUDIENCE, signToken } from './tokens.ts';

export const SIGN_IN_LINK_MINUTES = 15;
export const INVITATION_DAYS = 14;
/** The longest a link may live, whatever the caller asks (a survey round's personal links). */
export const MAX_LINK_DAYS = 30;

export interface IssuedLink {
  /** The token's row id (its `jti`). */
  id: string;
  /** The row that makes the token single-use; run it (atomically with related rows) before mailing. */
  query: CompiledQuery;
  token: string;
  /** The link to mail: a page that asks the person to confirm, so that mail scanners that follow
   * links cannot use the token up. */
  url: string;
  expiresAt: Date;
}

/**
 * Issues a single-use link token bound to an address: a signed JWT (sub = address, jti = the row
 * id) for the sign-in or invitation audience, each with its own key. `expiresAt` overrides the
 * purpose's default lifetime (a round's personal link lasts until the round closes), capped at
 * MAX_LINK_DAYS.
 */
export async function issueLinkToken(
  deps: Pick<CoreDeps, 'db' | 'keys' | 'config' | 'now' | 'newId'>,
  options: {
    email: string;
    purpose: 'sign-in' | 'invitation';
    invitationId?: string;
    next?: string;
    expiresAt?: Date;
  },
): Promise<IssuedLink> {
  const id = deps.newId();
  const issuedAt = deps.now();
  const latest = issuedAt.getTime() + MAX_LINK_DAYS * 24 * 3_600_000;
  const expiresAt = options.expiresAt
    ? new Date(Math.min(options.expiresAt.getTime(), latest))
    : options.purpose === 'sign-in'
      ? new Date(issuedAt.getTime() + SIGN_IN_LINK_MINUTES * 60_000)
      : new Date(issuedAt.getTime() + INVITATION_DAYS * 24 * 3_600_000);
  const email = options.email.toLowerCase();
  const token = await signToken(options.purpose === 'sign-in' ? deps.keys.link : deps.keys.invitation, {
    sub: email,
    jti: id,
    issuedAt,
    expiresAt,
    audience: options.purpose === 'sign-in' ? AUDIENCE.signIn : AUDIENCE.invitation,
    issuer: deps.config.publicUrl,
  });
  const query = deps.db
    .insertInto('sign_in_tokens')
    .values({
      id,
      email,
      purpose: options.purpose,
      invitation_id: options.invitationId ?? null,
      created_at: issuedAt.toISOString(),
      expires_at: expiresAt.toISOString(),
    })
    .compile();
  const url = new URL('/sign-in/verify', deps.config.publicUrl);
  url.searchParams.set('token', token);
  if (options.next) url.searchParams.set('next', options.next);
  return { id, query, token, url: url.toString(), expiresAt };
}

const element = expressionBuilder<{ j: JsonElement }, 'j'>();
const jsonField = (path: string) => element.fn('json_extract', [element.ref('j.value'), element.val(`$.${path}`)]);

/**
 * The rows of many sign-in links issued at `at` in one statement, instead of each link's own
 * `query` (a round mails every contact a link; D1 counts every statement of a request).
 */
export function signInLinksQuery(
  db: Kysely<Database>,
  links: readonly (Pick<IssuedLink, 'id' | 'expiresAt'> & { email: string })[],
  at: string,
): CompiledQuery {
  const rows = links.map((link) => ({
    id: link.id,
    email: link.email.toLowerCase(),
    expires_at: link.expiresAt.toISOString(),
  }));
  return db
    .insertInto('sign_in_tokens')
    .columns(['id', 'email', 'purpose', 'invitation_id', 'created_at', 'expires_at'])
    .expression(
      db
        .selectFrom(jsonEach(JSON.stringify(rows), 'j'))
        .select((eb) => [
          jsonField('id').as('id'),
          jsonField('email').as('email'),
          eb.val('sign-in').as('purpose'),
          eb.lit(null).as('invitation_id'),
          eb.val(at).as('created_at'),
          jsonField('expires_at').as('expires_at'),
        ]),
    )
    .compile();
}
