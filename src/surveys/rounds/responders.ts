import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { targetHasContact } from '../queries.ts';

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
  const rows = await db
    .selectFrom('responses as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .leftJoin('response_revisions as v', (join) =>
      join
        .onRef('v.round_id', '=', 'r.round_id')
        .onRef('v.organisation_id', '=', 'r.organisation_id')
        .onRef('v.revision', '=', 'r.revision'),
    )
    .select(['o.id', 'o.name', 'o.org_number', 'r.revision', 'r.submitted_at', 'v.on_behalf'])
    .where('r.round_id', '=', roundId)
    .where('r.status', '=', 'submitted')
    .orderBy('o.name')
    .orderBy('o.id')
    .limit(limit + 1)
    .execute();
  return {
    items: rows.slice(0, limit).map((r) => ({
      organisationId: r.id,
      name: r.name,
      orgNumber: r.org_number,
      revision: r.revision,
      submittedAt: r.submitted_at,
      onBehalf: r.on_behalf === 1,
    })),
    more: rows.length > limit,
  };
}

/** Targets not yet invited that now have someone to mail: what POST …/invitations would send. */
export async function countPendingInvitations(db: Kysely<Database>, roundId: string): Promise<number> {
  const row = await db
    .selectFrom('round_targets as t')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('t.round_id', '=', roundId)
    .where('t.invited_at', 'is', null)
    .where(targetHasContact())
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
