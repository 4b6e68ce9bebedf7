import { retentionJobs } from './jobs.ts';
import { registerOperationsRoutes } from './routes.ts';

/** Scheduled work: the runner, the operations pages, the reminder schedule and the retention policy. */
export const feature = {
  name: 'operations',
  routes: [registerOperationsRoutes],
  jobs: retentionJobs,
};
