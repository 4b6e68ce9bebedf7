import { registerTaxonomyRoutes } from './routes.ts';

/** Reference data: occupations, skills, SUN, SNI, kommuner, specialisations. */
export const feature = {
  name: 'taxonomy',
  routes: [registerTaxonomyRoutes],
};
