import { cachePurgeJob } from '../cache/purge.ts';
import { gapPages } from './gap/cache-key.ts';
import { educationEn, educationSv } from './messages.ts';
import { registerEducationRoutes } from './routes.ts';

/** For plans: the gap report on a Scope, and whether any offering is registered at all. */
export { findOfferingMatches } from './gap/matches.ts';
export { type GapQuery, type GapReport, gapReport } from './gap/service.ts';

/** Education providers' offerings, the gap analysis and the dialogue with providers. */
export const feature = {
  name: 'education',
  messages: { sv: educationSv, en: educationEn },
  routes: [registerEducationRoutes],
  /** Kept gap page bodies that are stale or a week old. */
  jobs: [cachePurgeJob('purge-gap-page-cache', [gapPages])],
};
