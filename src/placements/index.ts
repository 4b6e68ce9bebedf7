import type { Feature } from '../features.ts';
import { placementJobs } from './jobs.ts';
import { registerPlacementRoutes } from './routes.ts';

/** Internships, LIA, degree projects and trainee posts: listings, students' profiles and applications, follow-ups. */
export const feature: Feature = {
  name: 'placements',
  routes: [registerPlacementRoutes],
  jobs: placementJobs,
};
