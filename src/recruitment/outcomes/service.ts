import type { Kysely } from 'kysely';
import type { CoreDeps } from '../../core/deps.ts';
import type { Database } from '../../db/schema.ts';
import { ruleOf } from '../../publication/index.ts';
import { protectOutcomes } from './protect.ts';
import { outcomeFreshness, readOutcomeCells, readOutcomeHouseholds, replaceOutcomeCellsQueries } from './queries.ts';
import type { OutcomeFilter, PublicOutcome } from './schemas.ts';
import { type OutcomeMeasure, outcomeCellId } from './tables.ts';

/**
 * The outcome figures (decision 0029; decision 0036): computed from the kept outcome facts,
 * protected jointly, stored as a whole, and read by everyone only as protected figures.
 */

const DAY_MS = 86_400_000;

/** Computes and stores the figures as a whole (one batch): how many cells were stored. */
export async function computeOutcomes(deps: CoreDeps, now: Date): Promise<number> {
  const households = await readOutcomeHouseholds(deps.db);
  const cells =
    households.length === 0 ? [] : protectOutcomes(await deps.loadSolver(), households, ruleOf(deps.config));
  await deps.atomic(replaceOutcomeCellsQueries(deps.db, cells, now.toISOString()));
  return cells.length;
}

/**
 * Recomputes once a day, and sooner when a case has closed as moved in or a follow-up has been
 * answered since the last computation (the job runs every few minutes; this keeps it cheap).
 */
export async function refreshOutcomes(deps: CoreDeps, now: Date): Promise<number> {
  const { computedAt, changedAt } = await outcomeFreshness(deps.db);
  const stale =
    computedAt === null ||
    Date.parse(computedAt) <= now.getTime() - DAY_MS ||
    (changedAt !== null && changedAt > computedAt);
  if (!stale) return 0;
  return computeOutcomes(deps, now);
}

/** The figures as anyone may see them: a hidden cell shows no value, no median and no reason. */
export async function listOutcomes(db: Kysely<Database>, filter: OutcomeFilter = {}): Promise<PublicOutcome[]> {
  const cells = await readOutcomeCells(db, filter);
  return cells
    .filter(
      (c) =>
        (filter.specialisation === undefined || c.specialisation === filter.specialisation) &&
        (filter.kommun === undefined || c.municipality === filter.kommun),
    )
    .map((c) => ({
      id: c.id,
      measure: c.measure,
      specialisation: c.specialisation,
      kommun: c.municipality,
      year: c.year,
      status: c.status,
      value: c.suppressed === null ? c.value : null,
      hidden: c.suppressed !== null,
      medianWeeks: c.suppressed === null && c.medianDays !== null ? c.medianDays / 7 : null,
      computedAt: c.computedAt,
    }));
}

/**
 * A protected share for a competence plan's measure: the published cell of those with `status`
 * over the published margin, in a specialisation (null: the region) and a year of move-in. Null
 * when either is hidden or absent.
 */
export async function outcomeShare(
  db: Kysely<Database>,
  input: { measure: OutcomeMeasure; status: 'in-work' | 'stayed'; specialisation: string | null; year: string },
): Promise<number | null> {
  const cells = await readOutcomeCells(db, { measure: input.measure, year: input.year });
  const key = { measure: input.measure, specialisation: input.specialisation, municipality: null, year: input.year };
  const part = cells.find((c) => c.id === outcomeCellId({ ...key, status: input.status }));
  const whole = cells.find((c) => c.id === outcomeCellId({ ...key, status: null }));
  if (!whole || whole.suppressed !== null || whole.value === 0) return null;
  // No cell: nobody with that status, which an empty cell shows anyway.
  if (!part) return 0;
  return part.suppressed === null ? part.value / whole.value : null;
}
