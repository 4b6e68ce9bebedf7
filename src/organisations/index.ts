import { registerImportPages } from './import/pages.ts';
import { registerImportRoutes } from './import/routes.ts';
import { registerMemberPages } from './members/pages.ts';
import { registerInvitationRoutes } from './members/routes.ts';
import { registerOrganisationEditPages, registerOrganisationPages } from './pages.ts';
import { registerOrganisationRoutes } from './routes.ts';

/** The organisation number (validated, normalised), for imports of other features. */
export { orgNumberSchema } from './org-number.ts';
/** Sectors and size classes of an organisation, for other features' filters and forms. */
export { SECTORS, SIZE_CLASSES } from './schemas.ts';

/**
 * The register of organisations, their members and invitations, and its CSV import. Fixed paths
 * (…/new, …/import) come before `:id`, which would match them: the import first.
 */
export const feature = {
  name: 'organisations',
  routes: [
    registerImportRoutes,
    registerImportPages,
    registerOrganisationRoutes,
    registerInvitationRoutes,
    registerOrganisationPages,
    registerOrganisationEditPages,
    registerMemberPages,
  ],
};
