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
};
