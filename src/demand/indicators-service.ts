import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import type { Dimension } from './dimensions.ts';
import { cachedAggregateIndicators } from './indicators.ts';
import { type Indicators, protectIndicators } from './indicators-protect.ts';
import { type DemandRound, resolveRound } from './rounds.ts';

/** A round's recruitment difficulty and strategies, protected for everyone (read from demand_cache). */
export async function demandIndicators(
  c: Context<AppEnv>,
  input: { round?: string | undefined; filters: Partial<Record<Dimension, string[]>>; ssykLevel: 1 | 2 | 3 | 4 },
): Promise<Indicators & { round: DemandRound }> {
  const { db, config, now } = c.get('deps');
  const round = await resolveRound(c, input.round);
  const entries = await cachedAggregateIndicators(
    db,
    { roundId: round.id, filters: input.filters, ssykLevel: input.ssykLevel, dominanceN: config.disclosure.dominanceN },
    now(),
  );
  return { round, ...protectIndicators(entries, config.disclosure) };
}
