/**
 * The catalogue of published tables, their dimensions and cell ids, for features that show figures.
 * First: other features read CATALOGUE while they load, so it is evaluated before the routes and
 * jobs, which may lead back to this file through a circle of imports.
 */
export {
  CATALOGUE,
  type CatalogueTable,
  cellId,
  dimensionToken,
  findTable,
  kindOf,
  type PublicDimension,
  parseCellId,
  parseToken,
  type SsykLevel,
} from './catalogue.ts';

/** The primary rule for one cell (threshold and dominance), for every table that shows figures. */
export {
  type CellDecision,
  type CellSummary,
  type DisclosureRule,
  primarySuppression,
  type SuppressionReason,
  summariseContributions,
} from './disclosure.ts';

import { publicationJobs } from './jobs.ts';
import { registerPublicationRoutes } from './routes.ts';

/** Asking for a round's publication (with the disclosure rule) and starting it at once, for closing a round. */
export { requestPublicationQuery, ruleOf } from './compute.ts';
export { startPublishing } from './jobs.ts';
/** Reading a publication's cells: its state, tables, kinds, raw lines and coarser figures of hidden cells. */
export {
  coarserCells,
  coarserKinds,
  type HiddenReason,
  type Publication,
  type PublishedEntry,
  publicationState,
  type RawEntry,
  readKinds,
  readKindsRaw,
  readNamedSkillIds,
  readTable,
  resolveTable,
  type TableRequest,
} from './read.ts';

/** A closed round's publication: computed once, protected jointly, versioned. */
export const feature = {
  name: 'publication',
  routes: [registerPublicationRoutes],
  jobs: publicationJobs,
};
