import type { Routes } from '../http/routes.ts';
import { registerOfferingApiRoutes } from './api-routes.ts';
import { registerDialogueApiRoutes } from './dialogue-api-routes.ts';
import { registerDialoguePages } from './dialogue-pages.ts';
import { registerEvidenceRoutes } from './evidence-routes.ts';
import { registerGapPages } from './gap-pages.ts';
import { registerGapApiRoutes } from './gap-routes.ts';
import { registerOfferingImportRoutes } from './import-routes.ts';
import { registerOfferingPages } from './offering-pages.ts';

/** Education: offerings, the gap analysis, dialogue and consent, evidence packs. Fixed paths before `:id`. */
export function registerEducationRoutes(routes: Routes): void {
  registerOfferingImportRoutes(routes);
  registerOfferingApiRoutes(routes);
  registerGapApiRoutes(routes);
  registerDialogueApiRoutes(routes);
  registerOfferingPages(routes);
  registerGapPages(routes);
  registerDialoguePages(routes);
  registerEvidenceRoutes(routes);
}
