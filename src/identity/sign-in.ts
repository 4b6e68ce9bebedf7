import { DomainError } from '../core/errors.ts';
import type { Scope } from '../core/scope.ts';
import { sendMail } from '../mail/index.ts';
import { issueLinkToken, SIGN_IN_LINK_MINUTES } from './links.ts';
import { exchangeTokenQueries, findUserByEmail, listGlobalRoles } from './queries.ts';
import { hitRateLimit } from './rate-limit.ts';
import { AUDIENCE, signToken, verifyToken } from './tokens.ts';

/** Per address and per client, over a quarter of an hour (docs/decisions/0004-passwordless-sign-in.md). */
export const SIGN_IN_LIMITS = {
  perAddress: { limit: 5, windowSeconds: 15 * 60 },
  perClient: { limit: 30, windowSeconds: 15 * 60 },
};

/**
 * Too many links asked for, by this address or from this client: 429 with Retry-After. The kinds
 * of src/core/errors.ts have no 429, so the identity handlers answer it themselves
 * (`signInRefusal` in routes.ts); uncaught, it would be a 409 with the same message.
 */
export class SignInLimited extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('too-many-requests', 'auth.signIn.tooMany', {
      params: { minutes: Math.ceil(retryAfterSeconds / 60) },
      headers: { 'retry-after': String(retryAfterSeconds) },
    });
  }
}

export async function enforceSignInLimits(scope: Scope, email: string): Promise<void> {
  const { db, now } = scope.deps;
  const client = scope.origin.ip ?? 'unknown';
  const [address, fromClient] = await Promise.all([
    hitRateLimit(db, { key: `sign-in:address:${email}`, ...SIGN_IN_LIMITS.perAddress }, now()),
    hitRateLimit(db, { key: `sign-in:client:${client}`, ...SIGN_IN_LIMITS.perClient }, now()),
  ]);
  const refused = [address, fromClient].filter((r) => !r.allowed);
  if (refused.length > 0) {
    const retryAfter = Math.max(...refused.map((r) => r.retryAfterSeconds));
    throw new SignInLimited(retryAfter);
  }
}

/**
 * Mails a single-use sign-in link to a known address (or one of ADMIN_EMAILS), and to an unknown
 * address a note on how to get an account. The caller answers the same either way, so the answer
 * never tells whether an address is known.
 */
export async function requestSignInLink(
  scope: Scope,
  rawEmail: string,
  options: { next?: string; limitsChecked?: boolean } = {},
): Promise<void> {
  const email = rawEmail.trim().toLowerCase();
  const next = options.next;
  if (!options.limitsChecked) await enforceSignInLimits(scope, email);
  const { deps } = scope;
  // The mail is in the language of the person who asked for it.
  const language = scope.lang;
  const known = (await findUserByEmail(deps.db, email)) !== undefined || deps.config.adminEmails.includes(email);
  if (!known) {
    const registerUrl = new URL('/register', deps.config.publicUrl).toString();
    await sendMail(deps, {
      to: email,
      language,
      content: (t) => ({ subject: t('mail.noAccount.subject'), body: t('mail.noAccount.text', { registerUrl }) }),
      links: [registerUrl],
      kind: 'no-account',
    });
    return;
  }
  await mailSignInLink(scope, email, { subject: 'mail.signIn.subject', text: 'mail.signIn.text' }, { next });
}

/**
 * Issues a sign-in link for an address that has an account and mails it, worded by the caller's
 * message keys (the text gets `url` and `minutes`, and whatever `params` adds).
 */
export async function mailSignInLink(
  scope: Scope,
  email: string,
  message: { subject: string; text: string; params?: Record<string, string> },
  options: { next?: string | undefined } = {},
): Promise<void> {
  const { deps } = scope;
  const { next } = options;
  const link = await issueLinkToken(deps, { email, purpose: 'sign-in', ...(next ? { next } : {}) });
  await deps.atomic([link.query]);
  await sendMail(deps, {
    to: email,
    language: scope.lang,
    content: (t) => ({
      subject: t(message.subject),
      body: t(message.text, { ...message.params, url: link.url, minutes: SIGN_IN_LINK_MINUTES }),
    }),
    links: [link.url],
    kind: 'sign-in',
  });
}

export interface SignedIn {
  userId: string;
  sessionId: string;
  sessionToken: string;
  expiresAt: Date;
  invitationOrganisationId: string | null;
}

type LinkClaims = { purpose: 'sign-in' | 'invitation'; email: string; tokenId: string };

