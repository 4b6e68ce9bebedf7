import type { Routes } from '../http/routes.ts';
import { registerDialoguePages } from './dialogue/pages.ts';
import { registerDialogueApiRoutes } from './dialogue/routes.ts';
import { registerEvidenceRoutes } from './evidence/routes.ts';
import { registerGapPages } from './gap/pages.ts';
import { registerGapApiRoutes } from './gap/routes.ts';
import { registerOfferingImportRoutes } from './import/routes.ts';
import { registerOfferingPages } from './offerings/pages.ts';
import { registerOfferingApiRoutes } from './offerings/routes.ts';

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
