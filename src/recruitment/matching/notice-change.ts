import { expressionBuilder, type Updateable } from 'kysely';
import { type AuditEntry, auditIfIn } from '../../audit/index.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { StaleVersion } from '../../core/errors.ts';
import type { Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { memberEmails } from '../../identity/index.ts';
import { sendMail } from '../../mail/index.ts';
import type { NoticeRow } from './queries.ts';

/** What both sides of a notice share: its versioned change, its states of contact, the members' mail. */

/** States in which the person's contact details are the organisation's to see. */
export const CONTACT_STATES: readonly NoticeRow['state'][] = ['accepted', 'hired', 'not-hired'];

export function requireVersion(notice: NoticeRow, version: number): void {
  if (notice.version !== version)
    throw new StaleVersion('matching.error.staleTitle', 'matching.error.stale', version, notice.version);
}

const eb = expressionBuilder<Database, never>();

/**
 * One change of a notice and its audit entry in one batch, both only while the notice still has
 * the version and state the change was decided on (a second tab, or the other side, acted since).
 */
export async function changeNotice(
  scope: Scope,
  notice: NoticeRow,
  input: { version: number; from: readonly NoticeRow['state'][] },
  set: Updateable<Database['partner_notices']>,
  entry: AuditEntry,
): Promise<void> {
  const { db, atomic } = scope.deps;
  const stillHolds = eb.exists(
    eb
      .selectFrom('partner_notices')
      .select('id')
      .where('id', '=', notice.id)
      .where('version', '=', input.version)
      .where('state', 'in', [...input.from]),
  );
  const [, result] = await atomic([
    auditIfIn(scope, entry, stillHolds),
    db
      .updateTable('partner_notices')
      .set({ ...set, updated_at: scope.now.toISOString(), version: input.version + 1 })
      .where('id', '=', notice.id)
      .where('version', '=', input.version)
      .where('state', 'in', [...input.from])
      .compile(),
  ]);
  if (Number(result?.numAffectedRows ?? 0) !== 1)
    throw new StaleVersion('matching.error.staleTitle', 'matching.error.stale', input.version, notice.version + 1);
}

/** Tells an organisation's members that a notice waits or was accepted, without anything about the person. */
export async function mailMembers(
  deps: CoreDeps,
  organisationId: string,
  key: 'matching.mail.notice' | 'matching.mail.accepted',
) {
  const url = `${deps.config.publicUrl}/organisations/${encodeURIComponent(organisationId)}/partner-notices`;
  for (const { email: to } of await memberEmails(deps.db, [organisationId])) {
    await sendMail(deps, {
      to,
      language: 'both',
      content: (t) => ({ subject: t(`${key}.subject`), body: t(`${key}.text`, { url }) }),
      links: [url],
      kind: 'partner-notice',
    });
  }
}
