import type { LoadSolver } from '../../core/deps.ts';
import { Suppressor } from '../../publication/index.ts';
import { type OutcomeHousehold, type OutcomeKey, outcomeCells } from './tables.ts';

type Highs = Awaited<ReturnType<LoadSolver>>;
type PublicationRule = ConstructorParameters<typeof Suppressor>[2];

export type OutcomeSuppression = 'few' | 'dominance' | 'secondary';

export interface ProtectedOutcome extends OutcomeKey {
  id: string;
  /** The true count: stored, and shown only when `suppressed` is null. */
  value: number;
  /** Households counted (the contributors of the primary rule). */
  households: number;
  /** moved-in only: the median days from the accepted offer to the move-in, rounded to whole weeks. */
  medianDays: number | null;
  suppressed: OutcomeSuppression | null;
}

/**
 * The outcome figures protected jointly by the publication's Suppressor (decision 0029): the same
 * primary rule (DISCLOSURE_MIN_ORGS counted in households), the same secondary suppression and the
 * same certificate before anything is stored. The median days are not additive and stay out of the
 * LP: shown only beside a published count and only when at least the threshold's number of
 * households have them, rounded to whole weeks (a median of three is one household's own figure).
 */
export function protectOutcomes(
  highs: Highs,
  households: readonly OutcomeHousehold[],
  rule: PublicationRule,
): ProtectedOutcome[] {
  const { cells, problem } = outcomeCells(households);
  if (cells.length === 0) return [];
  const suppressor = new Suppressor(highs, problem, rule);
  try {
    suppressor.run(() => 0);
    const unsafe = suppressor.certify();
    if (unsafe.length > 0) {
      throw new Error(`outcome figures not protected: ${unsafe.map((u) => `${u.cell} (${u.sense})`).join(', ')}`);
    }
    const statuses = suppressor.statuses();
    return cells.map((cell, i) => {
      const status = statuses[i] ?? 'secondary';
      const suppressed = status === 'published' ? null : status;
      const shownDays = cell.measure === 'moved-in' && suppressed === null && cell.days.length >= rule.minOrganisations;
      return {
        id: cell.id,
        measure: cell.measure,
        specialisation: cell.specialisation,
        municipality: cell.municipality,
        year: cell.year,
        status: cell.status,
        value: cell.households.length,
        households: cell.households.length,
        medianDays: shownDays ? roundToWeeks(median(cell.days)) : null,
        suppressed,
      };
    });
  } finally {
    suppressor.dispose();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const roundToWeeks = (days: number) => Math.round(days / 7) * 7;
