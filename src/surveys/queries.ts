import { type Expression, expressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { JsonElement } from '../db/queries.ts';
import type { Database } from '../db/schema.ts';

/**
 * Query pieces that several survey files share, in Kysely's builder. Lists of ids travel as one
 * JSON parameter read with SQLite's json_each: D1 binds at most 100 parameters per statement.
 */

const eb = expressionBuilder<Database>();

const element = expressionBuilder<{ j: JsonElement }, 'j'>();

/** `json_extract(j.value, '$.path')`: one field of the JSON object that the json_each row `j` holds. */
export function jsonField<T = unknown>(path: string) {
  return element.fn<T>('json_extract', [element.ref('j.value'), element.val(`$.${path}`)]);
}

/** `exists (select 1 from rounds where id = ? and status = 'open' and closes_at > ?)`: the round takes answers at `at`. */
export function roundIsOpen(roundId: string, at: string): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('rounds')
      .select(eb.lit(1).as('one'))
      .where('id', '=', roundId)
      .where('status', '=', 'open')
      .where('closes_at', '>', at),
  );
}

/** `exists (select 1 from response_revisions where id = ?)`: a batch's revision was stored, so its later statements act. */
export function revisionStored(revisionId: string | Expression<string>): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('response_revisions')
      .select(eb.lit(1).as('one'))
      .where('id', '=', typeof revisionId === 'string' ? eb.val(revisionId) : revisionId),
  );
}

/** "The target `t` (round_targets) has someone to mail": a member whose account is not erased. */
export function targetHasContact(): Expression<SqlBool> {
  const outer = expressionBuilder<Database & { t: Database['round_targets'] }, 't'>();
  return outer.exists(
    outer
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(outer.lit(1).as('one'))
      .whereRef('m.organisation_id', '=', 't.organisation_id')
      .where('u.erased_at', 'is', null),
  );
}

/**
 * An organisation's first draft for a round (version 1), written only while `open` holds and only
 * if the organisation has no response yet; resolves to its version, or undefined when nothing was
 * written. Saving the first draft and copying last round's answers forward both start this way.
 */
export function insertFirstDraft(
  db: Kysely<Database>,
  response: { roundId: string; organisationId: string; draft: string; at: string; userId: string | null },
  open: Expression<SqlBool>,
) {
  return db
    .insertInto('responses')
    .columns(['round_id', 'organisation_id', 'version', 'status', 'draft', 'updated_at', 'updated_by'])
    .expression(
      db
        .selectNoFrom((eb) => [
          eb.val(response.roundId).as('round_id'),
          eb.val(response.organisationId).as('organisation_id'),
          eb.lit(1).as('version'),
          eb.val('draft').as('status'),
          eb.val(response.draft).as('draft'),
          eb.val(response.at).as('updated_at'),
          eb.val(response.userId).as('updated_by'),
        ])
        .where(open),
    )
    .onConflict((oc) => oc.columns(['round_id', 'organisation_id']).doNothing())
    .returning('version')
    .executeTakeFirst();
}

/** The columns of a submitted response's row, as a submission and an import both write them. */
export const SUBMITTED_RESPONSE_COLUMNS = [
  'round_id',
  'organisation_id',
  'revision',
  'sector',
  'size_class',
  'municipality_code',
  'sni_section',
  'employees_now',
  'expected_change_1y',
  'expected_change_3y',
  'obstacles',
  'provider_interest',
  'contact_consent',
  'submitted_at',
] as const;

/** The columns of a response revision, as a submission and an import both write them. */
export const RESPONSE_REVISION_COLUMNS = [
  'id',
  'round_id',
  'organisation_id',
  'revision',
  'submission_id',
  'document',
  'changes',
  'submitted_by',
  'on_behalf',
  'submitted_at',
] as const;

/** The columns of a need line, in the order a submission and an import both give its values. */
export const NEED_LINE_COLUMNS = [
  'id',
  'round_id',
  'organisation_id',
  'line_no',
  'occupation_id',
  'ssyk_code',
  'headcount',
  'horizon',
  'education_level',
  'difficulty',
  'recruit_local',
  'recruit_outside',
  'relocation_family',
  'train_staff',
  'remote',
  'consultants',
  'placement_kinds',
  'placement_count',
  'comment',
  'work_place',
  'extent',
  'open_to_sharing',
] as const;
