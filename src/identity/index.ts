import { registerAdminPages } from './admin/pages.ts';
import { registerPeopleRoutes } from './admin/routes.ts';
import { cleanupJobs } from './jobs.ts';
import { identityEn, identitySv } from './messages.ts';
import { registerIdentityPages } from './pages.ts';
import { registerIdentityApiRoutes } from './routes.ts';

/** Invitations and memberships, which identity owns: statements for organisations' batches. */
export {
  type ImportedMember,
  importedMemberQueries,
  invitationPending,
  inviteQueries,
  revokeInvitationQueries,
} from './invitations.ts';
/** Single-use links (sign-in, invitations) and hashing, for features that mail links or match tokens. */
export { sha256Hex } from './keys.ts';
export { INVITATION_DAYS, issueLinkToken, signInLinksQuery } from './links.ts';
/** Identity's part of a person's data: its export, its shape and its erasure (GDPR), for src/privacy. */
export { eraseIdentityData, exportIdentityData } from './privacy.ts';
/**
 * An account for an address with a role, for an atomic batch (a reviewer invited to a plan); the
 * secretariat's addresses, for mail that must reach it (a move case no guide's area holds); the
 * addresses of organisations' members (who is mailed that something waits for an organisation).
 */
export { accountWithRoleQueries, listSecretariatEmails, memberEmails } from './queries.ts';
/** The accounts the retention policy erases, claimed (src/jobs). */
export { type ClaimedAccount, claimAccountsToErase } from './retention.ts';
/**
 * The middleware that finds who calls (src/app.ts runs it on every request), and the session cookie's
 * removal (an erased person is signed out).
 */
export { authenticate, clearSessionCookie } from './routes.ts';
/** The shape of identity's part of the export, for privacy's response schema. */
export { identityDataExport } from './schemas.ts';
/** The per-address and per-client limits of mailed sign-in links, for features that mail one (the returner pool). */
export { enforceSignInLimits } from './sign-in.ts';

/** Sign-in, sessions, accounts, roles and API tokens; removes expired sessions, links and rate limits. */
export const feature = {
  name: 'identity',
  messages: { sv: identitySv, en: identityEn },
  routes: [registerIdentityApiRoutes, registerIdentityPages, registerAdminPages, registerPeopleRoutes],
  jobs: cleanupJobs,
};
