import { registerAdminPages } from './admin-pages.ts';
import { registerIdentityApiRoutes } from './api-routes.ts';
import { cleanupJobs } from './jobs.ts';
import { registerIdentityPages } from './pages.ts';

/** Sign-in, sessions, accounts, roles and API tokens; removes expired sessions, links and rate limits. */
export const feature = {
  name: 'identity',
  routes: [registerIdentityApiRoutes, registerIdentityPages, registerAdminPages],
  jobs: cleanupJobs,
};
