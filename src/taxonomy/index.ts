import type { Feature } from '../features.ts';
import { registerTaxonomyRoutes } from './routes.ts';

/** Reference data: occupations, skills, SUN, SNI, kommuner, specialisations. */
export const feature: Feature = {
  name: 'taxonomy',
  routes: [registerTaxonomyRoutes],
};
