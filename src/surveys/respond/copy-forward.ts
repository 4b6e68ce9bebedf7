import { DomainError, InvalidInput, NotFound } from '../../core/errors.ts';
import type { Scope } from '../../core/scope.ts';
import { insertFirstDraft, roundIsOpen } from '../queries.ts';
import { carryForward } from '../questionnaire-answers.ts';
import type { Round } from '../rounds.ts';
import { responseDocument } from '../schemas.ts';
import { checkReferences } from './references.ts';
import { assertRoundOpen } from './responses.ts';

export interface CopiedForward {
  version: number;
  copiedFrom: { roundId: string; roundName: string; revision: number; submittedAt: string };
  /** Need questions whose answers were left out because the question's meaning changed. */
  notCopied: string[];
}

/**
 * Starts this round's draft from the organisation's latest submission in an earlier round (the
 * round that opened last before this one, its latest revision). Only onto nothing: the draft is
 * inserted as version 1 if no response exists yet, in one statement, so a colleague's saved work
 * is never replaced (409). The copy is checked like any draft: a concept that has since left the
 * reference data is a 422 naming it. Copied into a round of another questionnaire version, the
 * answers take that version's form (questionnaire-answers.ts `carryForward`): version 1's strategy
 * relocation-family becomes version 2's partnerNeedsWork, and a headcount, whose meaning changed,
 * is left for the respondent to give anew.
 */
export async function copyForward(scope: Scope, round: Round, organisationId: string): Promise<CopiedForward> {
  assertRoundOpen(scope, round);
  const { db } = scope.deps;
  const source = await db
    .selectFrom('response_revisions as v')
    .innerJoin('rounds as ro', 'ro.id', 'v.round_id')
    .select(['v.round_id', 'ro.name', 'ro.questionnaire_version', 'v.revision', 'v.submitted_at', 'v.document'])
    .where('v.organisation_id', '=', organisationId)
    .where('v.round_id', '!=', round.id)
    .where('ro.opens_at', '<', round.opensAt)
    .orderBy('ro.opens_at', 'desc')
    .orderBy('v.revision', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!source) throw new NotFound('survey.copyForward.nothing');
  const parsed = responseDocument.safeParse(JSON.parse(source.document));
  if (!parsed.success) throw new InvalidInput(parsed.error.issues);
  const { document: copy, notCopied } = carryForward(
    parsed.data,
    source.questionnaire_version,
    round.questionnaireVersion,
  );
  await checkReferences(db, copy);

  const at = scope.now.toISOString();
  const { principal } = scope;
  const userId = principal?.kind === 'user' ? principal.userId : null;
  const draft = JSON.stringify(copy);
  const inserted = await insertFirstDraft(
    db,
    { roundId: round.id, organisationId, draft, at, userId },
    roundIsOpen(round.id, at),
  );
  if (!inserted) {
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
    notCopied,
  };
}
