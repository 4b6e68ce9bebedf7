import type { Kysely } from 'kysely';
import type { CoreDeps } from '../../core/deps.ts';
import { jsonValues } from '../../db/queries.ts';
import type { Database } from '../../db/schema.ts';
import { issueLinkToken, signInLinksQuery } from '../../identity/index.ts';
import { sendMail } from '../../mail/index.ts';
import { formatRoundTime } from '../round-time.ts';
import type { Round } from '../rounds.ts';

export interface Contact {
  organisationId: string;
  organisationName: string;
  name: string;
  email: string;
}

/** The people who act for these organisations (members and provider staff), erased accounts left out. */
export async function findContacts(db: Kysely<Database>, organisationIds: readonly string[]): Promise<Contact[]> {
  if (organisationIds.length === 0) return [];
  // One parameter for any number of ids: D1 binds at most 100 per statement.
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['m.organisation_id', 'o.name as organisation_name', 'u.name', 'u.email'])
    .where('u.erased_at', 'is', null)
    .where('m.organisation_id', 'in', jsonValues(organisationIds))
    .orderBy('m.organisation_id')
    .orderBy('u.email')
    .execute();
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    name: r.name,
    email: r.email,
  }));
}

/**
 * Mails every contact of the organisations a personal sign-in link that leads to the
 * organisation's response and lasts until the round closes (at most 30 days; links.ts). The text
 * is in Swedish and English, since we do not know which the person reads. The link rows go in
 * one statement (D1 counts every statement of a request), before any mail leaves.
 */
export async function mailContacts(
  deps: CoreDeps,
  round: Round,
  organisationIds: readonly string[],
  kind: 'round-invitation' | 'round-reminder',
): Promise<number> {
  const contacts = await findContacts(deps.db, organisationIds);
  if (contacts.length === 0) return 0;
  const at = deps.now().toISOString();
  const links = await Promise.all(
    contacts.map((contact) =>
      issueLinkToken(deps, {
        email: contact.email,
        purpose: 'sign-in',
        next: `/rounds/${encodeURIComponent(round.id)}/responses/${encodeURIComponent(contact.organisationId)}`,
        expiresAt: new Date(round.closesAt),
      }),
    ),
  );
  const rows = links.map((link, i) => ({ ...link, email: contacts[i]?.email ?? '' }));
  await deps.atomic([signInLinksQuery(deps.db, rows, at)]);
  const signInUrl = new URL('/sign-in', deps.config.publicUrl).toString();
  const key = kind === 'round-invitation' ? 'roundMail.invitation' : 'roundMail.reminder';
  for (const [i, contact] of contacts.entries()) {
    const link = links[i];
    if (!link) continue;
    await sendMail(deps, {
      to: contact.email,
      language: 'both',
      content: (t, lang) => ({
        subject: t(`${key}.subject`, { round: round.name }),
        body: t(`${key}.text`, {
          name: contact.name,
          organisation: contact.organisationName,
          round: round.name,
          closes: formatRoundTime(round.closesAt, lang),
          url: link.url,
          signInUrl,
        }),
      }),
      links: [link.url, signInUrl],
      kind,
    });
  }
  return contacts.length;
}
