import type { Context } from 'hono';
import { recordAudit } from '../../audit/index.ts';
import type { AppEnv } from '../../deps.ts';
import { csvDownload } from '../../http/csv.ts';
import { PUBLIC, type Routes } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { renderToString } from '../../web/render.ts';
import { planAccess } from '../access.ts';
import { contentFor, followUp } from '../content.ts';
import { planIdParams, planViewQuery } from '../schemas.ts';
import { planBodyModel } from '../views.ts';
import { planCsv, planMarkdown } from './formats.ts';

async function readable(c: Context<AppEnv>, id: string, view: 'raw' | 'protected' | undefined) {
  const access = await planAccess(scopeOf(c), id);
  const content = contentFor(access, view);
  if (content.view === 'raw') {
    await recordAudit(c, { action: 'raw-answers.read', targetType: 'plan', targetId: access.plan.id });
  }
  return { access, content };
}

/** A draft with raw figures is named internal in its file name too (`-internt`). */
const fileName = (id: string, ext: string, raw: boolean) =>
  `kompetensplan-${id.replace(/[^A-Za-z0-9_-]/g, '')}${raw ? '-internt' : ''}.${ext}`;

/**
 * Exports of a plan as the reader may see it: an adopted plan's published content (protected
 * figures only) for everyone, the secretariat included; before adoption the working draft for the
 * secretariat (raw, marked internal on every printed page) and invited reviewers (protected).
 */
export function registerPlanExportRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/plans/:id/print',
      kind: 'page',
      access: PUBLIC,
      summary: 'A plan as a print-ready document (paper CSS, page breaks before sections)',
      params: planIdParams,
      query: planViewQuery,
    },
    async (c, { params, query }) => {
      const { access, content } = await readable(c, params.id, query.view);
      const model = await planBodyModel(c.get('deps').db, c.get('lang'), access, content);
      const html = renderToString('plans/print', {
        ...model,
        lang: c.get('lang'),
        t: c.get('t'),
        plan: access.plan,
        title: model.planTitle,
      });
      return c.html(html);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/plans/:id/plan.md',
      kind: 'page',
      access: PUBLIC,
      summary: 'A plan as one Markdown document',
      params: planIdParams,
      query: planViewQuery,
    },
    async (c, { params, query }) => {
      const { access, content } = await readable(c, params.id, query.view);
      const { db, config } = c.get('deps');
      const follow = await followUp(db, content, access.plan.specialisation);
      const body = planMarkdown(
        content,
        { status: access.plan.status, origin: config.publicUrl, followUp: follow },
        c.get('lang'),
      );
      c.header('content-type', 'text/markdown; charset=utf-8');
      c.header(
        'content-disposition',
        `attachment; filename="${fileName(access.plan.id, 'md', content.view === 'raw')}"`,
      );
      return c.body(body);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/plans/:id/tables.csv',
      kind: 'page',
      access: PUBLIC,
      summary: 'A plan’s generated tables as CSV (hidden figures as :c)',
      params: planIdParams,
      query: planViewQuery,
    },
    async (c, { params, query }) => {
      const { access, content } = await readable(c, params.id, query.view);
      return csvDownload(c, planCsv(content, c.get('lang')), fileName(access.plan.id, 'csv', content.view === 'raw'));
    },
  );
}
