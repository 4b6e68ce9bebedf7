import { notFound } from '../../http/errors.ts';
import { type Routes, SIGNED_IN } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { formatDateTime } from '../../i18n/dates.ts';
import { render } from '../../web/render.ts';
import { planAccess } from '../access.ts';
import { formatValue, planTitle, sectionTitle } from '../content.ts';
import { findVersion, listVersions } from '../queries.ts';
import { diffQuery, planIdParams } from '../schemas.ts';
import { diffVersions } from './diff.ts';

export function registerPlanHistoryPages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/plans/:id/versions',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'A plan’s versions, with author and time, and a form to compare two',
      params: planIdParams,
    },
    async (c, { params }) => {
      const access = await planAccess(scopeOf(c), params.id);
      const versions = await listVersions(c.get('deps').db, access.plan.id);
      const t = c.get('t');
      const latest = versions[0]?.version ?? 1;
      return render(c, 'plans/versions', {
        title: t('plans.versions.heading'),
        nav: 'plans',
        plan: access.plan,
        planTitle: planTitle(access.plan.figuresProtected, c.get('lang')),
        versions: versions.map((v) => ({
          ...v,
          kindLabel:
            v.kind === 'status'
              ? `${t('plans.versions.kind.status')}: ${t(`plans.status.${v.status}`)}`
              : t(`plans.versions.kind.${v.kind}`),
          noteText: v.note ? t('plans.versions.reviewSkipped', { reason: v.note }) : '',
          when: formatDateTime(v.createdAt, c.get('lang')),
          fromSelected: v.version === Math.max(1, latest - 1),
          toSelected: v.version === latest,
        })),
      });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/plans/:id/diff',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'What changed between two versions of a plan',
      params: planIdParams,
      query: diffQuery,
    },
    async (c, { params, query }) => {
      const access = await planAccess(scopeOf(c), params.id);
      const [from, to] = await Promise.all([
        findVersion(c.get('deps').db, access.plan.id, query.from),
        findVersion(c.get('deps').db, access.plan.id, query.to),
      ]);
      if (!from || !to) throw notFound(c.get('t')('plans.error.noSuchVersion'));
      const lang = c.get('lang');
      const t = c.get('t');
      const diff = diffVersions(from, to, access.kind === 'secretariat');
      const tableTitles = new Map(
        [...from.figures.tables, ...to.figures.tables].map((tb) => [
          tb.key,
          { title: tb.title[lang], columns: tb.columns },
        ]),
      );
      return render(c, 'plans/diff', {
        title: t('plans.diff.heading', { from: diff.from, to: diff.to }),
        nav: 'plans',
        plan: access.plan,
        heading: t('plans.diff.heading', { from: diff.from, to: diff.to }),
        sections: diff.sections.map((s) => ({ ...s, title: sectionTitle(s.key, lang) })),
        anyText: diff.sections.some((s) => s.changed),
        measures: diff.measures.map((m) => ({ ...m, before: m.before ?? '–', after: m.after ?? '–' })),
        showFigures: access.kind === 'secretariat',
        figures: diff.figures.map((f) => {
          const table = tableTitles.get(f.table);
          return {
            table: table?.title ?? f.table,
            row: f.rowLabel[lang],
            column: table?.columns[f.column]?.[lang] ?? '',
            before: formatValue(f.before, f.format, lang),
            after: formatValue(f.after, f.format, lang),
          };
        }),
      });
    },
  );
}
