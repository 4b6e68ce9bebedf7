import type { Kysely } from 'kysely';
import { DomainError, InvalidFields, type KeyedProblem } from '../core/errors.ts';
import type { Scope } from '../core/scope.ts';
import type { Database } from '../db/schema.ts';
import type { Round } from '../surveys/index.ts';
import { findReminderSchedule, formatRoundTime, replaceReminderQueries } from '../surveys/index.ts';

export async function readSchedule(db: Kysely<Database>, roundId: string) {
  return { items: await findReminderSchedule(db, roundId) };
}

/** A closed round's reminders are history: 409. */
export function requireNotClosed(round: Round): void {
  if (round.status === 'closed') {
    throw new DomainError('conflict', 'reminderSchedule.closed', { titleKey: 'round.conflict.title' });
  }
}

/**
 * Replaces the round's reminders still to come with `remindAt` (instants). Refuses times outside
 * the round (`remindAt.N`, InvalidFields) and changes nothing then. One batch: the unsent
 * reminders go and the new ones come, or neither; a time already sent stays as it is.
 */
export async function setReminderSchedule(scope: Scope, round: Round, remindAt: readonly string[]): Promise<void> {
  const { db, atomic } = scope.deps;
  const problems: KeyedProblem[] = [];
  for (const [i, at] of remindAt.entries()) {
    const iso = new Date(at).toISOString();
    if (iso < round.opensAt || iso >= round.closesAt) {
      problems.push({
        path: `remindAt.${i}`,
        messageKey: 'reminderSchedule.outsideRound',
        params: {
          opens: formatRoundTime(round.opensAt, scope.lang),
          closes: formatRoundTime(round.closesAt, scope.lang),
        },
      });
    }
  }
  if (problems.length > 0) throw new InvalidFields(problems);
  const times = [...new Set(remindAt.map((at) => new Date(at).toISOString()))].sort();
  await atomic(replaceReminderQueries(db, round.id, times));
}
