/**
 * Disclosure control, first piece: primary suppression of one cell. Every figure shown to anyone
 * but the secretariat passes through this module (DESIGN.md, "Statistical confidentiality"): the
 * publication's joint suppression (suppress.ts) starts from it, and the secretariat's own tables
 * (src/demand/protect-table.ts) apply it with their own secondary suppression.
 *
 * A cell is published only if
 * - at least `minOrganisations` distinct organisations contribute to it (the threshold rule), and
 * - its `dominanceN` largest contributors hold at most `dominanceK` % of its total (the (n, k)
 *   dominance rule; n = 2, k = 85 as in Eurostat's and SCB's practice for business statistics).
 * The parameters are configuration (`config.disclosure`, DISCLOSURE_* settings); see
 * docs/decisions/0008-disclosure-control.md.
 */
export interface DisclosureRule {
  minOrganisations: number;
  dominanceN: number;
  dominanceK: number;
}

/** What the rule needs to know of a cell; SQL can compute it without handing out the contributions. */
export interface CellSummary {
  /** Distinct organisations that contribute. */
  organisations: number;
  /** The cell's total (e.g. headcount). */
  total: number;
  /** The sum of the `dominanceN` largest contributions (all of them if there are fewer). */
  largest: number;
}

export type SuppressionReason = 'too-few-organisations' | 'dominated';

export type CellDecision = { publish: true } | { publish: false; reason: SuppressionReason };

/** Whether the cell may be published, and if not, why. A cell nobody contributes to has nothing to hide. */
export function primarySuppression(cell: CellSummary, rule: DisclosureRule): CellDecision {
  if (cell.organisations === 0) return { publish: true };
  if (cell.organisations < rule.minOrganisations) return { publish: false, reason: 'too-few-organisations' };
  // In whole numbers: largest / total > k %, without rounding.
  if (cell.largest * 100 > rule.dominanceK * cell.total) return { publish: false, reason: 'dominated' };
  return { publish: true };
}

/** A cell's summary from its contributions, one total per organisation. */
export function summariseContributions(contributions: readonly number[], dominanceN: number): CellSummary {
  const sorted = [...contributions].sort((a, b) => b - a);
  return {
    organisations: contributions.length,
    total: sorted.reduce((sum, value) => sum + value, 0),
    largest: sorted.slice(0, dominanceN).reduce((sum, value) => sum + value, 0),
  };
}
