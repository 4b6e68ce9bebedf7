import type { GapSource } from './sections/education-gap.ts';
import type { RetentionSource } from './sections/placements.ts';

/**
 * The other features a plan draws on. The education gap (issue 6, src/education) and placement
 * retention (issue 7, src/placements) are wired here, and only here, when their query functions
 * exist; until then their sections say that there is no data yet.
 */
export interface PlanSources {
  gap: GapSource | null;
  retention: RetentionSource | null;
}

export const planSources: PlanSources = { gap: null, retention: null };
