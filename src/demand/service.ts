import type { Context } from 'hono';
import { recordAudit } from '../audit/audit.ts';
import type { AppEnv } from '../deps.ts';
import { isSecretariat } from '../identity/principal.ts';
import { cachedAggregateDemand, demandQueryKey } from './aggregate.ts';
import { readThroughCache } from './cache.ts';
import type { Dimension } from './dimensions.ts';
import { type ProtectedEntry, protectTable } from './protect-table.ts';
import { type DemandRound, resolveRound } from './rounds.ts';

export interface DemandTable {
  round: DemandRound;
  by: Dimension[];
  protected: boolean;
  cells: ProtectedEntry[];
  totals: ProtectedEntry[];
}

/**
 * Demand as a table: protected for everyone, raw for the secretariat (whose reads are audited)
 * unless it asks for the protected view (`preview`), which also says what would be hidden.
 */
export async function demandTable(
  c: Context<AppEnv>,
  input: {
    round?: string | undefined;
    by: Dimension[];
    filters: Partial<Record<Dimension, string[]>>;
    ssykLevel: 1 | 2 | 3 | 4;
    view?: 'raw' | 'protected';
  },
): Promise<DemandTable> {
  const { db, config } = c.get('deps');
  const round = await resolveRound(c, input.round);
  const query = {
    roundId: round.id,
    by: input.by,
    filters: input.filters,
    ssykLevel: input.ssykLevel,
    dominanceN: config.disclosure.dominanceN,
  };
  const now = c.get('deps').now();
  const raw = isSecretariat(c.get('principal')) && input.view !== 'protected';
  let out: ProtectedEntry[];
  if (raw) {
    const entries = await cachedAggregateDemand(db, query, now);
    const protectedEntries = protectTable(input.by, entries, config.disclosure);
    out = entries.map((e, i) => ({
      key: e.key,
      headcount: e.headcount,
      organisations: e.organisations,
      suppressed: false,
      reason: protectedEntries[i]?.reason ?? null,
    }));
    await recordAudit(c, {
      action: 'raw-answers.read',
      targetType: 'demand',
      targetId: round.id,
      detail: { by: input.by },
    });
  } else {
    // Secondary suppression is the costly part of a read; its result is kept beside the figures.
    const key = JSON.stringify({ protected: demandQueryKey(query), rule: config.disclosure });
    out = await readThroughCache(db, round.id, key, now, async () =>
      protectTable(input.by, await cachedAggregateDemand(db, query, now), config.disclosure),
    );
  }
  const isCell = (e: ProtectedEntry) => input.by.every((d) => e.key[d] !== undefined);
  return { round, by: input.by, protected: !raw, cells: out.filter(isCell), totals: out.filter((e) => !isCell(e)) };
}
