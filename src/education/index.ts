import type { Feature } from '../features.ts';
import { registerEducationRoutes } from './routes.ts';

/** Education providers' offerings, the gap analysis and the dialogue with providers. */
export const feature: Feature = {
  name: 'education',
  routes: [registerEducationRoutes],
};
