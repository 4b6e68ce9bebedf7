import type { Context } from 'hono';
import { isSecretariat } from '../core/principal.ts';
import { resolveRound } from '../demand/rounds.ts';
import { demandTable, requirePublication } from '../demand/service.ts';
import type { AppEnv } from '../deps.ts';
import { buildGapReport, ownCells } from './gap-build.ts';
import { focusAreaNotPublished, publishedGapSource } from './gap-published.ts';
import type { GapReport, GapSource } from './gap-types.ts';
import { cachedOfferingMatches, offeringsFingerprint } from './matches.ts';

export type { CoverageLevel, GapItem, GapOffering, GapReport, GapShortage } from './gap-types.ts';

/**
 * The gap between demand and education supply, per occupation (SSYK-4) and horizon
 * (docs/decisions/0012-education-gap.md, and issue 16 for where demand comes from).
 *
 * Demand: for everyone but the secretariat's raw view, cells of the round's publication
 * (gap-published.ts); an open round has none (a 409 naming how many have answered and when the
 * figures appear). A hidden cell stays hidden: its demand, demand per year, coverage and shortage
 * are null, and `coverageLevel` gives the coverage at the nearest coarser published level instead
 * (gap-levels.ts). The secretariat's raw view aggregates need lines, audited (demandTable).
 * Supply and coverage: gap-build.ts.
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
 * fingerprint. Raw reports are never kept: each secretariat read goes through demandTable and its
 * audit entry.
 */
const reports = new WeakMap<object, Map<string, Promise<GapReport>>>();
const MAX_REPORTS = 64;

export async function gapReport(c: Context<AppEnv>, query: GapQuery): Promise<GapReport> {
  const { db } = c.get('deps');
  if (isSecretariat(c.get('principal')) && query.view !== 'protected') return rawGapReport(c, query);
  if (query.focusArea) throw await focusAreaNotPublished(db, query.focusArea);
  const round = await resolveRound(c, query.round);
  const publication = await requirePublication(db, round);
  const fingerprint = await offeringsFingerprint(db);
  const selection = { horizon: query.horizon, provider: query.provider, offeringsLimit: query.offeringsLimit };
  const specialisation = query.specialisation || null;
  const key = JSON.stringify([publication.id, specialisation, selection, c.get('lang'), fingerprint]);
  const memo = reports.get(db) ?? new Map<string, Promise<GapReport>>();
  reports.set(db, memo);
  const held = memo.get(key);
  if (held) return held;
  const report = Promise.all([
    publishedGapSource(db, round, publication, specialisation),
    cachedOfferingMatches(db, fingerprint),
  ]).then(([source, index]) => buildGapReport(db, source, selection, index, c.get('lang'), c.get('t')));
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
async function rawGapReport(c: Context<AppEnv>, query: GapQuery): Promise<GapReport> {
  const filters: { specialisation?: string[]; focusArea?: string[] } = {};
  if (query.specialisation) filters.specialisation = [query.specialisation];
  if (query.focusArea) filters.focusArea = [query.focusArea];
  const [table, index] = await Promise.all([
    demandTable(c, { round: query.round, by: ['occupation', 'horizon'], filters, ssykLevel: 4, view: 'raw' }),
    cachedOfferingMatches(c.get('deps').db),
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
  return buildGapReport(c.get('deps').db, source, selection, index, c.get('lang'), c.get('t'));
}
