import type { Routes } from '../http/routes.ts';
import { registerOrganisationEditPage } from './admin-edit-page.ts';
import { registerOrganisationAdminPages } from './admin-pages.ts';
import { registerOrganisationApiRoutes } from './api-routes.ts';
import { registerOrganisationImportRoutes } from './import-routes.ts';
import { registerInvitationApiRoutes } from './invitation-routes.ts';
import { registerOrganisationMemberPage } from './member-page.ts';

/** Organisations and invitations. Fixed paths (…/new, …/import) come before `:id`, which would match them. */
export function registerOrganisationRoutes(routes: Routes): void {
  registerOrganisationImportRoutes(routes);
  registerOrganisationApiRoutes(routes);
  registerInvitationApiRoutes(routes);
  registerOrganisationAdminPages(routes);
  registerOrganisationEditPage(routes);
  registerOrganisationMemberPage(routes);
}
