import { registerRoundAdminApiRoutes } from './admin-api-routes.ts';
import { registerSurveyApiRoutes } from './api-routes.ts';
import { roundJobs } from './jobs.ts';
import { registerSurveyPages } from './pages.ts';
import { registerRoundAdminPages } from './round-admin-pages.ts';

/** Survey rounds: the secretariat's rounds, invitations and reminders, respondents' answers, imports and exports. */
export const feature = {
  name: 'surveys',
  routes: [registerSurveyApiRoutes, registerRoundAdminApiRoutes, registerRoundAdminPages, registerSurveyPages],
  jobs: roundJobs,
};
