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
/**
 * Joint secondary suppression over a hand-built problem, for tables that are not a round's need
 * lines (the recruitment outcome figures, decision 0029): the same rule, suppressor and audit. The
 * problem's and rule's types are its constructor's parameters.
 */
export { type CellStatus, Suppressor } from './suppress.ts';

import type { RoundClosedHook } from '../core/hooks.ts';
import { requestPublicationQuery, ruleOf } from './compute.ts';
import { publicationJobs, startPublishing } from './jobs.ts';
import { publicationEn, publicationSv } from './messages.ts';
import { registerPublicationRoutes } from './routes.ts';

/** Reading a publication's cells: its state, tables, kinds, raw lines and coarser figures of hidden cells. */
export {
  coarserCells,
  coarserKinds,
  type HiddenReason,
  listPublishedSince,
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

/**
 * When a round closes, its publication is requested in the same batch (so no closed round is left
 * without one) and computed off the request once the batch has committed.
 */
const roundClosed: RoundClosedHook = {
  statements: (deps, event) => [
    requestPublicationQuery(deps.db, {
      id: deps.newId(),
      roundId: event.roundId,
      reason: 'round-closed',
      requestedBy: event.by,
      rule: ruleOf(deps.config),
      at: event.at,
    }),
  ],
  afterCommit: startPublishing,
};

/** A closed round's publication: computed once, protected jointly, versioned. */
/** The disclosure rule of the configuration (DISCLOSURE_* settings), for every protected table. */
export { ruleOf };

export const feature = {
  name: 'publication',
  messages: { sv: publicationSv, en: publicationEn },
  routes: [registerPublicationRoutes],
  jobs: publicationJobs,
  hooks: { roundClosed: [roundClosed] },
};
