import { registerAdminPages } from './admin/pages.ts';
import { registerPeopleRoutes } from './admin/routes.ts';
import { cleanupJobs } from './jobs.ts';
import { registerIdentityPages } from './pages.ts';
import { registerIdentityApiRoutes } from './routes.ts';

/** Erasing an account (the retention job erases inactive people with it). */
export { eraseAccount } from './account.ts';
/** Single-use links (sign-in, invitations) and hashing, for features that mail links or match tokens. */
export { sha256Hex } from './keys.ts';
export { INVITATION_DAYS, issueLinkToken } from './links.ts';
/** An account for an address with a role, for an atomic batch (a reviewer invited to a plan). */
export { accountWithRoleQueries } from './queries.ts';
/** The middleware that finds who calls (src/app.ts runs it on every request). */
export { authenticate } from './routes.ts';

/** Sign-in, sessions, accounts, roles and API tokens; removes expired sessions, links and rate limits. */
export const feature = {
  name: 'identity',
  routes: [registerIdentityApiRoutes, registerIdentityPages, registerAdminPages, registerPeopleRoutes],
  jobs: cleanupJobs,
};
