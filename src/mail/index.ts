import { retryOutbox } from './jobs.ts';
import { registerDevMailRoutes } from './routes.ts';

/** The development outbox (mail shown instead of sent outside production). */
export const feature = {
  name: 'mail',
  routes: [registerDevMailRoutes],
  jobs: [retryOutbox],
};
