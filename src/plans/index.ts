import type { Feature } from '../features.ts';
import { registerPlanRoutes } from './routes.ts';

/** Competence plans per specialisation: drafted from a round's publication, reviewed, adopted. */
export const feature: Feature = {
  name: 'plans',
  routes: [registerPlanRoutes],
};
