import { registerOrganisationRoutes } from './routes.ts';

/** The register of organisations, their members and invitations, and its CSV import. */
export const feature = {
  name: 'organisations',
  routes: [registerOrganisationRoutes],
};
