import { recruitmentEn, recruitmentSv } from './messages.ts';
import { recruitmentJobs } from './move-cases/jobs.ts';
import { registerMoveCasePages } from './move-cases/pages.ts';
import { registerMoveCaseRoutes } from './move-cases/routes.ts';
import { householdCaseLanding } from './move-cases/service.ts';
import { returnerJobs } from './returners/jobs.ts';
import { returnersEn, returnersSv } from './returners/messages.ts';
import { registerReturnerPages } from './returners/pages.ts';
import { registerReturnerRoutes } from './returners/routes.ts';

/** Which need lines a move case may start from (the one predicate; decision 0028). */
export { needsRelocationSupport } from './eligibility.ts';
/** Recruitment's part of a person's data: its export, its shape and its erasure (GDPR), for src/privacy. */
export { eraseRecruitmentData, exportRecruitmentData } from './move-cases/privacy.ts';
export { stockholmDate } from './move-cases/queries.ts';
export { recruitmentDataExport } from './move-cases/schemas.ts';
/** The returner pool's part of a person's data (decision 0029). */
export { eraseReturnerData, exportReturnerData } from './returners/privacy.ts';
export { returnerDataExport } from './returners/schemas.ts';

/**
 * Recruiting together (issue 19): move cases opened from a need line, worked by a relocation guide
 * with a checklist whose stalled tasks are escalated, seen by the household; the returner and
 * alumni pool (decision 0029).
 */
export const feature = {
  name: 'recruitment',
  messages: { sv: { ...recruitmentSv, ...returnersSv }, en: { ...recruitmentEn, ...returnersEn } },
  routes: [registerMoveCaseRoutes, registerMoveCasePages, registerReturnerRoutes, registerReturnerPages],
  jobs: [...recruitmentJobs, ...returnerJobs],
  hooks: { signInLanding: [householdCaseLanding] },
};
