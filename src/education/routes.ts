import type { Routes } from '../http/routes.ts';
import { registerOfferingApiRoutes } from './api-routes.ts';
import { registerGapApiRoutes } from './gap-routes.ts';

/** Education: offerings, the gap analysis, dialogue and consent, evidence packs. Fixed paths before `:id`. */
export function registerEducationRoutes(routes: Routes): void {
  registerOfferingApiRoutes(routes);
  registerGapApiRoutes(routes);
}
