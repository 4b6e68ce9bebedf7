import type { Feature } from '../features.ts';
import { registerHealthRoutes } from './routes.ts';

/** Health and readiness checks, metrics. */
export const feature: Feature = {
  name: 'health',
  routes: [registerHealthRoutes],
};
