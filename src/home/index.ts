import { registerHomeRoutes } from './routes.ts';

/** The start page. */
export const feature = {
  name: 'home',
  routes: [registerHomeRoutes],
};
