import { type Expression, expressionBuilder, type SqlBool } from 'kysely';
import { DraftConflict, RoundClosed } from '../../core/errors.ts';
import { isSecretariat } from '../../core/principal.ts';
import type { Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { translator } from '../../i18n/i18n.ts';
import { insertFirstDraft, roundIsOpen } from '../queries.ts';
import { conformToQuestionnaire } from '../questionnaire-answers.ts';
import type { Round } from '../rounds.ts';
import { type ResponseDocument, responseDocument } from '../schemas.ts';
import { checkReferences } from './references.ts';

export interface ResponseView extends ResponseDocument {
  roundId: string;
  organisationId: string;
  version: number;
  status: 'draft' | 'submitted';
  revision: number;
  hasUnsubmittedChanges: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
  submittedAt: string | null;
}

export const EMPTY_DOCUMENT: ResponseDocument = { organisation: {}, needs: [] };

export async function findResponse(scope: Scope, roundId: string, organisationId: string): Promise<ResponseView> {
  const row = await scope.deps.db
    .selectFrom('responses as r')
    .leftJoin('users as u', 'u.id', 'r.updated_by')
    .select([
      'r.version',
      'r.status',
      'r.draft',
      'r.updated_at',
      'u.name as updated_by_name',
      'u.erased_at',
      'r.revision',
      'r.submitted_version',
      'r.submitted_at',
    ])
    .where('r.round_id', '=', roundId)
    .where('r.organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (!row) {
    return {
      roundId,
      organisationId,
      version: 0,
      status: 'draft',
      ...EMPTY_DOCUMENT,
      revision: 0,
      hasUnsubmittedChanges: false,
      updatedAt: null,
      updatedBy: null,
      submittedAt: null,
    };
  }
  return {
    roundId,
    organisationId,
    version: row.version,
    status: row.status as 'draft' | 'submitted',
    ...responseDocument.parse(JSON.parse(row.draft)),
    revision: row.revision,
    hasUnsubmittedChanges: row.status === 'submitted' && row.version !== row.submitted_version,
    updatedAt: row.updated_at,
    updatedBy: row.erased_at ? translator(scope.lang)('survey.erasedUser') : (row.updated_by_name ?? null),
    submittedAt: row.submitted_at,
  };
}

/** A round takes answers while it is open, and not after its closing time even before the scheduler closes it. */
/**
 * A closed round takes a correction from the secretariat (issue 16: a late correction is published
 * again as a new version of the round's publication, audited, with what changed); nobody else
 * answers a closed round.
 */
export function isCorrection(scope: Scope, round: Round): boolean {
  return round.status === 'closed' && isSecretariat(scope.principal);
}

/** The SQL condition that the round still takes this write (checked inside the write itself). */
export function roundTakesWrite(scope: Scope, round: Round, at: string): Expression<SqlBool> {
  if (!isCorrection(scope, round)) return roundIsOpen(round.id, at);
  const eb = expressionBuilder<Database>();
  return eb.exists(
    eb.selectFrom('rounds').select(eb.lit(1).as('one')).where('id', '=', round.id).where('status', '=', 'closed'),
  );
}

export function assertRoundOpen(scope: Scope, round: Round): void {
  if (isCorrection(scope, round)) return;
  if (round.status !== 'open' || scope.now.toISOString() >= round.closesAt) {
    throw new RoundClosed(round.status);
  }
}

/**
 * Saves the shared draft if `version` is the one stored (0 before the first save): one statement,
 * so two colleagues can never overwrite each other silently. A stale version gets 409 with the
 * stored document, so the second person sees both versions and keeps their input. The draft is
 * stored in the form of the round's questionnaire version (questionnaire-answers.ts).
 */
export async function saveDraft(
  scope: Scope,
  round: Round,
  organisationId: string,
  input: ResponseDocument & { version: number },
): Promise<{ version: number }> {
  assertRoundOpen(scope, round);
  const document = conformToQuestionnaire(input, round.questionnaireVersion);
  await checkReferences(scope.deps.db, document);
  const { db } = scope.deps;
  const { principal } = scope;
  const at = scope.now.toISOString();
  const userId = principal?.kind === 'user' ? principal.userId : null;
  const draft = JSON.stringify({ organisation: document.organisation, needs: document.needs });
  const roundOpen = roundTakesWrite(scope, round, at);
  const saved =
    input.version === 0
      ? await insertFirstDraft(db, { roundId: round.id, organisationId, draft, at, userId }, roundOpen)
      : await db
          .updateTable('responses')
          .set((eb) => ({ version: eb('version', '+', 1), draft, updated_at: at, updated_by: userId }))
          .where('round_id', '=', round.id)
          .where('organisation_id', '=', organisationId)
          .where('version', '=', input.version)
          .where(roundOpen)
          .returning('version')
          .executeTakeFirst();
  if (saved) return { version: saved.version };
  // Nothing was written: tell why.
  const current = await findResponse(scope, round.id, organisationId);
  if (input.version === 0 && current.version === 0) assertRoundOpen(scope, round);
  throw new DraftConflict(current, current.updatedBy ?? '?', current.updatedAt ?? '');
}
