import type { DemandRound } from '../../demand/index.ts';
import type { HiddenReason, PublishedEntry, SsykLevel } from '../../publication/index.ts';

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

/**
 * The finest published level a row's coverage is given at: the row's own cell when it is
 * published, else the nearest coarser published cell (gap-levels.ts), with its figures and a name
 * for people ("Yrkesgrupp 251, alla tidshorisonter").
 */
export interface CoverageLevel {
  ssykLevel: SsykLevel;
  /** The occupation's code at that level. */
  occupation: string;
  occupationName: string;
  /** The row's horizon, or null: all horizons. */
  horizon: string | null;
  /** The catalogue table the cell belongs to (as a cell or a margin), and the publication's cell id. */
  table: string;
  cell: string;
  label: string;
  demand: number;
  /** Annual graduates counted for every occupation in the group. */
  supply: number;
  supplyInHorizon: number;
  coverage: number;
  shortage: number;
}

export interface GapItem {
  occupation: string;
  occupationName: string;
  /** 'sv' where the name is Swedish on an English page (no English name exists). */
  occupationNameLang?: 'sv';
  horizon: string;
  demand: number | null;
  suppressed: boolean;
  reason: HiddenReason | null;
  demandPerYear: number | null;
  supply: number;
  supplyInHorizon: number;
  /** The row's own coverage (SSYK-4, its horizon); null where its demand is hidden. */
  coverage: number | null;
  shortage: number | null;
  /** Coverage at the finest published level; null where every level is hidden. */
  coverageLevel: CoverageLevel | null;
  /** How many offerings match the occupation; `offerings` lists the first `offeringsLimit` of them. */
  offeringCount: number;
  offerings: GapOffering[];
}

export interface GapShortage {
  occupation: string;
  occupationName: string;
  /** Null: all horizons (a coarser level that stands in for hidden rows). */
  horizon: string | null;
  demand: number;
  coverage: number;
  ssykLevel: SsykLevel;
  cell: string;
  label: string;
  /** How many rows of the selection this figure stands for. */
  rows: number;
}

export interface GapReport {
  round: { id: string; name: string; period: string; status: string };
  protected: boolean;
  /** The secretariat's raw view: not to be handed on. */
  internal: boolean;
  /** The publication the figures are cells of; null in the raw view. */
  publication: { version: number; publishedAt: string } | null;
  filters: { specialisation: string | null; focusArea: string | null; horizon: string | null; provider: string | null };
  items: GapItem[];
  /** Rows whose demand is hidden, and rows with no published coverage at any level. */
  hiddenRows: number;
  rowsWithoutCoverage: number;
  /** Published coverage figures, each cell once, lowest coverage first, then by demand. */
  shortages: GapShortage[];
  /** Demand cells that no offering prepares for (hidden ones included, with their demand hidden). */
  demandWithoutOffering: {
    occupation: string;
    occupationName: string;
    occupationNameLang?: 'sv';
    horizon: string;
    demand: number | null;
  }[];
  /** Offerings that prepare for no occupation with demand in this selection. */
  offeringsWithoutDemand: { id: string; name: string; providerName: string; occupations: string[] }[];
}

/** Demand for the gap: occupation (SSYK-4) × horizon entries and the cells a hidden one may fall back on. */
export interface GapSource {
  round: DemandRound;
  protected: boolean;
  publication: { version: number; publishedAt: string } | null;
  specialisation: string | null;
  /** Only in the secretariat's raw view (the publication has no focus area by occupation). */
  focusArea: string | null;
  entries: {
    occupation: string;
    horizon: string;
    headcount: number | null;
    suppressed: boolean;
    reason: HiddenReason | null;
  }[];
  cells: ReadonlyMap<string, PublishedEntry>;
}
