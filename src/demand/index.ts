import { registerDemandAnalysisRoutes } from './analysis/routes.ts';
import { demandJobs } from './jobs.ts';
import { registerOpenDataRoutes } from './open-data/routes.ts';
import { registerDemandPages } from './page/pages.ts';
import { registerDemandApiRoutes } from './routes.ts';

/** Demand figures of a round's publication: the API, CSV, open data, analysis and the public demand page. */
export const feature = {
  name: 'demand',
  routes: [registerDemandApiRoutes, registerDemandAnalysisRoutes, registerOpenDataRoutes, registerDemandPages],
  jobs: demandJobs,
};
