import { registerHealthRoutes } from './routes.ts';

/** Health and readiness checks, metrics. */
export const feature = {
  name: 'health',
  routes: [registerHealthRoutes],
};
