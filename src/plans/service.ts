import { type CompiledQuery, expressionBuilder } from 'kysely';
import { auditIfIn } from '../audit/index.ts';
import { DomainError, Invalid, NotFound } from '../core/errors.ts';
import { actingUser, type Scope } from '../core/scope.ts';
import type { Database } from '../db/schema.ts';
import { isLanguage, translator } from '../i18n/i18n.ts';
import { type AdoptionInput, adoptionState, requireAdoptable } from './adopt/service.ts';
import { hashFigures } from './figures.ts';
import { generateFigures } from './generate.ts';
import { renderMarkdown } from './markdown.ts';
import { type IndicatorCode, PROPOSED } from './measures.ts';
import { roundPublication } from './publication.ts';
import { findPlan, type Plan, type PlanStatus } from './queries.ts';
import { draftProse, SECTION_KEYS, type SectionKey } from './sections.ts';
import type { PlanSources } from './sources.ts';

/** The version row of the plan as it is after this batch's write (which set `write_id`). */
function versionRow(
  scope: Scope,
  planId: string,
  writeId: string,
  kind: string,
  note: string | null = null,
): CompiledQuery {
  const user = actingUser(scope);
  const at = scope.now.toISOString();
  const { db } = scope.deps;
  return db
    .insertInto('plan_versions')
    .columns([
      'plan_id',
      'version',
      'kind',
      'status',
      'author_id',
      'author_name',
      'created_at',
      'sections',
      'measures',
      'figures_raw',
      'figures_hash',
      'round_id',
      'note',
    ])
    .expression(
      db
        .selectFrom('plans as p')
        .select((eb) => [
          'p.id',
          'p.version',
          eb.val(kind).as('kind'),
          'p.status',
          eb.val(user.userId).as('author_id'),
          eb.val(user.name).as('author_name'),
          eb.val(at).as('created_at'),
          'p.sections',
          // The measures as they are after this batch, as a JSON array in their order.
          eb
            .selectFrom(
              eb.selectFrom('plan_measures').selectAll().whereRef('plan_id', '=', 'p.id').orderBy('sort_order').as('m'),
            )
            .select((m) =>
              m.fn
                .coalesce(
                  m.fn.agg<string>('json_group_array', [
                    m.fn('json_object', [...MEASURE_FIELDS.flatMap((field) => [m.val(field), m.ref(`m.${field}`)])]),
                  ]),
                  m.val('[]'),
                )
                .as('measures'),
            )
            .as('measures'),
          'p.figures_raw',
          'p.figures_hash',
          'p.round_id',
          eb.val(note).as('note'),
        ])
        .where('p.id', '=', planId)
        .where('p.write_id', '=', writeId),
    )
    .compile();
}

/** The measure fields a version keeps, in the order of its JSON objects. */
const MEASURE_FIELDS = [
  'id',
  'competence_measure',
  'title',
  'owner',
  'timeline',
  'indicator',
  'baseline',
  'target',
] as const satisfies readonly (keyof Database['plan_measures'])[];

/** The plan is as this batch's write left it (its write id is `writeId`). */
function writtenBy(scope: Scope, id: string, writeId: string) {
  const eb = expressionBuilder<Database>();
  return eb.exists(scope.deps.db.selectFrom('plans').select('id').where('id', '=', id).where('write_id', '=', writeId));
}

async function closedRound(scope: Scope, roundId: string) {
  const round = await scope.deps.db
    .selectFrom('rounds')
    .select(['id', 'name', 'period', 'status', 'opens_at'])
    .where('id', '=', roundId)
    .executeTakeFirst();
  if (!round) throw new NotFound('round.notFound');
  if (round.status !== 'closed') throw new Invalid('roundId', 'plans.error.roundNotClosed');
  const publication = await roundPublication(scope.deps.db, round.id);
  return { id: round.id, name: round.name, period: round.period, opensAt: round.opens_at, publication };
}

async function figuresFor(
  scope: Scope,
  sources: PlanSources,
  round: Awaited<ReturnType<typeof closedRound>>,
  specialisation: string,
) {
  const { db, config } = scope.deps;
  return generateFigures(
    { db, rule: config.disclosure, now: scope.now },
    round,
    round.publication,
    specialisation === 'all' ? null : specialisation,
    sources,
  );
}

