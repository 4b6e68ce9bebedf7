import { homeEn, homeSv } from './messages.ts';
import { registerHomeRoutes } from './routes.ts';

/** The start page. */
export const feature = {
  name: 'home',
  messages: { sv: homeSv, en: homeEn },
  routes: [registerHomeRoutes],
};
