import type { Kysely } from 'kysely';
import { Invalid } from '../../core/errors.ts';
import type { Database } from '../../db/schema.ts';
import { type Publication, type PublishedEntry, readTable } from '../../publication/index.ts';
import type { Dimension } from '../dimensions.ts';
import { DIFFICULTY_LEVELS, type Indicators, type ShareFigure } from './protect.ts';
import { STRATEGY_CODES } from './strategies.ts';

/** The catalogue tables the indicators are cells of (src/publication/catalogue.ts). */
export const INDICATOR_TABLES = ['difficulty-specialisation', 'strategy-specialisation'] as const;

export interface PublishedIndicators extends Indicators {
  tables: readonly string[];
  /** The specialisation the figures are for; null for the whole round. */
  specialisation: string | null;
}

/**
 * The indicators' selection: the catalogue publishes them for the whole round and per
 * specialisation only, so any other filter is refused at its field rather than quietly ignored.
 */
export function indicatorScope(filters: Partial<Record<Dimension, string[]>>): string | undefined {
  for (const [dimension, values] of Object.entries(filters)) {
    if (!values?.length) continue;
    if (dimension !== 'specialisation' || values.length > 1)
      throw new Invalid(dimension, 'demand.indicators.notPublished', undefined, { tables: INDICATOR_TABLES });
  }
  return filters.specialisation?.[0];
}

/** A cell nobody contributes to is not stored: a published nought. */
const NOUGHT: PublishedEntry = { cell: '', key: {}, headcount: 0, organisations: 0, suppressed: false, reason: null };
const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/**
 * Recruitment difficulty and strategies as cells of the publication's tables
 * `difficulty-specialisation` and `strategy-specialisation` and their margins, for the whole
 * round or one specialisation. A share is shown where its figure and the base are both published;
 * the mean only where the whole distribution is (with a level hidden, the mean and the published
 * levels would give it back).
 */
export async function publishedIndicators(
  db: Kysely<Database>,
  publication: Publication,
  specialisation: string | undefined,
): Promise<PublishedIndicators> {
  const filters = specialisation ? { specialisation: [specialisation] } : {};
  const [difficulty, strategy] = await Promise.all([
    readTable(db, publication, { by: ['difficulty'], filters, ssykLevel: 4 }),
    readTable(db, publication, { by: ['strategy'], filters, ssykLevel: 4 }),
  ]);
  const base = difficulty.totals[0] ?? NOUGHT;
  const share = (entry: PublishedEntry): ShareFigure => {
    if (entry.suppressed || entry.headcount === null)
      return { headcount: null, share: null, suppressed: true, reason: entry.reason };
    const of = base.suppressed || !base.headcount ? null : round(entry.headcount / base.headcount, 4);
    return { headcount: entry.headcount, share: of, suppressed: false, reason: null };
  };
  const levels = DIFFICULTY_LEVELS.map((level) => ({
    level,
    entry: difficulty.cells.find((e) => e.key.difficulty === String(level)) ?? NOUGHT,
  }));
  const whole = levels.every((l) => !l.entry.suppressed);
  const sum = levels.reduce((acc, l) => acc + (l.entry.headcount ?? 0), 0);
  const weighted = levels.reduce((acc, l) => acc + l.level * (l.entry.headcount ?? 0), 0);
  return {
    tables: INDICATOR_TABLES,
    specialisation: specialisation ?? null,
    base: {
      headcount: base.headcount,
      organisations: base.organisations,
      suppressed: base.suppressed,
      reason: base.reason,
    },
    difficulty: {
      mean: whole && sum > 0 ? round(weighted / sum, 2) : null,
      suppressed: !whole,
      reason: whole ? null : base.suppressed ? base.reason : 'secondary',
      distribution: levels.map((l) => ({ ...share(l.entry), level: l.level })),
    },
    strategies: STRATEGY_CODES.map((code) => ({
      ...share(strategy.cells.find((e) => e.key.strategy === code) ?? NOUGHT),
      code,
    })),
  };
}
