import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import type { Membership } from '../identity/principal.ts';
import { cachedAggregateDemand } from './aggregate.ts';
import type { Dimension } from './dimensions.ts';
import { entryKey } from './page-view.ts';

/** The organisation whose own figures a signed-in member sees: the one asked for if theirs, else their first. */
export function ownOrganisation(c: Context<AppEnv>, asked: string | undefined): Membership | undefined {
  const principal = c.get('principal');
  if (principal?.kind !== 'user') return undefined;
  return principal.memberships.find((m) => m.organisationId === asked) ?? principal.memberships[0];
}

/**
 * An organisation's own submitted headcount per entry of the table (cells and margins), keyed
 * like the page's entries. Its own figures are its own to see, so they are not protected; they
 * are computed once per round, query and organisation and kept in demand_cache.
 */
export async function ownFigures(
  c: Context<AppEnv>,
  input: {
    roundId: string;
    organisationId: string;
    by: Dimension[];
    filters: Partial<Record<Dimension, string[]>>;
    ssykLevel: 1 | 2 | 3 | 4;
  },
): Promise<Map<string, number>> {
  const { db, config, now } = c.get('deps');
  const entries = await cachedAggregateDemand(db, { ...input, dominanceN: config.disclosure.dominanceN }, now());
  return new Map(entries.map((e) => [entryKey(e.key), e.headcount]));
}
