import { registerDemandAnalysisRoutes } from './analysis/routes.ts';
import type { Dimension } from './dimensions.ts';
import { demandJobs } from './jobs.ts';
import { registerOpenDataRoutes } from './open-data/routes.ts';
import { registerDemandPages } from './page/pages.ts';
import type { SuppressionReason } from './protect-table.ts';
import type { DemandRound } from './rounds.ts';
import { registerDemandApiRoutes } from './routes.ts';

/** Demand tables and their change between rounds, for the education gap and evidence packs. */
export { demandChange } from './analysis/change.ts';
/** Primary suppression of one cell (disclosure control), for figures other features show. */
/** Names for the codes of a demand table, in the reader's language. */
export { labelsFor } from './labels.ts';
/** The public demand page's notes on hidden cells and its number format, for pages that show figures. */
export { coarserNotes } from './page/coarser.ts';
export { formatNumber } from './page/format.ts';
/** An organisation's own submitted needs in a round. */
export { listOrganisationNeeds, type OwnNeed } from './queries.ts';
export { listDemandRounds, previousRound, resolveRound } from './rounds.ts';
/** A round's figures: whether they are published, and its demand as cells of its publication. */
export { demandTable, figuresState, publishedDemand, requirePublication } from './service.ts';

/**
 * A round as demand figures name it, the dimensions its figures break down by, and why a cell is
 * hidden. Imported, then exported: the architecture check's parser does not see `export type … from`.
 */
export type { DemandRound, Dimension, SuppressionReason };

/** Demand figures of a round's publication: the API, CSV, open data, analysis and the public demand page. */
export const feature = {
  name: 'demand',
  routes: [registerDemandApiRoutes, registerDemandAnalysisRoutes, registerOpenDataRoutes, registerDemandPages],
  jobs: demandJobs,
};
