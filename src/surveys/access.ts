import type { Context } from 'hono';
import { isSecretariat, membershipIn } from '../core/principal.ts';
import type { AppEnv } from '../deps.ts';
import { notFound } from '../http/errors.ts';
import { type Round, requireRound } from './rounds.ts';

/**
 * A round's response is for the organisation's members and the secretariat (whose reads of raw
 * answers are audited). The route's rule has already let the caller in for `organisationId`; this
 * finds the round (a draft round exists only for the secretariat) and the organisation.
 */
export async function requireResponseAccess(
  c: Context<AppEnv>,
  roundId: string,
  organisationId: string,
): Promise<{ round: Round; onBehalf: boolean }> {
  const round = await requireRound(c.get('deps').db, roundId);
  const principal = c.get('principal');
  const secretariatAccess = isSecretariat(principal);
  if (!secretariatAccess && round.status === 'draft') throw notFound(c.get('t')('round.notFound'));
  const target = await c
    .get('deps')
    .db.selectFrom('organisations')
    .select('id')
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!target) throw notFound();
  return { round, onBehalf: secretariatAccess && !membershipIn(principal, organisationId) };
}
