import { registerPlanRoutes } from './routes.ts';

/** Competence plans per specialisation: drafted from a round's publication, reviewed, adopted. */
export const feature = {
  name: 'plans',
  routes: [registerPlanRoutes],
};
