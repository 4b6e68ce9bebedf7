import type { Context } from 'hono';
import { demandQueryKey } from '../demand/aggregate.ts';
import { labelsFor } from '../demand/labels.ts';
import type { ProtectedEntry } from '../demand/protect-table.ts';
import { resolveRound } from '../demand/rounds.ts';
import { demandTable } from '../demand/service.ts';
import type { AppEnv } from '../deps.ts';
import { isSecretariat } from '../identity/principal.ts';
import { cachedOfferingMatches, type OfferingMatch, offeringsFingerprint } from './matches.ts';

/**
 * The gap between demand and education supply, per occupation (SSYK-4) and horizon
 * (docs/decisions/0012-education-gap.md).
 *
 * Demand: the demand module's table by occupation × horizon for the round and the chosen
 * specialisation / focus area, protected for everyone but the secretariat (demandTable). A hidden
 * demand cell stays hidden here: its demand, demand per year and coverage are null.
 * Supply: the annual graduates of the offerings that prepare for the occupation (matches.ts). An
 * offering matched to several occupations has its graduates split equally between them, so that
 * summed supply never exceeds the graduates there are.
 * Coverage: graduates over the horizon's years (0–1: 1 year; 1–3 and 3–5: 2 years each) divided
 * by the demanded headcount, i.e. supply per year over demand per year.
 */
export const HORIZON_YEARS: Record<string, number> = { '0-1': 1, '1-3': 2, '3-5': 2 };

export interface GapOffering {
  id: string;
  name: string;
  providerId: string;
  providerName: string;
  via: 'occupation' | 'skills';
  matchedOn: string[];
  annualGraduates: number;
  /** This offering's share of graduates counted for the occupation. */
  graduatesCounted: number;
}

export interface GapItem {
  occupation: string;
  occupationName: string;
  horizon: string;
  demand: number | null;
  suppressed: boolean;
  reason: ProtectedEntry['reason'];
  demandPerYear: number | null;
  supply: number;
  supplyInHorizon: number;
  coverage: number | null;
  shortage: number | null;
  /** How many offerings match the occupation; `offerings` lists the first `offeringsLimit` of them. */
  offeringCount: number;
  offerings: GapOffering[];
}

export interface GapReport {
  round: { id: string; name: string; period: string; status: string };
  protected: boolean;
  filters: { specialisation: string | null; focusArea: string | null; horizon: string | null; provider: string | null };
  items: GapItem[];
  /** Published cells ordered by coverage, lowest first (no offering = coverage 0), then by demand. */
  shortages: { occupation: string; occupationName: string; horizon: string; demand: number; coverage: number }[];
  /** Demand cells that no offering prepares for (hidden ones included, with their demand hidden). */
  demandWithoutOffering: { occupation: string; occupationName: string; horizon: string; demand: number | null }[];
  /** Offerings that prepare for no occupation with demand in this selection. */
  offeringsWithoutDemand: { id: string; name: string; providerName: string; occupations: string[] }[];
}

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

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Protected reports, memoised per database handle under everything they depend on: the query, the
 * language, the offerings' fingerprint and when the demand table they read was computed (a
 * submission replaces it). Raw reports are never kept: each secretariat read goes through
 * demandTable and its audit entry.
 */
const reports = new WeakMap<object, Map<string, Promise<GapReport>>>();
const MAX_REPORTS = 64;

export async function gapReport(c: Context<AppEnv>, query: GapQuery): Promise<GapReport> {
  const { db, config } = c.get('deps');
  if (isSecretariat(c.get('principal')) && query.view !== 'protected') return computeGapReport(c, query);
  const round = await resolveRound(c, query.round);
  const filters: Record<string, string[]> = {};
  if (query.specialisation) filters.specialisation = [query.specialisation];
  if (query.focusArea) filters.focusArea = [query.focusArea];
  const demandKey = demandQueryKey({
    roundId: round.id,
    by: ['occupation', 'horizon'],
    filters,
    ssykLevel: 4,
    dominanceN: config.disclosure.dominanceN,
  });
  const [fingerprint, cached] = await Promise.all([
    offeringsFingerprint(db),
    db
      .selectFrom('demand_cache')
      .select('computed_at')
      .where('round_id', '=', round.id)
      .where('query_key', '=', demandKey)
      .executeTakeFirst(),
  ]);
  if (!cached) return computeGapReport(c, { ...query, round: round.id, view: 'protected' });
  const key = JSON.stringify([round.id, query, c.get('lang'), fingerprint, cached.computed_at]);
  const memo = reports.get(db) ?? new Map<string, Promise<GapReport>>();
  reports.set(db, memo);
  const held = memo.get(key);
  if (held) return held;
  const report = computeGapReport(c, { ...query, round: round.id, view: 'protected' });
  memo.set(key, report);
  report.catch(() => memo.delete(key));
  while (memo.size > MAX_REPORTS) {
    const oldest = memo.keys().next().value;
    if (oldest === undefined) break;
    memo.delete(oldest);
  }
  return report;
}

