import type { Routes } from '../http/routes.ts';
import { registerPlanActionPages } from './action-pages.ts';
import { registerPlanAdoptPage } from './adopt-page.ts';
import { registerPlanApiRoutes } from './api-routes.ts';
import { registerPlanEditPage } from './edit-page.ts';
import { registerPlanExportRoutes } from './export-routes.ts';
import { registerPlanHistoryPages } from './history-pages.ts';
import { registerPlanPages } from './pages.ts';

/** Competence plans (issue 8): the API, the pages and the exports. */
export function registerPlanRoutes(routes: Routes): void {
  registerPlanApiRoutes(routes);
  registerPlanPages(routes);
  registerPlanEditPage(routes);
  registerPlanActionPages(routes);
  registerPlanAdoptPage(routes);
  registerPlanHistoryPages(routes);
  registerPlanExportRoutes(routes);
}
