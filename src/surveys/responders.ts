import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { hasContact } from './round-mail.ts';

export interface Responder {
  organisationId: string;
  name: string;
  orgNumber: string;
  revision: number;
  submittedAt: string | null;
  /** The latest submission was entered by the secretariat for the organisation. */
  onBehalf: boolean;
}

/** The organisations that have submitted in the round (targets or not), by name. */
export async function listResponders(
  db: Kysely<Database>,
  roundId: string,
  limit: number,
): Promise<{ items: Responder[]; more: boolean }> {
  const rows = await sql<{
    id: string;
    name: string;
    org_number: string;
    revision: number;
    submitted_at: string | null;
    on_behalf: number | null;
  }>`
    select o.id, o.name, o.org_number, r.revision, r.submitted_at, v.on_behalf
    from responses r
    join organisations o on o.id = r.organisation_id
    left join response_revisions v on v.round_id = r.round_id and v.organisation_id = r.organisation_id and v.revision = r.revision
    where r.round_id = ${roundId} and r.status = 'submitted'
    order by o.name, o.id
    limit ${limit + 1}`.execute(db);
  return {
    items: rows.rows.slice(0, limit).map((r) => ({
      organisationId: r.id,
      name: r.name,
      orgNumber: r.org_number,
      revision: r.revision,
      submittedAt: r.submitted_at,
      onBehalf: r.on_behalf === 1,
    })),
    more: rows.rows.length > limit,
  };
}

/** Targets not yet invited that now have someone to mail: what POST …/invitations would send. */
export async function countPendingInvitations(db: Kysely<Database>, roundId: string): Promise<number> {
  const rows = await sql<{ n: number }>`
    select count(*) as n from round_targets t
    where t.round_id = ${roundId} and t.invited_at is null and ${hasContact('t.organisation_id')}`.execute(db);
  return Number(rows.rows[0]?.n ?? 0);
}
