import type { Feature } from '../features.ts';
import { registerHomeRoutes } from './routes.ts';

/** The start page. */
export const feature: Feature = {
  name: 'home',
  routes: [registerHomeRoutes],
};
