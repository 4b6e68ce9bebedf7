import type { Kysely } from 'kysely';
import type { Membership, Principal } from '../../core/principal.ts';
import type { Database } from '../../db/schema.ts';
import { cachedAggregateDemand } from '../aggregate.ts';
import { fixedCodes, type TableInput } from '../tables.ts';
import { entryKey } from './views.ts';

/** The organisation whose own figures a signed-in member sees: the one asked for if theirs, else their first. */
export function ownOrganisation(
  principal: Principal | null | undefined,
  asked: string | undefined,
): Membership | undefined {
  if (principal?.kind !== 'user') return undefined;
  return principal.memberships.find((m) => m.organisationId === asked) ?? principal.memberships[0];
}

/**
 * An organisation's own submitted headcount per entry of the table (cells and margins), keyed
 * like the page's entries (the selected codes included). Its own figures are its own to see, so
 * they are not protected; they are computed once per round, query and organisation and kept with
 * the round's figures (demandFigures, src/demand/cache.ts).
 */
export async function ownFigures(
  db: Kysely<Database>,
  input: TableInput & { roundId: string; organisationId: string; dominanceN: number; now: Date },
): Promise<Map<string, number>> {
  const { now, ...query } = input;
  const entries = await cachedAggregateDemand(db, query, now);
  const fixed = fixedCodes(input.filters);
  return new Map(entries.map((e) => [entryKey({ ...fixed, ...e.key }), e.headcount]));
}
