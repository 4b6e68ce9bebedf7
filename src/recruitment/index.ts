import { campaignJobs } from './campaigns/jobs.ts';
import { campaignEn, campaignSv } from './campaigns/messages.ts';
import { registerCampaignPages } from './campaigns/pages.ts';
import { registerCampaignRoutes } from './campaigns/routes.ts';
import { recruitmentEn, recruitmentSv } from './messages.ts';
import { recruitmentJobs } from './move-cases/jobs.ts';
import { registerMoveCasePages } from './move-cases/pages.ts';
import { registerMoveCaseRoutes } from './move-cases/routes.ts';
import { householdCaseLanding } from './move-cases/service.ts';

/** Campaigns' part of a person's data: applications and visit-day sign-ups (GDPR), for src/privacy. */
export { eraseCampaignData, exportCampaignData } from './campaigns/privacy.ts';
export { campaignDataExport } from './campaigns/schemas.ts';
/** Open campaigns for given occupation groups and kommuner (for a returner pool to tell its members). */
export { openCampaignsFor } from './campaigns/service.ts';
/** Which need lines a move case may start from (the one predicate; decision 0028). */
export { needsRelocationSupport } from './eligibility.ts';
/** Recruitment's part of a person's data: its export, its shape and its erasure (GDPR), for src/privacy. */
export { eraseRecruitmentData, exportRecruitmentData } from './move-cases/privacy.ts';
export { stockholmDate } from './move-cases/queries.ts';
export { recruitmentDataExport } from './move-cases/schemas.ts';

/**
 * Recruiting together (issue 19). This slice: move cases opened from a need line, worked by a
 * relocation guide with a checklist whose stalled tasks are escalated, seen by the household.
 */
export const feature = {
  name: 'recruitment',
  messages: { sv: { ...recruitmentSv, ...campaignSv }, en: { ...recruitmentEn, ...campaignEn } },
  routes: [registerMoveCaseRoutes, registerMoveCasePages, registerCampaignRoutes, registerCampaignPages],
  jobs: [...recruitmentJobs, ...campaignJobs],
  hooks: { signInLanding: [householdCaseLanding] },
};
