import { isSecretariat } from '../../core/principal.ts';
import type { Scope } from '../../core/scope.ts';
import { demandTable, requirePublication, resolveRound } from '../../demand/index.ts';
import { translator } from '../../i18n/i18n.ts';
import { buildGapReport, ownCells } from './build.ts';
import { cachedOfferingMatches, offeringsVersion } from './matches.ts';
import { focusAreaNotPublished, publishedGapSource } from './published.ts';
import type { GapReport, GapSource } from './types.ts';

export type { CoverageLevel, GapItem, GapOffering, GapReport, GapShortage } from './types.ts';

/**
 * The gap between demand and education supply, per occupation (SSYK-4) and horizon
 * (docs/decisions/0012-education-gap.md, and issue 16 for where demand comes from).
 *
 * Demand: for everyone but the secretariat's raw view, cells of the round's publication
 * (published.ts); an open round has none (a 409 naming how many have answered and when the
 * figures appear). A hidden cell stays hidden: its demand, demand per year, coverage and shortage
 * are null, and `coverageLevel` gives the coverage at the nearest coarser published level instead
 * (levels.ts). The secretariat's raw view aggregates need lines, audited (demandTable).
 * Supply and coverage: build.ts.
 */
export interface GapQuery {
  round?: string | undefined;
  specialisation?: string | undefined;
  focusArea?: string | undefined;
  horizon?: string | undefined;
  provider?: string | undefined;
  view?: 'raw' | 'protected' | undefined;
  /** At most this many offerings listed per row (all count towards supply); default all. */
  offeringsLimit?: number | undefined;
}

/**
 * Protected reports, memoised per database handle under everything they depend on: the
 * publication (a published one never changes), the selection, the language and the offerings'
 * version. Raw reports are never kept: each secretariat read goes through demandTable and its
 * audit entry.
 */
const reports = new WeakMap<object, Map<string, Promise<GapReport>>>();
const MAX_REPORTS = 64;

export async function gapReport(scope: Scope, query: GapQuery): Promise<GapReport> {
  const { db } = scope.deps;
  const { lang } = scope;
  if (isSecretariat(scope.principal) && query.view !== 'protected') return rawGapReport(scope, query);
  if (query.focusArea) throw await focusAreaNotPublished(db, query.focusArea);
  const round = await resolveRound(db, query.round);
  const publication = await requirePublication(db, round);
  const fingerprint = await offeringsVersion(db);
  const selection = { horizon: query.horizon, provider: query.provider, offeringsLimit: query.offeringsLimit };
  const specialisation = query.specialisation || null;
  const key = JSON.stringify([publication.id, specialisation, selection, lang, fingerprint]);
  const memo = reports.get(db) ?? new Map<string, Promise<GapReport>>();
  reports.set(db, memo);
  const held = memo.get(key);
  if (held) return held;
  const report = Promise.all([
    publishedGapSource(db, round, publication, specialisation),
    cachedOfferingMatches(db, fingerprint),
  ]).then(([source, index]) => buildGapReport(db, source, selection, index, lang, translator(lang)));
  memo.set(key, report);
  report.catch(() => memo.delete(key));
  while (memo.size > MAX_REPORTS) {
    const oldest = memo.keys().next().value;
    if (oldest === undefined) break;
    memo.delete(oldest);
  }
  return report;
}

/** The secretariat's view on raw figures (audited by demandTable), marked internal. */
async function rawGapReport(scope: Scope, query: GapQuery): Promise<GapReport> {
  const filters: { specialisation?: string[]; focusArea?: string[] } = {};
  if (query.specialisation) filters.specialisation = [query.specialisation];
  if (query.focusArea) filters.focusArea = [query.focusArea];
  const [table, index] = await Promise.all([
    demandTable(scope, { round: query.round, by: ['occupation', 'horizon'], filters, ssykLevel: 4, view: 'raw' }),
    cachedOfferingMatches(scope.deps.db),
  ]);
  const specialisation = query.specialisation || null;
  const entries: GapSource['entries'] = table.cells.map((cell) => ({
    occupation: cell.key.occupation ?? '',
    horizon: cell.key.horizon ?? '',
    headcount: cell.headcount,
    suppressed: cell.suppressed,
    reason: cell.reason,
  }));
  const source: GapSource = {
    round: table.round,
    protected: false,
    publication: null,
    specialisation,
    focusArea: query.focusArea || null,
    entries,
    cells: ownCells(entries, specialisation),
  };
  const selection = { horizon: query.horizon, provider: query.provider, offeringsLimit: query.offeringsLimit };
  return buildGapReport(scope.deps.db, source, selection, index, scope.lang, translator(scope.lang));
}