async function computeGapReport(c: Context<AppEnv>, query: GapQuery): Promise<GapReport> {
  const filters: { specialisation?: string[]; focusArea?: string[] } = {};
  if (query.specialisation) filters.specialisation = [query.specialisation];
  if (query.focusArea) filters.focusArea = [query.focusArea];
  const [table, index] = await Promise.all([
    demandTable(c, {
      round: query.round,
      by: ['occupation', 'horizon'],
      filters,
      ssykLevel: 4,
      ...(query.view ? { view: query.view } : {}),
    }),
    cachedOfferingMatches(c.get('deps').db),
  ]);
  const matches = index.matches;

  // Each offering's graduates are split between the occupations it is matched to.
  const matchCount = new Map<string, number>();
  for (const m of matches) matchCount.set(m.offeringId, (matchCount.get(m.offeringId) ?? 0) + 1);
  const byOccupation = new Map<string, OfferingMatch[]>();
  for (const m of matches) {
    const list = byOccupation.get(m.occupation) ?? [];
    list.push(m);
    byOccupation.set(m.occupation, list);
  }

  let cells = table.cells;
  if (query.horizon) cells = cells.filter((cell) => cell.key.horizon === query.horizon);
  const demanded = new Set(table.cells.map((cell) => cell.key.occupation ?? ''));
  const codes = [...new Set([...demanded, ...matches.map((m) => m.occupation)])];
  const names = await labelsFor(c.get('deps').db, 'occupation', codes, c.get('lang'), c.get('t'));

  // Per occupation once (not per horizon): its offerings with their counted share, and the supply.
  const perOccupation = new Map<string, { offerings: GapOffering[]; supply: number }>();
  const supplyOf = (occupation: string) => {
    const held = perOccupation.get(occupation);
    if (held) return held;
    const offerings = (byOccupation.get(occupation) ?? []).map((m) => ({
      id: m.offeringId,
      name: m.offeringName,
      providerId: m.providerId,
      providerName: m.providerName,
      via: m.via,
      matchedOn: m.matchedOn,
      annualGraduates: m.annualGraduates,
      graduatesCounted: round2(m.annualGraduates / (matchCount.get(m.offeringId) ?? 1)),
    }));
    const value = { offerings, supply: round1(offerings.reduce((sum, o) => sum + o.graduatesCounted, 0)) };
    perOccupation.set(occupation, value);
    return value;
  };

  let items: GapItem[] = cells.map((cell) => {
    const occupation = cell.key.occupation ?? '';
    const horizon = cell.key.horizon ?? '';
    const years = HORIZON_YEARS[horizon] ?? 1;
    const { offerings, supply } = supplyOf(occupation);
    const demand = cell.suppressed ? null : cell.headcount;
    const supplyInHorizon = round1(supply * years);
    return {
      occupation,
      occupationName: names.get(occupation) ?? occupation,
      horizon,
      demand,
      suppressed: cell.suppressed,
      reason: cell.reason,
      demandPerYear: demand === null ? null : round1(demand / years),
      supply,
      supplyInHorizon,
      coverage: demand === null || demand === 0 ? null : round2(supplyInHorizon / demand),
      shortage: demand === null ? null : round1(Math.max(0, demand - supplyInHorizon)),
      offeringCount: offerings.length,
      offerings: query.offeringsLimit === undefined ? offerings : offerings.slice(0, query.offeringsLimit),
    };
  });
  if (query.provider) {
    const provider = query.provider;
    const theirs = new Set(matches.filter((m) => m.providerId === provider).map((m) => m.occupation));
    items = items.filter((item) => theirs.has(item.occupation));
  }
  items.sort((a, b) => a.occupation.localeCompare(b.occupation) || a.horizon.localeCompare(b.horizon));

  const shortages = items
    .filter((i): i is GapItem & { demand: number; coverage: number } => i.demand !== null && i.coverage !== null)
    .sort((a, b) => a.coverage - b.coverage || b.demand - a.demand || a.occupation.localeCompare(b.occupation))
    .map((i) => ({
      occupation: i.occupation,
      occupationName: i.occupationName,
      horizon: i.horizon,
      demand: i.demand,
      coverage: i.coverage,
    }));
  const demandWithoutOffering = items
    .filter((i) => i.offeringCount === 0)
    .map((i) => ({ occupation: i.occupation, occupationName: i.occupationName, horizon: i.horizon, demand: i.demand }));

  const offeringsWithoutDemand = offeringsOutside(index, demanded, names, query.provider);
  return {
    round: { id: table.round.id, name: table.round.name, period: table.round.period, status: table.round.status },
    protected: table.protected,
    filters: {
      specialisation: query.specialisation ?? null,
      focusArea: query.focusArea ?? null,
      horizon: query.horizon ?? null,
      provider: query.provider ?? null,
    },
    items,
    shortages,
    demandWithoutOffering,
    offeringsWithoutDemand,
  };
}

function offeringsOutside(
  index: {
    matches: readonly OfferingMatch[];
    offerings: { id: string; name: string; providerId: string; providerName: string }[];
  },
  demanded: ReadonlySet<string>,
  names: ReadonlyMap<string, string>,
  provider: string | undefined,
): GapReport['offeringsWithoutDemand'] {
  const occupationsOf = new Map<string, string[]>();
  for (const m of index.matches)
    occupationsOf.set(m.offeringId, [...(occupationsOf.get(m.offeringId) ?? []), m.occupation]);
  return index.offerings
    .filter((o) => !provider || o.providerId === provider)
    .filter((o) => !(occupationsOf.get(o.id) ?? []).some((code) => demanded.has(code)))
    .map((o) => ({
      id: o.id,
      name: o.name,
      providerName: o.providerName,
      occupations: (occupationsOf.get(o.id) ?? []).map((code) => names.get(code) ?? code),
    }));
}
