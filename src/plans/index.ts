import { registerPlanAdoptPage } from './adopt/pages.ts';
import { registerPlanEditPage } from './edit/pages.ts';
import { registerPlanExportRoutes } from './export/routes.ts';
import { registerPlanHistoryPages } from './history/pages.ts';
import { plansEn, plansSv } from './messages.ts';
import { registerPlanPages } from './pages.ts';
import { registerPlanActionPages } from './review/pages.ts';
import { registerPlanRoutes } from './routes.ts';

/**
 * Competence plans per specialisation (issue 8): drafted from a round's publication, reviewed,
 * adopted. The API, the pages and the exports, registered in this order.
 */
export const feature = {
  name: 'plans',
  messages: { sv: plansSv, en: plansEn },
  routes: [
    registerPlanRoutes,
    registerPlanPages,
    registerPlanEditPage,
    registerPlanActionPages,
    registerPlanAdoptPage,
    registerPlanHistoryPages,
    registerPlanExportRoutes,
  ],
};
