import { registerDemandAnalysisRoutes } from './analysis/routes.ts';
import type { Dimension } from './dimensions.ts';
import { registerGiveBackPages } from './give-back/pages.ts';
import { demandJobs } from './jobs.ts';
import { demandEn, demandSv } from './messages.ts';
import { registerOpenDataRoutes } from './open-data/routes.ts';
import { registerDemandPages } from './page/pages.ts';
import type { SuppressionReason } from './protect-table.ts';
import type { DemandRound } from './rounds.ts';
import { registerDemandApiRoutes } from './routes.ts';

/** Demand tables and their change between rounds, for the education gap and evidence packs. */
export { changedMeanings, demandChange } from './analysis/change.ts';
/** Names for the codes of a demand table, in the reader's language. */
export { type DimensionName, labelsFor, namesFor } from './labels.ts';
export { roundsStamp } from './page/cache-key.ts';
export { listDemandRounds, previousRound, resolveRound } from './rounds.ts';
/** A round's demand as a table (its publication's cells; raw for the secretariat), and its publication or why none. */
export { demandTable, requirePublication } from './service.ts';

/**
 * A round as demand figures name it, the dimensions its figures break down by, and why a cell is
 * hidden. Imported, then exported: the architecture check's parser does not see `export type … from`.
 */
export type { DemandRound, Dimension, SuppressionReason };

/**
 * Demand figures of a round's publication: the API, CSV, open data, analysis, the public demand page
 * and a respondent's give-back page (give-back/; its address is under surveys' response form, and no
 * route of surveys, registered first, matches it).
 */
export const feature = {
  name: 'demand',
  messages: { sv: demandSv, en: demandEn },
  routes: [
    registerDemandApiRoutes,
    registerDemandAnalysisRoutes,
    registerOpenDataRoutes,
    registerDemandPages,
    registerGiveBackPages,
  ],
  jobs: demandJobs,
};
