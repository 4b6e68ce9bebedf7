import { retentionJobs } from './jobs.ts';
import { operationsEn, operationsSv } from './messages.ts';
import { registerOperationsRoutes } from './routes.ts';

/** Scheduled work: the runner, the operations pages, the reminder schedule and the retention policy. */
export const feature = {
  name: 'operations',
  messages: { sv: operationsSv, en: operationsEn },
  routes: [registerOperationsRoutes],
  jobs: retentionJobs,
};
