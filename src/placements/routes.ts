import type { Routes } from '../http/routes.ts';
import { registerPlacementApiRoutes } from './api-routes.ts';
import { registerApplicationRoutes } from './application-routes.ts';
import { registerFollowUpPages } from './pages-follow-ups.ts';
import { registerOrganisationPlacementPages } from './pages-organisation.ts';
import { registerPlacementEditPages } from './pages-organisation-edit.ts';
import { registerPublicPlacementPages } from './pages-public.ts';
import { registerStudentPages } from './pages-student.ts';
import { registerStudentRoutes } from './student-routes.ts';

/**
 * Every route of the placements feature (issue 7). The student routes come first:
 * /api/v1/placements/recommended must be matched before /api/v1/placements/:id.
 */
export function registerPlacementRoutes(routes: Routes): void {
  registerStudentRoutes(routes);
  registerPlacementApiRoutes(routes);
  registerApplicationRoutes(routes);
  registerPublicPlacementPages(routes);
  registerStudentPages(routes);
  registerOrganisationPlacementPages(routes);
  registerPlacementEditPages(routes);
  registerFollowUpPages(routes);
}
