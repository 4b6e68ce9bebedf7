import { NotFound } from '../../core/errors.ts';
import { isSecretariat, membershipIn } from '../../core/principal.ts';
import type { Scope } from '../../core/scope.ts';
import { type Round, requireRound } from '../rounds.ts';

/**
 * A round's response is for the organisation's members and the secretariat (whose reads of raw
 * answers are audited). The route's rule has already let the caller in for `organisationId`; this
 * finds the round (a draft round exists only for the secretariat) and the organisation.
 */
export async function requireResponseAccess(
  scope: Scope,
  roundId: string,
  organisationId: string,
): Promise<{ round: Round; onBehalf: boolean }> {
  const { db } = scope.deps;
  const round = await requireRound(db, roundId);
  const { principal } = scope;
  const secretariatAccess = isSecretariat(principal);
  if (!secretariatAccess && round.status === 'draft') throw new NotFound('round.notFound');
  const target = await db.selectFrom('organisations').select('id').where('id', '=', organisationId).executeTakeFirst();
  if (!target) throw new NotFound();
  return { round, onBehalf: secretariatAccess && !membershipIn(principal, organisationId) };
}