/** A draft from a closed round: figures, the first prose, proposed measures and version 1, in one batch. */
export async function createPlan(
  scope: Scope,
  sources: PlanSources,
  input: { roundId: string; specialisation: string; language?: string | undefined },
): Promise<Plan> {
  const { db, atomic, newId } = scope.deps;
  const user = actingUser(scope);
  const round = await closedRound(scope, input.roundId);
  if (input.specialisation !== 'all') {
    const known = await db
      .selectFrom('specialisations')
      .select('code')
      .where('code', '=', input.specialisation)
      .executeTakeFirst();
    if (!known) throw new Invalid('specialisation', 'plans.error.specialisation');
  }
  const language = isLanguage(input.language) ? input.language : 'sv';
  const figures = await figuresFor(scope, sources, round, input.specialisation);
  const id = newId();
  const writeId = newId();
  const at = scope.now.toISOString();
  // From the protected figures: the prose is published as written, so it may quote no hidden figure.
  const prose = draftProse(figures.protected, language);
  // The proposed measures are part of the plan's text: in the plan's language, as its prose.
  const t = translator(language);
  const measures = PROPOSED.map((p, i) => ({
    plan_id: id,
    id: `m${i + 1}`,
    competence_measure: p.competenceMeasure,
    sort_order: i + 1,
    title: t(`plans.proposed.${p.competenceMeasure}.title`),
    owner: t(`plans.proposed.${p.competenceMeasure}.owner`),
    timeline: t(`plans.proposed.${p.competenceMeasure}.timeline`),
    indicator: p.indicator,
    baseline: figures.protected.baselines[p.indicator] ?? null,
    target: null,
  }));
  await atomic([
    db
      .insertInto('plans')
      .values({
        id,
        round_id: round.id,
        specialisation: input.specialisation,
        language,
        sections: JSON.stringify(prose),
        figures_raw: JSON.stringify(figures.raw),
        figures_protected: JSON.stringify(figures.protected),
        figures_hash: figures.hash,
        computed_at: at,
        write_id: writeId,
        created_by: user.userId,
        created_at: at,
        updated_at: at,
      })
      .compile(),
    db.insertInto('plan_measures').values(measures).compile(),
    versionRow(scope, id, writeId, 'generated'),
  ]);
  const plan = await findPlan(db, id);
  if (!plan) throw new NotFound();
  return plan;
}

export interface MeasureEdit {
  id: string;
  title?: string | undefined;
  owner?: string | undefined;
  timeline?: string | undefined;
  target?: number | null | undefined;
  indicator?: IndicatorCode | undefined;
}

/** A save that lost to another: the stored plan and what the person sent, so nothing is lost. */
export class StalePlan extends DomainError {
  constructor(
    readonly current: Plan,
    readonly sent: { key: string; markdown: string }[],
  ) {
    super('conflict', 'plans.error.stale', {
      titleKey: 'plans.conflict.title',
      params: { version: current.version },
      extra: {
        currentVersion: current.version,
        current: { sections: current.sections },
        yours: { sections: sent },
      },
    });
  }
}

/**
 * Saves prose and measure edits as the next version, if `version` is still the plan's: one batch
 * whose first statement is the conditional update; the others act only if it did (`write_id`).
 */
