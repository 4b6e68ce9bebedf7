import { registerApplicationRoutes } from './applications/routes.ts';
import { registerPlacementEditPages } from './edit/pages.ts';
import { registerFollowUpPages } from './follow-ups/pages.ts';
import { placementJobs } from './jobs.ts';
import { registerPublicPlacementPages } from './listings/pages.ts';
import { registerPlacementRoutes } from './listings/routes.ts';
import { placementsEn, placementsSv } from './messages.ts';
import { registerOrganisationPlacementPages } from './organisation/pages.ts';
import { registerStudentPages } from './students/pages.ts';
import { registerStudentRoutes } from './students/routes.ts';
import { profileFirstLanding } from './students/service.ts';

/** Today's date in Swedish time, for other features' deadlines and listings. */
export { stockholmDay } from './dates.ts';
/** Retention from answered follow-ups (hired, stayed in the region), for the competence plans. */
export { retentionFigures } from './follow-ups/service.ts';
/** Open, public placements for occupations or their SSYK groups (the returner pool's notices). */
/** Open placements as recruitment's matching reads them (a partner's or a household's openings). */
export { listOpenPlacementOpenings, type PlacementOpening, type PlacementOpeningQuery } from './openings.ts';
/** The placements' part of a person's data: its export, its shape and its erasure (GDPR), for src/privacy. */
export { erasePlacementData, exportPlacementData } from './privacy.ts';
export { placementDataExport } from './schemas.ts';

/**
 * Internships, LIA, degree projects and trainee posts: listings, students' profiles and
 * applications, follow-ups (issue 7). The student routes come first:
 * /api/v1/placements/recommended must be matched before /api/v1/placements/:id.
 */
export const feature = {
  name: 'placements',
  messages: { sv: placementsSv, en: placementsEn },
  routes: [
    registerStudentRoutes,
    registerPlacementRoutes,
    registerApplicationRoutes,
    registerPublicPlacementPages,
    registerStudentPages,
    registerOrganisationPlacementPages,
    registerPlacementEditPages,
    registerFollowUpPages,
  ],
  jobs: placementJobs,
  hooks: { signInLanding: [profileFirstLanding] },
};
