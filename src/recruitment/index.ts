import { campaignJobs } from './campaigns/jobs.ts';
import { campaignEn, campaignSv } from './campaigns/messages.ts';
import { registerCampaignPages } from './campaigns/pages.ts';
import { registerCampaignRoutes } from './campaigns/routes.ts';
import { sharedPostJob } from './flexible/jobs.ts';
import { flexibleEn, flexibleSv } from './flexible/messages.ts';
import { registerFlexiblePages } from './flexible/pages.ts';
import { registerFlexibleRoutes } from './flexible/routes.ts';
import { followUpJob } from './follow-ups/jobs.ts';
import { registerFollowUpPages } from './follow-ups/pages.ts';
import { registerFollowUpRoutes } from './follow-ups/routes.ts';
import { guidesEn, guidesSv } from './guides/messages.ts';
import { registerGuidePages } from './guides/pages.ts';
import { registerGuideRoutes } from './guides/routes.ts';
import { matchingJobs } from './matching/jobs.ts';
import { matchingEn, matchingSv } from './matching/messages.ts';
import { registerMatchingPages } from './matching/pages.ts';
import { registerMatchingRoutes } from './matching/routes.ts';
import { recruitmentEn, recruitmentSv } from './messages.ts';
import { recruitmentJobs } from './move-cases/jobs.ts';
import { registerMoveCasePages } from './move-cases/pages.ts';
import { registerMoveCaseRoutes } from './move-cases/routes.ts';
import { householdCaseLanding } from './move-cases/service.ts';
import { networkEn, networkSv } from './network/messages.ts';
import { registerNetworkPages } from './network/pages.ts';
import { registerNetworkRoutes } from './network/routes.ts';
import { outcomeJob } from './outcomes/jobs.ts';
import { outcomesEn, outcomesSv } from './outcomes/messages.ts';
import { registerOutcomePages } from './outcomes/pages.ts';
import { registerOutcomeRoutes } from './outcomes/routes.ts';
import { partnerJobs } from './partners/jobs.ts';
import { partnersEn, partnersSv } from './partners/messages.ts';
import { partnerPagesEn, partnerPagesSv } from './partners/page-messages.ts';
import { registerPartnerPages } from './partners/pages.ts';
import { registerPartnerRoutes } from './partners/routes.ts';
import { returnerJobs } from './returners/jobs.ts';
import { returnersEn, returnersSv } from './returners/messages.ts';
import { registerReturnerPages } from './returners/pages.ts';
import { registerReturnerRoutes } from './returners/routes.ts';

/** Campaigns' part of a person's data: applications and visit-day sign-ups (GDPR), for src/privacy. */
export { eraseCampaignData, exportCampaignData } from './campaigns/privacy.ts';
export { campaignDataExport } from './campaigns/schemas.ts';
/** Open campaigns for given occupation groups and kommuner (for a returner pool to tell its members). */
export { openCampaignsFor } from './campaigns/service.ts';
/** Which need lines a move case may start from (the one predicate; decision 0028). */
export { needsRelocationSupport } from './eligibility.ts';
export { stockholmDate } from './move-cases/queries.ts';
export { recruitmentDataExport } from './move-cases/schemas.ts';
/** A protected outcome share for the competence plans' measures (decision 0036). */
export { outcomeShare } from './outcomes/service.ts';
/** What matching reads: the profiles an organisation may see for a purpose, under a valid consent (decision 0030). */
export { profilesVisibleTo } from './partners/queries.ts';
export { partnerDataExport } from './partners/schemas.ts';
/** Recruitment's part of a person's data: its export, its shape and its erasure (GDPR), for src/privacy. */
export { eraseRecruitmentData, exportPartnerProfile, exportRecruitmentData } from './privacy.ts';
/** The returner pool's part of a person's data (decision 0033). */
export { eraseReturnerData, exportReturnerData } from './returners/privacy.ts';
export { returnerDataExport } from './returners/schemas.ts';

/**
 * Recruiting together (issue 19): move cases opened from a need line, worked by a relocation guide
 * with a checklist whose stalled tasks are escalated, seen by the household (0028), and followed up
 * after the move (0029); the partner's profile with consent and the recruitment network (0030);
 * matching the partner to the region's openings (0031); joint campaigns (0032); the returner and
 * alumni pool (0033); the partner's pages (0034); shared-post proposals from need lines' work form
 * (0035); outcome figures and guides per kommun (0036); the network's pages (0037).
 */
export const feature = {
  name: 'recruitment',
  messages: {
    sv: {
      ...recruitmentSv,
      ...partnersSv,
      ...partnerPagesSv,
      ...networkSv,
      ...matchingSv,
      ...campaignSv,
      ...returnersSv,
      ...flexibleSv,
      ...outcomesSv,
      ...guidesSv,
    },
    en: {
      ...recruitmentEn,
      ...partnersEn,
      ...partnerPagesEn,
      ...networkEn,
      ...matchingEn,
      ...campaignEn,
      ...returnersEn,
      ...flexibleEn,
      ...outcomesEn,
      ...guidesEn,
    },
  },
  routes: [
    registerMoveCaseRoutes,
    registerMoveCasePages,
    registerFollowUpRoutes,
    registerFollowUpPages,
    registerNetworkRoutes,
    registerNetworkPages,
    registerPartnerRoutes,
    registerPartnerPages,
    registerMatchingRoutes,
    registerMatchingPages,
    registerCampaignRoutes,
    registerCampaignPages,
    registerReturnerRoutes,
    registerReturnerPages,
    registerFlexibleRoutes,
    registerFlexiblePages,
    registerOutcomeRoutes,
    registerOutcomePages,
    registerGuideRoutes,
    registerGuidePages,
  ],
  // Follow-ups first: the retention job keeps a case whose follow-ups are still to come. Outcome
  // figures last: they read what the others changed.
  jobs: [
    followUpJob,
    ...recruitmentJobs,
    ...partnerJobs,
    ...matchingJobs,
    ...campaignJobs,
    ...returnerJobs,
    sharedPostJob,
    outcomeJob,
  ],
  hooks: { signInLanding: [householdCaseLanding] },
};
