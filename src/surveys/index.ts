import { registerSurveyApiRoutes } from './api-routes.ts';
import { roundJobs } from './jobs.ts';
import { registerSurveyPages } from './pages.ts';
import { registerRoundAdminPages } from './rounds/pages.ts';
import { registerRoundAdminApiRoutes } from './rounds/routes.ts';

/** What other features use of rounds: a round, found or refused (404), and its times in Swedish time. */
export { formatRoundTime, isoToStockholm, stockholmToIso } from './round-time.ts';
export { type Round, requireRound } from './rounds.ts';

/** Survey rounds: the secretariat's rounds, invitations and reminders, respondents' answers, imports and exports. */
export const feature = {
  name: 'surveys',
  routes: [registerSurveyApiRoutes, registerRoundAdminApiRoutes, registerRoundAdminPages, registerSurveyPages],
  jobs: roundJobs,
};
