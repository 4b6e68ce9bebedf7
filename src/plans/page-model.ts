import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { formatDateTime } from '../i18n/dates.ts';
import type { Language } from '../i18n/i18n.ts';
import type { PlanAccess } from './access.ts';
import { measureHeader } from './export.ts';
import { displaySections, followUp, formatIndicator, type PlanContent, planTitle } from './view.ts';

/** Everything templates/partials/plan-body.hbs needs, in the reader's language. */
export async function planBodyModel(c: Context<AppEnv>, access: PlanAccess, content: PlanContent) {
  const lang: Language = c.get('lang');
  const t = c.get('t');
  const { db } = c.get('deps');
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
