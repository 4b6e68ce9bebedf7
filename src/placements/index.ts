import { placementJobs } from './jobs.ts';
import { registerPlacementRoutes } from './routes.ts';

/** Internships, LIA, degree projects and trainee posts: listings, students' profiles and applications, follow-ups. */
export const feature = {
  name: 'placements',
  routes: [registerPlacementRoutes],
  jobs: placementJobs,
};