async function readLinkToken(scope: Scope, token: string): Promise<LinkClaims> {
  const { keys, config, now } = scope.deps;
  const expected = { issuer: config.publicUrl, now: now() };
  const signIn = await verifyToken(keys.link, token, { ...expected, audience: AUDIENCE.signIn });
  if (signIn.ok) return { purpose: 'sign-in', email: signIn.claims.sub, tokenId: signIn.claims.jti };
  const invitation = await verifyToken(keys.invitation, token, { ...expected, audience: AUDIENCE.invitation });
  if (invitation.ok) return { purpose: 'invitation', email: invitation.claims.sub, tokenId: invitation.claims.jti };
  const expired = signIn.reason === 'expired' || invitation.reason === 'expired';
  throw new LinkRefused(expired ? 'expired' : 'invalid');
}

export type LinkProblem = 'expired' | 'invalid' | 'used' | 'revoked' | 'other-address';

/**
 * A link that cannot be used, and why: 400 with the reason. The kinds of src/core/errors.ts have
 * no 400, so the identity handlers answer it themselves (`signInRefusal` in routes.ts, the verify
 * page); uncaught, it would be a 422 with the same message.
 */
export class LinkRefused extends DomainError {
  constructor(readonly problem: LinkProblem) {
    super('bad-request', `auth.link.${problem}`, { titleKey: 'auth.link.refused' });
  }
}

/**
 * Exchanges a link token for a session, once. Everything happens in one atomic batch whose first
 * statement consumes the token; each later statement acts only if that statement did (it names the
 * new session id), so a second use, a race between two uses, an expired or revoked link all end
 * with nothing written. See docs/decisions/0001-batches-not-transactions.md.
 */
export async function exchangeLinkToken(scope: Scope, token: string, expectedEmail?: string): Promise<SignedIn> {
  const claims = await readLinkToken(scope, token);
  if (expectedEmail !== undefined && expectedEmail.trim().toLowerCase() !== claims.email) {
    throw new LinkRefused('other-address');
  }
  const { db, atomic, now, newId, config } = scope.deps;
  const at = now().toISOString();
  const sessionId = newId();
  const expiresAt = new Date(now().getTime() + config.session.maxHours * 3_600_000);
  const { origin } = scope;
  const isAdmin = config.adminEmails.includes(claims.email);
  await atomic(
    exchangeTokenQueries(db, {
      tokenId: claims.tokenId,
      email: claims.email,
      purpose: claims.purpose,
      // An invitee, or an address in ADMIN_EMAILS, may not have an account yet.
      mayCreateUser: claims.purpose === 'invitation' || isAdmin,
      userId: newId(),
      sessionId,
      expiresAt: expiresAt.toISOString(),
      signInAuditId: newId(),
      acceptedAuditId: newId(),
      origin,
      at,
    }),
  );

  const session = await db
    .selectFrom('sessions as s')
    .leftJoin('sign_in_tokens as t', 't.session_id', 's.id')
    .leftJoin('invitations as i', 'i.id', 't.invitation_id')
    .select(['s.user_id', 'i.organisation_id'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
  if (!session) throw new LinkRefused(await diagnose(scope, claims));
  const sessionToken = await signToken(scope.deps.keys.session, {
    sub: session.user_id,
    jti: sessionId,
    issuedAt: now(),
    expiresAt,
    audience: AUDIENCE.session,
    issuer: config.publicUrl,
  });
  return {
    userId: session.user_id,
    sessionId,
    sessionToken,
    expiresAt,
    invitationOrganisationId: session.organisation_id ?? null,
  };
}

/** Why a link that verified could not be used, for a message that helps. */
async function diagnose(scope: Scope, claims: LinkClaims): Promise<LinkProblem> {
  const { db, now } = scope.deps;
  const row = await db
    .selectFrom('sign_in_tokens as t')
    .leftJoin('invitations as i', 'i.id', 't.invitation_id')
    .select(['t.email', 't.consumed_at', 't.expires_at', 'i.revoked_at', 'i.accepted_at'])
    .where('t.id', '=', claims.tokenId)
    .executeTakeFirst();
  if (!row || row.email !== claims.email) return 'invalid';
  if (row.revoked_at) return 'revoked';
  if (row.consumed_at || row.accepted_at) return 'used';
  if (row.expires_at <= now().toISOString()) return 'expired';
  return 'invalid';
}

/** Where a sign-in goes when its link named no page of its own. */
export const DEFAULT_LANDING = '/account';

/**
 * The page a person sees first after signing in with a link that named no page: the first landing
 * another feature asks for (a student without a profile: the profile form, issue 18), else the
 * account page. Identity knows none of those features; they answer through `deps.hooks`.
 */
export async function landingAfterSignIn(scope: Scope, userId: string): Promise<string> {
  const { hooks, db } = scope.deps;
  if (hooks.signInLanding.length === 0) return DEFAULT_LANDING;
  const roles = await listGlobalRoles(db, userId);
  for (const hook of hooks.signInLanding) {
    const path = await hook.landing(scope.deps, { userId, roles });
    if (path) return path;
  }
  return DEFAULT_LANDING;
}
