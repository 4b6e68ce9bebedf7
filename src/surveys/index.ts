/**
 * The questionnaire's answer options (horizons, placement kinds, strategies), for filters and plans.
 * First: demand's page modules read them while they load, and the routes lead to demand's index
 * and back to this file (a circle of imports), so they are evaluated before the routes.
 */
export { HORIZONS, PLACEMENT_KINDS, STRATEGIES } from './questionnaire.ts';

import { roundJobs } from './jobs.ts';
import { registerSurveyPages } from './respond/pages.ts';
import { registerResponseApiRoutes } from './respond/routes.ts';
import { registerRoundAdminPages } from './rounds/pages.ts';
import { registerRoundApiRoutes } from './rounds/routes.ts';
import { registerTransferApiRoutes } from './transfer/routes.ts';

/** What other features use of rounds: a round, found or refused (404), and its times in Swedish time. */
export { formatRoundTime, isoToStockholm, stockholmToIso } from './round-time.ts';
export { type Round, requireRound } from './rounds.ts';

/**
 * Survey rounds: the secretariat's rounds, invitations and reminders (rounds/), respondents' answers
 * (respond/), imports and exports (transfer/). The API's routes come first, then the pages; no two
 * routes of different registration functions can match the same request.
 */
export const feature = {
  name: 'surveys',
  routes: [
    registerRoundApiRoutes,
    registerResponseApiRoutes,
    registerTransferApiRoutes,
    registerRoundAdminPages,
    registerSurveyPages,
  ],
  jobs: roundJobs,
};
