import type { Feature } from '../features.ts';
import { publicationJobs } from './jobs.ts';
import { registerPublicationRoutes } from './routes.ts';

/** A closed round's publication: computed once, protected jointly, versioned. */
export const feature: Feature = {
  name: 'publication',
  routes: [registerPublicationRoutes],
  jobs: publicationJobs,
};
