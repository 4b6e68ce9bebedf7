import { publicationJobs } from './jobs.ts';
import { registerPublicationRoutes } from './routes.ts';

/** A closed round's publication: computed once, protected jointly, versioned. */
export const feature = {
  name: 'publication',
  routes: [registerPublicationRoutes],
  jobs: publicationJobs,
};
