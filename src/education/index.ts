import { registerEducationRoutes } from './routes.ts';

/** Education providers' offerings, the gap analysis and the dialogue with providers. */
export const feature = {
  name: 'education',
  routes: [registerEducationRoutes],
};
