import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { gapReport } from '../education/gap.ts';
import { findOfferingMatches } from '../education/matches.ts';
import type { SectionInput } from './sections/context.ts';
import { labelsBoth } from './sections/demand-figures.ts';
import type { GapLine, GapSource } from './sections/education-gap.ts';
import type { RetentionSource } from './sections/placements.ts';

/**
 * The other features a plan draws on, wired here and only here. The education gap is the
 * education feature's own report (src/education/gap.ts), asked for the plan's round,
 * specialisation and view; placement retention (issue 7) has no query function yet, so that
 * section says there is no data.
 */
export interface PlanSources {
  gap: GapSource | null;
  retention: RetentionSource | null;
}

export function planSourcesFor(c: Context<AppEnv>): PlanSources {
  return { gap: (input) => educationGap(c, input), retention: null };
}

async function educationGap(c: Context<AppEnv>, input: SectionInput): Promise<GapLine[] | null> {
  // No offering registered at all: there is no supply to compare with yet.
  if ((await findOfferingMatches(input.db)).length === 0) return null;
  const report = await gapReport(c, {
    round: input.round.id,
    ...(input.specialisation ? { specialisation: input.specialisation } : {}),
    view: input.view,
  });
  const label = await labelsBoth(
    input,
    'occupation',
    report.items.map((i) => i.occupation),
  );
  return report.items.map((item) => ({
    occupation: item.occupation,
    label: label(item.occupation),
    horizon: item.horizon,
    demand: {
      value: item.demand,
      suppressed: item.suppressed,
      reason: item.reason,
      format: 'number',
    },
    supply: item.supply,
    coverage: item.coverage,
    offerings: item.offerings.length,
  }));
}
