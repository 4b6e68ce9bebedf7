import { findOfferingMatches, type GapQuery, gapReport } from '../education/index.ts';
import { retentionFigures } from '../placements/index.ts';
import type { SectionInput } from './sections/context.ts';
import { labelsBoth } from './sections/demand-figures.ts';
import type { GapLine, GapSource } from './sections/education-gap.ts';
import type { RetentionFigures, RetentionSource } from './sections/placements.ts';

// For the handlers that supply the GapReader: the education feature is wired here and only here.
export { gapReport };

/**
 * The other features a plan draws on, wired here and only here: the education feature's gap report
 * (src/education/gap/service.ts) for the plan's round, specialisation and view, and the placements
 * feature's retention figures (src/placements/follow-ups/service.ts) for the placements that ended in the
 * two years up to the round's close.
 */
export interface PlanSources {
  gap: GapSource | null;
  retention: RetentionSource | null;
}

/**
 * The education feature's gap report as the acting reader may see it: the handler supplies it on
 * its Scope (`(query) => gapReport(scopeOf(c), query)`), so a secretariat's raw read is audited as
 * them; the plan's logic stays request-free and a job could pass one of its own.
 */
export type GapReader = (query: GapQuery) => ReturnType<typeof gapReport>;

export function planSourcesFor(readGap: GapReader): PlanSources {
  return { gap: (input) => educationGap(readGap, input), retention: placementRetention };
}

async function educationGap(readGap: GapReader, input: SectionInput): Promise<GapLine[] | null> {
  // No offering registered at all: there is no supply to compare with yet.
  if ((await findOfferingMatches(input.db)).length === 0) return null;
  const report = await readGap({
    round: input.round.id,
    ...(input.specialisation ? { specialisation: input.specialisation } : {}),
    view: input.view,
  });
  const label = await labelsBoth(
    input,
    'occupation',
    report.items.map((i) => i.occupation),
  );
  return report.items.map((item) => ({
    occupation: item.occupation,
    label: label(item.occupation),
    horizon: item.horizon,
    demand: {
      value: item.demand,
      suppressed: item.suppressed,
      reason: item.reason,
      format: 'number',
    },
    supply: item.supply,
    coverage: item.coverage,
    offerings: item.offerings.length,
  }));
}

const RETENTION_WINDOW_DAYS = 730;

/**
 * Placements that ended in the two years up to the round's close: how many were advertised (public
 * listings), their places and trainee places, and the students' follow-up answers. None: null.
 */
async function placementRetention(input: SectionInput): Promise<RetentionFigures | null> {
  const round = await input.db
    .selectFrom('rounds')
    .select('closes_at')
    .where('id', '=', input.round.id)
    .executeTakeFirst();
  if (!round) return null;
  const to = round.closes_at.slice(0, 10);
  const from = new Date(new Date(round.closes_at).getTime() - RETENTION_WINDOW_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  let postings = input.db
    .selectFrom('placements as p')
    .select((eb) => [
      eb.fn.countAll<number>().as('placements'),
      eb.fn.coalesce(eb.fn.sum<number>('p.places'), eb.val(0)).as('places'),
      eb.fn
        .coalesce(
          eb.fn.sum<number>(eb.case().when('p.kind', '=', 'trainee').then(eb.ref('p.places')).else(0).end()),
          eb.val(0),
        )
        .as('trainee'),
    ])
    .where('p.status', '!=', 'withdrawn')
    .where('p.period_end', '>=', from)
    .where('p.period_end', '<=', to);
  if (input.specialisation) {
    const code = input.specialisation;
    postings = postings.where((eb) =>
      eb.exists(
        eb
          .selectFrom('placement_focus as pf')
          .select('pf.placement_id')
          .whereRef('pf.placement_id', '=', 'p.id')
          .where('pf.specialisation_code', '=', code),
      ),
    );
  }
  const [counts, retention] = await Promise.all([
    postings.executeTakeFirst(),
    retentionFigures(input.db, { from, to, ...(input.specialisation ? { specialisation: input.specialisation } : {}) }),
  ]);
  const placements = Number(counts?.placements ?? 0);
  if (placements === 0 && retention.byMonths.length === 0) return null;
  return {
    from,
    to,
    placements,
    places: Number(counts?.places ?? 0),
    traineePlaces: Number(counts?.trainee ?? 0),
    followUps: retention.byMonths
      .filter((m) => m.side === 'student')
      .map((m) => ({ months: m.months, answered: m.answered, hired: m.hired, stayedInRegion: m.stayedInRegion })),
  };
}
