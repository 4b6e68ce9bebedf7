/**
 * The organisation number (validated, normalised), sectors and size classes, for other features'
 * imports, filters and forms. First, so that they are evaluated before the routes: modules of
 * features in a circle of imports with this one read these constants while they load.
 */
export { orgNumberSchema } from './org-number.ts';
/** An organisation by id and how the acting person relates to it (the education gap's provider view). */
/** Names, sectors and kommuner of organisations by id. */
export { findOrganisation, organisationsOf, viewerOf } from './queries.ts';
export { SECTORS, SIZE_CLASSES } from './schemas.ts';

import { registerImportPages } from './import/pages.ts';
import { registerImportRoutes } from './import/routes.ts';
import { registerMemberPages } from './members/pages.ts';
import { registerInvitationRoutes } from './members/routes.ts';
import { organisationsEn, organisationsSv } from './messages.ts';
import { registerOrganisationEditPages, registerOrganisationPages } from './pages.ts';
import { registerOrganisationRoutes } from './routes.ts';

/**
 * The register of organisations, their members and invitations, and its CSV import. Fixed paths
 * (…/new, …/import) come before `:id`, which would match them: the import first.
 */
export const feature = {
  name: 'organisations',
  messages: { sv: organisationsSv, en: organisationsEn },
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
