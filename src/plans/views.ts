import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { formatDateTime } from '../i18n/dates.ts';
import { type Language, translator } from '../i18n/i18n.ts';
import type { PlanAccess } from './access.ts';
import { displaySections, followUp, formatIndicator, type PlanContent, planTitle } from './content.ts';
import { measureHeader } from './export/formats.ts';

/** Everything templates/partials/plan-body.hbs needs, in the reader's language. */
export async function planBodyModel(db: Kysely<Database>, lang: Language, access: PlanAccess, content: PlanContent) {
  const t = translator(lang);
  const follow = await followUp(db, content, access.plan.specialisation);
  return {
    planTitle: planTitle(content.figures, lang),
    // The prose is in the plan's language whatever the reader's (WCAG 3.1.2, language of parts).
    proseLang: access.plan.language,
    sections: displaySections(content, lang),
    measuresCaption: t('plans.section.measures'),
    measureHeader: measureHeader(lang),
    measures: content.measures.map((m) => ({
      group: t(`plans.measure.${m.competenceMeasure}`),
      title: m.title,
      owner: m.owner,
      timeline: m.timeline,
      indicator: t(`plans.indicator.${m.indicator}`),
      baseline: formatIndicator(m.indicator, m.baseline, lang),
      target: formatIndicator(m.indicator, m.target, lang),
    })),
    followUp: {
      rounds: follow.rounds,
      rows: follow.rows.map((r) => ({
        label: `${r.measure.title} – ${t(`plans.indicator.${r.measure.indicator}`)}`,
        baseline: formatIndicator(r.measure.indicator, r.baseline, lang),
        target: formatIndicator(r.measure.indicator, r.target, lang),
        later: r.later.map((l) => formatIndicator(r.measure.indicator, l.value, lang)),
      })),
    },
    followUpData: follow,
    source: t('plans.meta.source', {
      round: content.figures.round.name,
      computedAt: formatDateTime(content.computedAt, lang),
      hash: content.figuresHash.slice(0, 12),
    }),
    raw: content.view === 'raw',
    published: content.published,
    statusLabel: t(`plans.status.${access.plan.status}`),
    adoptedText: access.plan.adoptedAt
      ? t('plans.meta.published', { adoptedAt: formatDateTime(access.plan.adoptedAt, lang) })
      : null,
  };
}

/** The API's shape of a plan as this reader may see it (src/plans/schemas.ts `planSchema`). */
export async function planJson(db: Kysely<Database>, lang: Language, access: PlanAccess, content: PlanContent) {
  const { plan } = access;
  const follow = await followUp(db, content, plan.specialisation);
  return {
    id: plan.id,
    roundId: content.figures.round.id,
    specialisation: plan.specialisation,
    language: plan.language,
    status: plan.status,
    version: content.version,
    figures: content.view,
    published: content.published,
    source: {
      roundId: content.figures.round.id,
      roundName: content.figures.round.name,
      computedAt: content.computedAt,
      figuresHash: content.figuresHash,
    },
    sections: displaySections(content, lang).map((s) => ({
      key: s.key,
      title: s.title,
      markdown: s.markdown,
      html: s.html,
    })),
    tables: content.figures.tables,
    measures: content.measures,
    followUp: follow.rows.map((r) => ({
      measureId: r.measure.id,
      indicator: r.measure.indicator,
      baseline: r.baseline,
      target: r.target,
      later: r.later.map((l) => ({ roundId: l.roundId, value: l.value })),
    })),
    adoptedAt: plan.adoptedAt,
    reviewSkippedReason: plan.reviewSkippedReason,
  };
}
