import { type Kysely, sql } from 'kysely';
import type { CoreDeps } from '../core/deps.ts';
import type { Database } from '../db/schema.ts';
import { issueLinkToken } from '../identity/links.ts';
import { bilingual } from '../mail/bilingual.ts';
import { sendMail } from '../mail/mailer.ts';
import { formatRoundTime } from './round-time.ts';
import type { Round } from './rounds.ts';

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
  const rows = await sql<{ organisation_id: string; organisation_name: string; name: string; email: string }>`
    select m.organisation_id, o.name as organisation_name, u.name, u.email
    from memberships m join users u on u.id = m.user_id join organisations o on o.id = m.organisation_id
    where u.erased_at is null and m.organisation_id in (select value from json_each(${JSON.stringify(organisationIds)}))
    order by m.organisation_id, u.email`.execute(db);
  return rows.rows.map((r) => ({
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    name: r.name,
    email: r.email,
  }));
}

/** The condition "the organisation has someone to mail", for the claims in invitations.ts. */
export const hasContact = (organisationColumn: string) =>
  sql`exists (select 1 from memberships m join users u on u.id = m.user_id
    where m.organisation_id = ${sql.ref(organisationColumn)} and u.erased_at is null)`;

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
  const rows = links.map((link, i) => ({
    id: link.id,
    email: (contacts[i]?.email ?? '').toLowerCase(),
    expires_at: link.expiresAt.toISOString(),
  }));
  await deps.atomic([
    sql`insert into sign_in_tokens (id, email, purpose, invitation_id, created_at, expires_at)
        select json_extract(value, '$.id'), json_extract(value, '$.email'), 'sign-in', null, ${at},
               json_extract(value, '$.expires_at')
        from json_each(${JSON.stringify(rows)})`.compile(deps.db),
  ]);
  const signInUrl = new URL('/sign-in', deps.config.publicUrl).toString();
  const key = kind === 'round-invitation' ? 'roundMail.invitation' : 'roundMail.reminder';
  for (const [i, contact] of contacts.entries()) {
    const link = links[i];
    if (!link) continue;
    const wording = bilingual((t, lang) => ({
      subject: t(`${key}.subject`, { round: round.name }),
      text: t(`${key}.text`, {
        name: contact.name,
        organisation: contact.organisationName,
        round: round.name,
        closes: formatRoundTime(round.closesAt, lang),
        url: link.url,
        signInUrl,
      }),
    }));
    await sendMail(deps, { to: contact.email, ...wording, links: [link.url, signInUrl], kind });
  }
  return contacts.length;
}
