import { sql } from 'kysely';
import { DomainError, InvalidInput, NotFound } from '../core/errors.ts';
import type { Scope } from '../core/scope.ts';
import { checkReferences } from './references.ts';
import { assertRoundOpen } from './responses.ts';
import type { Round } from './rounds.ts';
import { responseDocument } from './schemas.ts';

export interface CopiedForward {
  version: number;
  copiedFrom: { roundId: string; roundName: string; revision: number; submittedAt: string };
}

/**
 * Starts this round's draft from the organisation's latest submission in an earlier round (the
 * round that opened last before this one, its latest revision). Only onto nothing: the draft is
 * inserted as version 1 if no response exists yet, in one statement, so a colleague's saved work
 * is never replaced (409). The copy is checked like any draft: a concept that has since left the
 * reference data is a 422 naming it.
 */
export async function copyForward(scope: Scope, round: Round, organisationId: string): Promise<CopiedForward> {
  assertRoundOpen(scope, round);
  const { db } = scope.deps;
  const earlier = await sql<{
    round_id: string;
    name: string;
    revision: number;
    submitted_at: string;
    document: string;
  }>`
    select v.round_id, ro.name, v.revision, v.submitted_at, v.document
    from response_revisions v join rounds ro on ro.id = v.round_id
    where v.organisation_id = ${organisationId} and v.round_id != ${round.id} and ro.opens_at < ${round.opensAt}
    order by ro.opens_at desc, v.revision desc
    limit 1`.execute(db);
  const source = earlier.rows[0];
  if (!source) throw new NotFound('survey.copyForward.nothing');
  const parsed = responseDocument.safeParse(JSON.parse(source.document));
  if (!parsed.success) throw new InvalidInput(parsed.error.issues);
  await checkReferences(db, parsed.data);

  const at = scope.now.toISOString();
  const { principal } = scope;
  const userId = principal?.kind === 'user' ? principal.userId : null;
  const draft = JSON.stringify(parsed.data);
  const inserted = await sql<{ version: number }>`
    insert into responses (round_id, organisation_id, version, status, draft, updated_at, updated_by)
    select ${round.id}, ${organisationId}, 1, 'draft', ${draft}, ${at}, ${userId}
    where exists (select 1 from rounds where id = ${round.id} and status = 'open' and closes_at > ${at})
    on conflict (round_id, organisation_id) do nothing
    returning version`.execute(db);
  if (!inserted.rows[0]) {
    throw new DomainError('conflict', 'survey.copyForward.exists.detail', {
      titleKey: 'survey.copyForward.exists.title',
    });
  }
  return {
    version: 1,
    copiedFrom: {
      roundId: source.round_id,
      roundName: source.name,
      revision: source.revision,
      submittedAt: source.submitted_at,
    },
  };
}
