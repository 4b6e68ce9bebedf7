import { type Expression, expressionBuilder, type SqlBool } from 'kysely';
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
