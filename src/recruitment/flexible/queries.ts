import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** A stored proposal with the organisations it has named and their answers (decision 0035). */
export interface ProposalRow {
  id: string;
  roundId: string;
  roundName: string;
  ssyk: string;
  createdAt: string;
  members: { organisationId: string; state: 'proposed' | 'accepted' | 'declined'; answeredAt: string | null }[];
}

/** Creates the proposal of a round's occupation group once; a second run finds it. Returns its id and whether it is new. */
export async function claimProposal(
  db: Kysely<Database>,
  proposal: { id: string; roundId: string; ssyk: string; at: string },
): Promise<{ id: string; created: boolean }> {
  const inserted = await db
    .insertInto('shared_post_proposals')
    .values({ id: proposal.id, round_id: proposal.roundId, ssyk_code: proposal.ssyk, created_at: proposal.at })
    .onConflict((oc) => oc.columns(['round_id', 'ssyk_code']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const found = await db
    .selectFrom('shared_post_proposals')
    .select('id')
    .where('round_id', '=', proposal.roundId)
    .where('ssyk_code', '=', proposal.ssyk)
    .executeTakeFirstOrThrow();
  return { id: found.id, created: false };
}

/**
 * Names an organisation in a proposal, once: true only for the run that added it, so that two runs
 * at the same moment mail it once (one conditional statement claims it).
 */
export async function claimMember(
  db: Kysely<Database>,
  proposalId: string,
  organisationId: string,
  at: string,
): Promise<boolean> {
  const inserted = await db
    .insertInto('shared_post_members')
    .values({ proposal_id: proposalId, organisation_id: organisationId, added_at: at })
    .onConflict((oc) => oc.columns(['proposal_id', 'organisation_id']).doNothing())
    .returning('organisation_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Proposals with their members: all of them, the one `proposalId`, or those naming `organisationId`. */
export async function listProposals(
  db: Kysely<Database>,
  filter: { proposalId?: string; organisationId?: string } = {},
): Promise<ProposalRow[]> {
  const proposals = await db
    .selectFrom('shared_post_proposals as p')
    .innerJoin('rounds as r', 'r.id', 'p.round_id')
    .select(['p.id', 'p.round_id', 'r.name as round_name', 'p.ssyk_code', 'p.created_at'])
    .$if(filter.proposalId !== undefined, (q) => q.where('p.id', '=', filter.proposalId ?? ''))
    .$if(filter.organisationId !== undefined, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('shared_post_members as own')
            .select('own.proposal_id')
            .whereRef('own.proposal_id', '=', 'p.id')
            .where('own.organisation_id', '=', filter.organisationId ?? ''),
        ),
      ),
    )
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id')
    .limit(500)
    .execute();
  if (proposals.length === 0) return [];
  const members = await db
    .selectFrom('shared_post_members')
    .select(['proposal_id', 'organisation_id', 'state', 'answered_at'])
    .where(
      'proposal_id',
      'in',
      proposals.map((p) => p.id),
    )
    .orderBy('added_at')
    .orderBy('organisation_id')
    .execute();
  return proposals.map((p) => ({
    id: p.id,
    roundId: p.round_id,
    roundName: p.round_name,
    ssyk: p.ssyk_code,
    createdAt: p.created_at,
    members: members
      .filter((m) => m.proposal_id === p.id)
      .map((m) => ({
        organisationId: m.organisation_id,
        state: m.state === 'accepted' || m.state === 'declined' ? m.state : 'proposed',
        answeredAt: m.answered_at,
      })),
  }));
}

/** An organisation's answer: one statement, which changes nothing unless the organisation is named. */
export function answerQuery(
  db: Kysely<Database>,
  answer: { proposalId: string; organisationId: string; state: 'accepted' | 'declined'; at: string; by: string },
) {
  return db
    .updateTable('shared_post_members')
    .set({ state: answer.state, answered_at: answer.at, answered_by: answer.by })
    .where('proposal_id', '=', answer.proposalId)
    .where('organisation_id', '=', answer.organisationId)
    .compile();
}

/** The occupation groups' names (SSYK 4). */
export async function ssykNames(db: Kysely<Database>, codes: readonly string[]) {
  if (codes.length === 0) return new Map<string, { sv: string; en: string }>();
  const rows = await db
    .selectFrom('ssyk')
    .select(['code', 'name_sv', 'name_en'])
    .where('code', 'in', [...codes])
    .execute();
  return new Map(rows.map((r) => [r.code, { sv: r.name_sv, en: r.name_en }]));
}

/** Whether a round exists (the counts of an unknown round are a 404). */
export async function roundExists(db: Kysely<Database>, roundId: string): Promise<boolean> {
  return (await db.selectFrom('rounds').select('id').where('id', '=', roundId).executeTakeFirst()) !== undefined;
}
