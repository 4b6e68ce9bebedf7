import { roundJobs } from './jobs.ts';
import { surveysEn, surveysSv } from './messages.ts';
import { registerSurveyPages } from './respond/pages.ts';
import { registerResponseApiRoutes } from './respond/routes.ts';
import { registerRoundAdminPages } from './rounds/pages.ts';
import { registerRoundApiRoutes } from './rounds/routes.ts';
import { registerTransferApiRoutes } from './transfer/routes.ts';

/** Need lines as demand, publication, placements, plans and education read them (surveys owns need_lines and its link tables). */
export {
  agreedToContactInRound,
  countNeedLines,
  countPartTimeNeeds,
  findOwnNeedLine,
  listNeedLineSpecialisations,
  listOrganisationNeeds,
  listPlacementNeedLines,
  listShareablePartTimeLines,
  listStrategyNeedLines,
  listSubmittedNeedLines,
  listSubmitters,
  type NeedLine,
  type NeedLineRounds,
  type OwnNeed,
  type PartTimeCount,
  placementOfferLines,
  reportedNeedInRound,
  type ShareableNeedLine,
  type StrategyNeedLine,
  type SubmittedNeedLine,
} from './need-lines.ts';
/** The questionnaire's answer options (horizons, placement kinds, strategies), for filters and plans. */
export { HORIZONS, PLACEMENT_KINDS, STRATEGIES, type Strategy } from './questionnaire.ts';
/**
 * A response as its respondent sees it, for demand's give-back page (demand reads surveys, never the
 * other way round): who may read it, its state, the organisation's name and the form's address.
 */
export { requireResponseAccess } from './respond/access.ts';
export { findOrganisationName } from './respond/queries.ts';
export { findResponse } from './respond/responses.ts';
export { formPath } from './respond/views.ts';
/** What other features use of rounds: a round, found or refused (404), and its times in Swedish time. */
export { formatRoundTime, isoToStockholm, stockholmToIso } from './round-time.ts';
/** A round's reminder schedule, read and replaced (the operations pages set it). */
export { findReminderSchedule, replaceReminderQueries } from './rounds/reminders.ts';
export { type Round, requireRound } from './rounds.ts';

/**
 * Survey rounds: the secretariat's rounds, invitations and reminders (rounds/), respondents' answers
 * (respond/), imports and exports (transfer/). The API's routes come first, then the pages; no two
 * routes of different registration functions can match the same request.
 */
export const feature = {
  name: 'surveys',
  messages: { sv: surveysSv, en: surveysEn },
  routes: [
    registerRoundApiRoutes,
    registerResponseApiRoutes,
    registerTransferApiRoutes,
    registerRoundAdminPages,
    registerSurveyPages,
  ],
  jobs: roundJobs,
};
