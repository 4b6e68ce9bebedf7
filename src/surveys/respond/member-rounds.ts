import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** A round as one organisation sees it: where its response stands. */
export interface MemberRound {
  roundId: string;
  roundName: string;
  period: string;
  closesAt: string;
  /** Open and before its closing time. */
  acceptsAnswers: boolean;
  organisationId: string;
  organisationName: string;
  state: 'not-started' | 'draft' | 'submitted' | 'changed';
  revision: number;
  /** When the latest version was submitted; null before the first submission. */
  submittedAt: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
  updatedByErased: boolean;
}

/**
 * The rounds that a person's organisations are asked in and still open, and the closed rounds
 * they answered, open ones first. An organisation that answers an open round it was not targeted
 * by (the API allows it) sees that round too.
 */
export async function listMemberRounds(
  db: Kysely<Database>,
  organisationIds: readonly string[],
  now: Date,
): Promise<MemberRound[]> {
  if (organisationIds.length === 0) return [];
  const at = now.toISOString();
  const rows = await db
    .selectFrom('rounds as r')
    .innerJoin('organisations as o', (join) => join.on('o.id', 'in', organisationIds))
    .leftJoin('round_targets as t', (join) =>
      join.onRef('t.round_id', '=', 'r.id').onRef('t.organisation_id', '=', 'o.id'),
    )
    .leftJoin('responses as p', (join) => join.onRef('p.round_id', '=', 'r.id').onRef('p.organisation_id', '=', 'o.id'))
    .leftJoin('users as u', 'u.id', 'p.updated_by')
    .select([
      'r.id as round_id',
      'r.name as round_name',
      'r.period',
      'r.closes_at',
      'r.status as round_status',
      'o.id as organisation_id',
      'o.name as organisation_name',
      'p.status as response_status',
      'p.version',
      'p.submitted_version',
      'p.revision',
      'p.submitted_at',
      'p.updated_at',
      'u.name as updated_by',
      'u.erased_at',
    ])
    .where((eb) =>
      eb.or([
        eb.and([
          eb('r.status', '=', 'open'),
          eb.or([eb('t.organisation_id', 'is not', null), eb('p.round_id', 'is not', null)]),
        ]),
        eb.and([eb('r.status', '=', 'closed'), eb('p.revision', '>', 0)]),
      ]),
    )
    .orderBy((eb) => eb('r.status', '=', 'open'), 'desc')
    .orderBy('r.closes_at', 'desc')
    .orderBy('r.id')
    .orderBy('o.name')
    .execute();
  return rows.map((row) => ({
    roundId: row.round_id,
    roundName: row.round_name,
    period: row.period,
    closesAt: row.closes_at,
    acceptsAnswers: row.round_status === 'open' && row.closes_at > at,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    state:
      row.response_status === null
        ? 'not-started'
        : row.response_status === 'draft'
          ? 'draft'
          : row.version === row.submitted_version
            ? 'submitted'
            : 'changed',
    revision: row.revision ?? 0,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    updatedByErased: row.erased_at !== null,
  }));
}
