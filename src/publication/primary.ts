import type { CellStats } from './cells.ts';
import { primarySuppression } from './disclosure.ts';

/**
 * The disclosure parameters: the primary rules of decision 0008 (DISCLOSURE_MIN_ORGS,
 * DISCLOSURE_DOMINANCE_N, DISCLOSURE_DOMINANCE_K) and the protection an attacker must be left with
 * for a hidden cell (DISCLOSURE_PROTECTION, per cent of its value either way).
 */
export interface PublicationRule {
  minOrganisations: number;
  dominanceN: number;
  dominanceK: number;
  protectionPercent: number;
}

export type PrimaryReason = 'few' | 'dominance';

export interface Protection {
  reason: PrimaryReason;
  /** How far above and below its value the attacker's interval must reach. */
  upper: number;
  lower: number;
}

/**
 * Whether a cell must be hidden for its own sake, and how wide the interval an attacker can prove
 * for it must be (research/disclosure-control.md §2):
 * - every hidden cell: ±`protectionPercent` % of its value, at least 1 either way, but never below
 *   1 (a hidden cell is known to hold someone);
 * - a dominated cell also: the second-largest contributor, who knows its own share, must not get the
 *   largest within `protectionPercent` % (the p %-rule's level, p·x1 − (X − x1 − x2)), and the (n, k)
 *   rule's level, (100/k)·(x1 + … + xn) − X, as τ-Argus sets it.
 * With the defaults (25 %, n = 2, k = 85) the first bound is the larger; the others hold if the
 * settings are changed.
 */
export function protectionOf(cell: CellStats, rule: PublicationRule): Protection | null {
  const largest = cell.top.slice(0, rule.dominanceN).reduce((a, b) => a + b, 0);
  const decision = primarySuppression({ organisations: cell.organisations, total: cell.value, largest }, rule);
  if (decision.publish) return null;
  const r = rule.protectionPercent / 100;
  const base = Math.max(1, r * cell.value);
  // A hidden cell is shown as hidden, not left out like an empty one, so everyone knows it holds at
  // least one person: the attacker's minimum cannot go below 1, and the lower level asks no more.
  const lower = Math.min(base, cell.value - 1);
  if (decision.reason === 'too-few-organisations') return { reason: 'few', upper: base, lower };
  const x1 = cell.top[0] ?? 0;
  const x2 = cell.top[1] ?? 0;
  const pRule = r * x1 - (cell.value - x1 - x2);
  const nkRule = (100 / rule.dominanceK) * largest - cell.value;
  return { reason: 'dominance', upper: Math.max(base, pRule, nkRule), lower };
}
