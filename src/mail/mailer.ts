import type { Kysely } from 'kysely';
import type { MailTransport, OutgoingMail } from '../core/deps.ts';
import type { Logger } from '../core/logger.ts';
import type { Database } from '../db/schema.ts';
import { composeMail, type MailContent, type MailKind, type MailLanguage } from './compose.ts';

export type { MailTransport, OutgoingMail } from '../core/deps.ts';

export interface MailDeps {
  db: Kysely<Database>;
  now: () => Date;
  newId: () => string;
  log: Logger;
  mailTransport: MailTransport | null;
  config: { mail: { from: string; contact: string } };
}

/** A mail as a feature asks for it: its wording per language; greeting and signature are added here. */
export interface MailRequest {
  to: string;
  language: MailLanguage;
  content: MailContent;
  /** The links in the message, kept so that tests and the development outbox can follow them. */
  links: string[];
  kind: MailKind;
}

/**
 * Words the message (greeting, body, signature: composeMail), keeps it in the outbox, then hands
 * it to the transport if there is one. A failed delivery is recorded on the row (attempts,
 * last_error) for a later retry; it never fails the request that caused it, which has already
 * done its work.
 */
export async function sendMail(deps: MailDeps, request: MailRequest): Promise<string> {
  const { subject, text } = composeMail(request.content, request.language, deps.config.mail.contact);
  const mail: OutgoingMail = { to: request.to, subject, text, links: request.links, kind: request.kind };
  const id = deps.newId();
  await deps.db
    .insertInto('outbox')
    .values({
      id,
      to_address: mail.to,
      subject: mail.subject,
      body_text: mail.text,
      links: JSON.stringify(mail.links),
      kind: mail.kind,
      created_at: deps.now().toISOString(),
    })
    .execute();
  if (deps.mailTransport) await deliver(deps, { ...mail, id });
  return id;
}

export async function deliver(deps: MailDeps, mail: OutgoingMail & { id: string }): Promise<boolean> {
  if (!deps.mailTransport) return false;
  try {
    await deps.mailTransport.send({ ...mail, from: deps.config.mail.from });
    await deps.db
      .updateTable('outbox')
      .set((eb) => ({ sent_at: deps.now().toISOString(), attempts: eb('attempts', '+', 1), last_error: null }))
      .where('id', '=', mail.id)
      .execute();
    return true;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    deps.log.error('mail delivery failed', { outboxId: mail.id, transport: deps.mailTransport.name, error: message });
    await deps.db
      .updateTable('outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: message.slice(0, 500) }))
      .where('id', '=', mail.id)
      .execute();
    return false;
  }
}

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  links: string[];
  kind: string;
  /** When the service sent it, i.e. put it in the outbox. */
  createdAt: string;
  /** When a transport delivered it; null while it is only in the outbox. */
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
}

/** An outbox row as the message it holds (what delivery sends and the development outbox shows). */
export function queuedMessage(
  row: Pick<Database['outbox'], 'id' | 'to_address' | 'subject' | 'body_text' | 'links' | 'kind'>,
): OutgoingMail & { id: string } {
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    text: row.body_text,
    links: JSON.parse(row.links) as string[],
    kind: row.kind,
  };
}

/** The outbox, newest first, optionally for one address (development and test only). */
export async function listOutbox(db: Kysely<Database>, to: string | undefined, limit = 50): Promise<OutboxMessage[]> {
  let query = db.selectFrom('outbox').selectAll();
  if (to) query = query.where('to_address', '=', to);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({
    ...queuedMessage(row),
    createdAt: row.created_at,
    sentAt: row.sent_at,
    attempts: row.attempts,
    lastError: row.last_error,
  }));
}
