import type { SuppressionReason } from '../demand/index.ts';

/** A text in both of the service's languages (reference names, generated captions). */
export interface Label {
  sv: string;
  en: string;
  /** 'sv' where `en` is a Swedish reference name (the data has no English one: a skill, say). */
  enLang?: 'sv';
}

export type CellFormat = 'number' | 'share' | 'mean' | 'change';

/**
 * One figure of a generated table. In a protected table `value` is null where the disclosure
 * rule hides it (`suppressed`, `reason`). In the secretariat's raw table every value is shown
 * and `reason` says what the published table would hide.
 */
export interface PlanCell {
  value: number | null;
  suppressed: boolean;
  reason: SuppressionReason | null;
  format: CellFormat;
}

export interface PlanRow {
  key: string;
  label: Label;
  cells: PlanCell[];
}

/** A generated table: never edited, always regenerated from the round's data. */
export interface PlanTable {
  key: string;
  section: string;
  title: Label;
  columns: Label[];
  rows: PlanRow[];
  /** The filtered insight page the figures come from (a path on this service). */
  evidence: string;
  /** Why the table is empty, when it is (e.g. no offerings registered yet). */
  note?: Label;
}

export interface PlanFigures {
  view: 'raw' | 'protected';
  round: { id: string; name: string; period: string };
  previousRound: { id: string; name: string } | null;
  specialisation: { code: string; name: Label; focusAreas: { code: string; name: Label }[] } | null;
  /** The publication of the round whose cells the demand figures are (absent in plans made before it). */
  publication?: { id: string; version: number; publishedAt: string };
  tables: PlanTable[];
  /** Baselines of the indicators the measures follow, by indicator code (protected). */
  baselines: Record<string, number | null>;
  /**
   * On the protected copy: the SHA-256 of these figures. Readers of protected figures are shown
   * this one, never the raw figures' hash, which would let them test guesses of hidden cells.
   */
  hash?: string;
}

export const cell = (value: number | null, format: CellFormat = 'number'): PlanCell => ({
  value,
  suppressed: false,
  reason: null,
  format,
});

/** The SHA-256 of the figures, so a plan names the data it stood on (WebCrypto: both runtimes). */
export async function hashFigures(figures: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(figures));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
