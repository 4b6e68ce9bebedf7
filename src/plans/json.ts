import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import type { PlanAccess } from './access.ts';
import { displaySections, followUp, type PlanContent } from './view.ts';

/** The API's shape of a plan as this reader may see it (src/plans/schemas.ts `planSchema`). */
export async function planJson(c: Context<AppEnv>, access: PlanAccess, content: PlanContent) {
  const { plan } = access;
  const { db } = c.get('deps');
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
    sections: displaySections(content, c.get('lang')).map((s) => ({
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