export async function savePlan(
  scope: Scope,
  id: string,
  input: { version: number; sections: { key: SectionKey; markdown: string }[]; measures?: MeasureEdit[] | undefined },
): Promise<Plan> {
  const { db, atomic, newId } = scope.deps;
  const writeId = newId();
  const at = scope.now.toISOString();
  const patch = JSON.stringify(Object.fromEntries(input.sections.map((s) => [s.key, s.markdown])));
  const written = writtenBy(scope, id, writeId);
  const measureUpdates = (input.measures ?? []).map((m) => {
    const set: Record<string, unknown> = {};
    if (m.title !== undefined) set.title = m.title;
    if (m.owner !== undefined) set.owner = m.owner;
    if (m.timeline !== undefined) set.timeline = m.timeline;
    if (m.target !== undefined) set.target = m.target;
    if (m.indicator !== undefined) {
      set.indicator = m.indicator;
      // The new indicator's baseline, from the plan's protected figures (measured at generation).
      set.baseline = db
        .selectFrom('plans')
        .select((eb) => eb.fn('json_extract', ['figures_protected', eb.val(`$.baselines."${m.indicator}"`)]).as('b'))
        .where('id', '=', id);
    }
    return Object.keys(set).length === 0
      ? null
      : db
          .updateTable('plan_measures')
          .set(set)
          .where('plan_id', '=', id)
          .where('id', '=', m.id)
          .where(written)
          .compile();
  });
  await atomic([
    db
      .updateTable('plans')
      .set((eb) => ({
        sections: eb.fn<string>('json_patch', ['sections', eb.val(patch)]),
        version: eb('version', '+', 1),
        write_id: writeId,
        updated_at: at,
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .where('status', '!=', 'adopted')
      .compile(),
    ...measureUpdates.filter((q): q is CompiledQuery => q !== null),
    versionRow(scope, id, writeId, 'edited'),
  ]);
  const plan = await findPlan(db, id);
  if (!plan) throw new NotFound();
  if ((await writeIdOf(scope, id)) !== writeId) {
    if (plan.status === 'adopted') throw adoptedError();
    throw new StalePlan(plan, input.sections);
  }
  return plan;
}

async function writeIdOf(scope: Scope, id: string): Promise<string | undefined> {
  const row = await scope.deps.db.selectFrom('plans').select('write_id').where('id', '=', id).executeTakeFirst();
  return row?.write_id;
}

const adoptedError = () => new DomainError('conflict', 'plans.error.adopted', { titleKey: 'plans.conflict.title' });

/**
 * Regenerates the figures from the plan's round (or a newer closed one) as the next version; the
 * prose stays. The versions' figures then show what changed (src/plans/history/diff.ts).
 */
export async function regeneratePlan(
  scope: Scope,
  sources: PlanSources,
  id: string,
  input: { version: number; roundId?: string | undefined },
): Promise<Plan> {
  const { db, atomic, newId } = scope.deps;
  const before = await findPlan(db, id);
  if (!before) throw new NotFound();
  if (before.status === 'adopted') throw adoptedError();
  const round = await closedRound(scope, input.roundId ?? before.roundId);
  const figures = await figuresFor(scope, sources, round, before.specialisation);
  const writeId = newId();
  const at = scope.now.toISOString();
  const written = writtenBy(scope, id, writeId);
  await atomic([
    db
      .updateTable('plans')
      .set((eb) => ({
        round_id: round.id,
        figures_raw: JSON.stringify(figures.raw),
        figures_protected: JSON.stringify(figures.protected),
        figures_hash: figures.hash,
        computed_at: at,
        write_id: writeId,
        updated_at: at,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .where('status', '!=', 'adopted')
      .compile(),
    ...before.measures.map((m) =>
      db
        .updateTable('plan_measures')
        .set({ baseline: figures.protected.baselines[m.indicator] ?? null })
        .where('plan_id', '=', id)
        .where('id', '=', m.id)
        .where(written)
        .compile(),
    ),
    versionRow(scope, id, writeId, 'regenerated'),
  ]);
  const plan = await findPlan(db, id);
  if (!plan) throw new NotFound();
  if ((await writeIdOf(scope, id)) !== writeId) throw new StalePlan(plan, []);
  return plan;
}

const TRANSITIONS: Record<PlanStatus, PlanStatus[]> = {
  draft: ['review'],
  review: ['draft', 'adopted'],
  adopted: [],
};

/**
 * draft → review → adopted (and back from review to draft), each change a version of kind
 * `status` so the history shows it. Adoption first passes src/plans/adopt/service.ts (confirmed, no
 * placeholder text, reviewed or a reason recorded), then freezes what the public sees: the prose
 * and measures of this version and the protected figures, never the raw ones. One batch: the
 * conditional update (status and version as read), then the version row and the audit entry, which
 * act only if that update did (`write_id`).
 */
export async function changeStatus(
  scope: Scope,
  id: string,
  input: { status: PlanStatus; version?: number | undefined } & AdoptionInput,
): Promise<Plan> {
  const { db, atomic, newId } = scope.deps;
  const user = actingUser(scope);
  const plan = await findPlan(db, id);
  if (!plan) throw new NotFound();
  const version = input.version ?? plan.version;
  if (!TRANSITIONS[plan.status].includes(input.status)) {
    throw new DomainError('conflict', 'plans.error.transition', {
      titleKey: 'plans.conflict.title',
      messageParams: { from: `plans.status.${plan.status}`, to: `plans.status.${input.status}` },
    });
  }
  if (version !== plan.version) throw new StalePlan(plan, []);
  const adopting = input.status === 'adopted';
  const { reviewSkippedReason } = adopting
    ? requireAdoptable(await adoptionState(db, plan), input)
    : { reviewSkippedReason: null };
  const at = scope.now.toISOString();
  const writeId = newId();
  const published = adopting
    ? JSON.stringify({
        version: version + 1,
        sections: plan.sections,
        html: Object.fromEntries(SECTION_KEYS.map((key) => [key, renderMarkdown(plan.sections[key] ?? '')])),
        measures: plan.measures,
        figures: plan.figuresProtected,
        figuresHash: plan.figuresProtected.hash ?? (await hashFigures(plan.figuresProtected)),
        computedAt: plan.computedAt,
        adoptedAt: at,
      })
    : null;
  const written = writtenBy(scope, id, writeId);
  await atomic([
    db
      .updateTable('plans')
      .set((eb) => ({
        status: input.status,
        version: eb('version', '+', 1),
        write_id: writeId,
        updated_at: at,
        ...(published
          ? { published, adopted_at: at, adopted_by: user.userId, review_skipped_reason: reviewSkippedReason }
          : {}),
      }))
      .where('id', '=', id)
      .where('status', '=', plan.status)
      .where('version', '=', version)
      .compile(),
    versionRow(scope, id, writeId, 'status', reviewSkippedReason),
    auditIfIn(
      scope,
      {
        action: adopting ? 'plan.adopted' : 'plan.status-changed',
        targetType: 'plan',
        targetId: id,
        detail: {
          from: plan.status,
          to: input.status,
          version: version + 1,
          ...(adopting ? { reviewSkippedReason } : {}),
        },
      },
      written,
    ),
  ]);
  const after = await findPlan(db, id);
  if (!after) throw new NotFound();
  if ((await writeIdOf(scope, id)) !== writeId) throw new StalePlan(after, []);
  return after;
}
