import { type CompiledQuery, type Expression, expressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { auditIn } from '../../audit/index.ts';
import { DomainError, Invalid, NotFound, StaleVersion } from '../../core/errors.ts';
import { actingUser, type Scope } from '../../core/scope.ts';
import { insertRowsIf } from '../../db/queries.ts';
import type { Database } from '../../db/schema.ts';
import { formatDate } from '../../i18n/dates.ts';
import { accountWithRoleQueries, enforceSignInLimits, issueLinkToken, sha256Hex } from '../../identity/index.ts';
import { sendMail } from '../../mail/index.ts';
import { findOccupationsByIds } from '../../taxonomy/index.ts';
import { stockholmDate } from '../move-cases/queries.ts';
import {
  findReturnerByEmail,
  findReturnerByTokenHash,
  presentReturner,
  type ReturnerRow,
  statusOf,
} from './queries.ts';
import type { Returner, ReturnerRegistration, ReturnerUpdate } from './schemas.ts';

/**
 * The returner and alumni pool (decision 0033): a sign-up confirmed by a mailed link, a consent
 * that lasts twelve months and is renewed in one click, an entry the person edits, pauses or
 * leaves in one step.
 */

/** How long a consent lasts, and the policy around it (decision 0033). */
export const CONSENT_MONTHS = 12;
/** The renewal mail goes this many days before the consent lapses. */
export const RENEWAL_NOTICE_DAYS = 30;
/** A lapsed entry is kept this long (renewable), then erased. */
export const LAPSED_GRACE_DAYS = 90;
/** A sign-up whose address was never confirmed is erased after this many days. */
export const UNCONFIRMED_DAYS = 14;

const DAY = 86_400_000;

export function addMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/** A token for the one-click renewal link: two random ids, stored only as its hash. */
export async function newRenewToken(newId: () => string): Promise<{ token: string; hash: string }> {
  const token = `${newId()}${newId()}`.replace(/-/g, '');
  return { token, hash: await sha256Hex(token) };
}

async function requireDetails(
  scope: Scope,
  input: Pick<ReturnerRegistration, 'occupationIds' | 'kommuner' | 'earliestMove'>,
): Promise<{ id: string; ssyk: string | null }[]> {
  const { db } = scope.deps;
  const ids = [...new Set(input.occupationIds)];
  const occupations = await findOccupationsByIds(db, ids);
  if (occupations.length !== ids.length) throw new Invalid('occupationIds', 'returner.validation.occupations');
  const kommuner = [...new Set(input.kommuner)];
  if (kommuner.length > 0) {
    const found = await db.selectFrom('municipalities').select('code').where('code', 'in', kommuner).execute();
    if (found.length !== kommuner.length) throw new Invalid('kommuner', 'returner.validation.kommun');
  }
  if (input.earliestMove && input.earliestMove < stockholmDate(scope.now).slice(0, 7)) {
    throw new Invalid('earliestMove', 'returner.validation.monthPast');
  }
  return occupations.map((o) => ({ id: o.id, ssyk: o.ssyk }));
}

const eb = expressionBuilder<Database>();

/**
 * The entry's occupations, written only where `condition` holds when the batch runs (the row is
 * there: a sign-up that lost a race for the address writes none; an update that was stale none).
 */
function occupationRows(
  db: Kysely<Database>,
  returnerId: string,
  occupations: { id: string; ssyk: string | null }[],
  condition: Expression<SqlBool>,
) {
  return insertRowsIf(
    db,
    'returner_occupations',
    ['returner_id', 'occupation_id', 'ssyk_code'],
    occupations.map((o) => [returnerId, o.id, o.ssyk]),
    condition,
  );
}

/**
 * A sign-up: the entry (pending until the address is confirmed), an account without a role so the
 * person can sign in to it, and a sign-in link to the entry's page, in one batch. For an address
 * that already has an entry nothing changes and the mail says so (the answer is the same either
 * way, so the sign-up does not tell who is in the pool).
 */
export async function registerReturner(scope: Scope, input: ReturnerRegistration): Promise<void> {
  const { deps } = scope;
  const { db, newId, atomic } = deps;
  await enforceSignInLimits(scope, input.email);
  const occupations = await requireDetails(scope, input);
  const existing = await findReturnerByEmail(db, input.email);
  const at = scope.now.toISOString();
  const link = await issueLinkToken(deps, { email: input.email, purpose: 'sign-in', next: '/returners/me' });
  const id = newId();
  await atomic([
    ...(existing
      ? []
      : [
          db
            .insertInto('returners')
            .values({
              id,
              email: input.email,
              name: input.name,
              connection: input.connection,
              earliest_move: input.earliestMove,
              remote: input.remote,
              kommuner: JSON.stringify([...new Set(input.kommuner)]),
              languages: JSON.stringify(input.languages),
              created_at: at,
              updated_at: at,
            })
            .onConflict((oc) => oc.column('email').doNothing())
            .compile(),
          ...occupationRows(
            db,
            id,
            occupations,
            eb.exists(eb.selectFrom('returners').select('id').where('id', '=', id)),
          ),
          ...accountWithRoleQueries(db, { id: newId(), email: input.email, name: input.name, role: null, at }),
          auditIn(scope, {
            action: 'returner.registered',
            targetType: 'returner',
            targetId: id,
            detail: { connection: input.connection, occupations: occupations.length },
          }),
        ]),
    link.query,
  ]);
  const text = existing ? 'returner.mail.existing.text' : 'returner.mail.confirm.text';
  await sendMail(deps, {
    to: input.email,
    language: scope.lang,
    content: (t) => ({ subject: t('returner.mail.confirm.subject'), body: t(text, { url: link.url }) }),
    links: [link.url],
    kind: 'returner',
  });
}

/** The signed-in person's entry, or 404. */
async function requireOwnRow(scope: Scope): Promise<ReturnerRow> {
  const user = actingUser(scope);
  const row = await findReturnerByEmail(scope.deps.db, user.email);
  if (!row) throw new NotFound('returner.error.none');
  return row;
}

/**
 * The person's own entry. Their first view after signing in with the mailed link confirms the
 * address: the consent starts then and lasts CONSENT_MONTHS.
 */
export async function viewOwnReturner(scope: Scope): Promise<Returner> {
  const { db, atomic, newId } = scope.deps;
  let row = await requireOwnRow(scope);
  if (row.status === 'pending') {
    const at = scope.now.toISOString();
    const { hash } = await newRenewToken(newId);
    await atomic([
      db
        .updateTable('returners')
        .set({
          status: 'active',
          consented_at: at,
          expires_at: addMonths(scope.now, CONSENT_MONTHS).toISOString(),
          renew_token_hash: hash,
          updated_at: at,
        })
        .where('id', '=', row.id)
        .where('status', '=', 'pending')
        .compile(),
      auditIn(scope, { action: 'returner.confirmed', targetType: 'returner', targetId: row.id }),
    ]);
    row = await requireOwnRow(scope);
  }
  return presentReturner(db, row, scope.now);
}

/** The person changes their entry; a stale version gets 409. */
export async function updateOwnReturner(scope: Scope, input: ReturnerUpdate): Promise<Returner> {
  const { db, atomic } = scope.deps;
  const row = await requireOwnRow(scope);
  const occupations = await requireDetails(scope, input);
  const at = scope.now.toISOString();
  const tookWrite = eb.exists(
    eb
      .selectFrom('returners')
      .select('id')
      .where('id', '=', row.id)
      .where('version', '=', input.version + 1)
      .where('updated_at', '=', at),
  );
  const [updated] = await atomic([
    db
      .updateTable('returners')
      .set({
        name: input.name,
        connection: input.connection,
        earliest_move: input.earliestMove,
        remote: input.remote,
        kommuner: JSON.stringify([...new Set(input.kommuner)]),
        // Optional: a save without it keeps the stored languages (saves replace only what they carry).
        ...(input.languages === undefined ? {} : { languages: JSON.stringify(input.languages) }),
        version: input.version + 1,
        updated_at: at,
      })
      .where('id', '=', row.id)
      .where('version', '=', input.version)
      .compile(),
    // The occupations are replaced only where the row took this batch's write (not stale).
    db.deleteFrom('returner_occupations').where('returner_id', '=', row.id).where(tookWrite).compile(),
    ...occupationRows(db, row.id, occupations, tookWrite),
    auditIn(scope, { action: 'returner.updated', targetType: 'returner', targetId: row.id }),
  ]);
  if (Number(updated?.numAffectedRows ?? 0) === 0) {
    const current = await presentReturner(db, row, scope.now);
    throw new StaleVersion('returner.error.staleTitle', 'returner.error.stale', input.version, row.version, {
      current,
    });
  }
  return viewOwnReturner(scope);
}

/** Pause (no mail) or resume. A lapsed entry is renewed, not resumed. */
export async function setOwnReturnerStatus(scope: Scope, status: 'active' | 'paused'): Promise<Returner> {
  const { db, atomic } = scope.deps;
  const row = await requireOwnRow(scope);
  const state = statusOf(row, scope.now);
  if (state === 'pending') throw new DomainError('conflict', 'returner.error.pending');
  if (state === 'lapsed') throw new DomainError('conflict', 'returner.error.lapsed');
  const at = scope.now.toISOString();
  await atomic([
    db
      .updateTable('returners')
      .set({ status, version: row.version + 1, updated_at: at })
      .where('id', '=', row.id)
      .compile(),
    auditIn(scope, {
      action: status === 'paused' ? 'returner.paused' : 'returner.resumed',
      targetType: 'returner',
      targetId: row.id,
    }),
  ]);
  return viewOwnReturner(scope);
}

/** The statements that renew an entry for CONSENT_MONTHS from now (a lapsed one within its grace too). */
function renewQueries(scope: Scope, row: ReturnerRow): CompiledQuery[] {
  const { db } = scope.deps;
  const at = scope.now.toISOString();
  return [
    db
      .updateTable('returners')
      .set({
        consented_at: at,
        expires_at: addMonths(scope.now, CONSENT_MONTHS).toISOString(),
        renewal_mailed_at: null,
        version: row.version + 1,
        updated_at: at,
      })
      .where('id', '=', row.id)
      .where('status', '!=', 'pending')
      .compile(),
    auditIn(scope, { action: 'returner.renewed', targetType: 'returner', targetId: row.id }),
  ];
}

/** Renewal by the signed-in person. */
export async function renewOwnReturner(scope: Scope): Promise<Returner> {
  const row = await requireOwnRow(scope);
  if (row.status === 'pending') throw new DomainError('conflict', 'returner.error.pending');
  await scope.deps.atomic(renewQueries(scope, row));
  return viewOwnReturner(scope);
}

/** The entry a renewal link's token names (for its page), or 404: used up, erased or never issued. */
export async function returnerByRenewToken(scope: Scope, token: string): Promise<ReturnerRow> {
  const row = await findReturnerByTokenHash(scope.deps.db, await sha256Hex(token));
  if (!row || row.status === 'pending') throw new NotFound('returner.renew.invalid');
  return row;
}

/** One-click renewal from the mailed link (no sign-in): the token is used up. */
export async function renewByToken(scope: Scope, token: string): Promise<{ expiresAt: string }> {
  const row = await returnerByRenewToken(scope, token);
  const { db, atomic } = scope.deps;
  await atomic([
    ...renewQueries(scope, row),
    db.updateTable('returners').set({ renew_token_hash: null }).where('id', '=', row.id).compile(),
  ]);
  return { expiresAt: addMonths(scope.now, CONSENT_MONTHS).toISOString() };
}

/** Statements that erase entries by id: their occupations, notices and the rows. */
export function eraseReturnerQueries(db: Kysely<Database>, ids: readonly string[]): CompiledQuery[] {
  if (ids.length === 0) return [];
  return [
    db
      .deleteFrom('returner_notices')
      .where('returner_id', 'in', [...ids])
      .compile(),
    db
      .deleteFrom('returner_occupations')
      .where('returner_id', 'in', [...ids])
      .compile(),
    db
      .deleteFrom('returners')
      .where('id', 'in', [...ids])
      .compile(),
  ];
}

/** Leaving the pool: the entry is erased at once (the account stays; it is erased from the account page). */
export async function leaveReturnerPool(scope: Scope): Promise<void> {
  const row = await requireOwnRow(scope);
  await scope.deps.atomic([
    ...eraseReturnerQueries(scope.deps.db, [row.id]),
    auditIn(scope, { action: 'returner.left', targetType: 'returner', targetId: row.id }),
  ]);
}

/** The renewal mail's wording, for the job and the mail wording test. */
export async function mailRenewal(
  scope: Scope,
  row: Pick<ReturnerRow, 'email' | 'expires_at'>,
  token: string,
): Promise<void> {
  const { deps } = scope;
  const url = `${deps.config.publicUrl}/returners/renew?token=${encodeURIComponent(token)}`;
  await sendMail(deps, {
    to: row.email,
    language: 'both',
    content: (t, lang) => ({
      subject: t('returner.mail.renewal.subject'),
      body: t('returner.mail.renewal.text', { date: formatDate(row.expires_at, lang), url }),
    }),
    links: [url],
    kind: 'returner-renewal',
  });
}

export const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY).toISOString();
export const daysAfter = (now: Date, days: number) => new Date(now.getTime() + days * DAY).toISOString();
