import type { Context } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../audit/index.ts';
import { DomainError } from '../core/errors.ts';
import { isSecretariat } from '../core/principal.ts';
import type { AppEnv } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import { domainToAppError } from '../http/problem.ts';
import { PUBLIC, type Routes, secretariat } from '../http/routes.ts';
import { scopeOf } from '../http/scope.ts';
import { formatDateTime } from '../i18n/dates.ts';
import type { FormErrors } from '../web/forms.ts';
import { render } from '../web/render.ts';
import { planAccess } from './access.ts';
import { contentFor, sectionTitle } from './content.ts';
import { listComments, listPlans, listReviewers, listVersions } from './queries.ts';
import { planCreateSchema, planIdParams, planViewQuery } from './schemas.ts';
import { SECTION_KEYS } from './sections.ts';
import { createPlan } from './service.ts';
import { gapReport, planSourcesFor } from './sources.ts';
import { planBodyModel } from './views.ts';

const SECRETARIAT = secretariat();

async function closedRounds(c: Context<AppEnv>) {
  return c
    .get('deps')
    .db.selectFrom('rounds')
    .select(['id', 'name'])
    .where('status', '=', 'closed')
    .orderBy('opens_at', 'desc')
    .execute();
}

async function listPage(
  c: Context<AppEnv>,
  state: { values?: Record<string, string>; form?: FormErrors; status?: 200 | 409 | 422 } = {},
) {
  const lang = c.get('lang');
  const t = c.get('t');
  const all = isSecretariat(c.get('principal'));
  const page = await listPlans(c.get('deps').db, { all, limit: 100, offset: 0 });
  const specialisations = all
    ? await c
        .get('deps')
        .db.selectFrom('specialisations')
        .select(['code', 'name_sv', 'name_en'])
        .orderBy('sort_order')
        .execute()
    : [];
  const names = new Map(specialisations.map((s) => [s.code, lang === 'en' ? s.name_en : s.name_sv]));
  if (!all && page.items.length > 0) {
    const rows = await c.get('deps').db.selectFrom('specialisations').select(['code', 'name_sv', 'name_en']).execute();
    for (const s of rows) names.set(s.code, lang === 'en' ? s.name_en : s.name_sv);
  }
  const values = state.values ?? {};
  return render(
    c,
    'plans/list',
    {
      title: t('plans.heading'),
      nav: 'plans',
      plans: page.items.map((p) => ({
        ...p,
        name: names.get(p.specialisation) ?? t('plans.allSpecialisations'),
        statusLabel: t(`plans.status.${p.status}`),
        updated: formatDateTime(p.updatedAt, lang),
      })),
      canCreate: all,
      rounds: all ? (await closedRounds(c)).map((r) => ({ ...r, selected: r.id === values.roundId })) : [],
      specialisations: specialisations.map((s) => ({
        code: s.code,
        name: lang === 'en' ? s.name_en : s.name_sv,
        selected: s.code === values.specialisation,
      })),
      languageEn: values.language === 'en',
      form: state.form,
    },
    state.status ?? 200,
  );
}

export function registerPlanPages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/plans',
      kind: 'page',
      access: PUBLIC,
      summary: 'Competence plans: adopted ones, and all for the secretariat',
    },
    (c) => listPage(c),
  );

  routes.add(
    {
      method: 'post',
      path: '/plans',
      kind: 'page',
      access: SECRETARIAT,
      summary: 'Draw up a draft plan from a closed round',
      form: {
        schema: planCreateSchema,
        invalid: (c, { values, errors }) => listPage(c, { values, form: errors, status: 422 }),
      },
    },
    async (c, { form, values }) => {
      try {
        const plan = await createPlan(
          scopeOf(c),
          planSourcesFor((query) => gapReport(scopeOf(c), query)),
          form,
        );
        return c.redirect(`/plans/${encodeURIComponent(plan.id)}`, 303);
      } catch (error) {
        // A round that is not closed (422) or whose figures are not published yet (409): the form again.
        const app = error instanceof DomainError ? domainToAppError(error, c.get('t'), c.get('lang')) : error;
        if (app instanceof AppError && (app.status === 422 || app.status === 409) && app.errors) {
          const errors = app.errors.map((e) => ({ field: e.path, message: e.message }));
          return listPage(c, {
            values,
            form: { errors, byField: Object.fromEntries(errors.map((e) => [e.field, e.message])) },
            status: app.status,
          });
        }
        throw error;
      }
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/plans/:id',
      kind: 'page',
      access: PUBLIC,
      summary: 'A plan: adopted ones for everyone; drafts for the secretariat and invited reviewers',
      params: planIdParams,
      query: planViewQuery,
    },
    async (c, { params, query }) => {
      const access = await planAccess(scopeOf(c), params.id);
      const content = contentFor(access, query.view);
      if (content.view === 'raw') {
        await recordAudit(c, { action: 'raw-answers.read', targetType: 'plan', targetId: access.plan.id });
      }
      const { db } = c.get('deps');
      const t = c.get('t');
      const working = access.kind !== 'public';
      const [comments, reviewers, versions, rounds] = await Promise.all([
        working ? listComments(db, access.plan.id) : Promise.resolve([]),
        access.kind === 'secretariat' ? listReviewers(db, access.plan.id) : Promise.resolve([]),
        working ? listVersions(db, access.plan.id) : Promise.resolve([]),
        access.kind === 'secretariat' ? closedRounds(c) : Promise.resolve([]),
      ]);
      const model = await planBodyModel(c.get('deps').db, c.get('lang'), access, content);
      const status = access.plan.status;
      const flash = FLASH.safeParse(c.req.query('done'));
      return render(c, 'plans/view', {
        title: model.planTitle,
        nav: 'plans',
        ...model,
        plan: access.plan,
        isSecretariat: access.kind === 'secretariat',
        working,
        canComment: working && status !== 'adopted',
        canEdit: access.kind === 'secretariat' && status !== 'adopted',
        transitions:
          access.kind === 'secretariat'
            ? (status === 'draft' ? ['review'] : status === 'review' ? ['adopted', 'draft'] : []).map((to) => ({
                to,
                label: t(`plans.status.to.${to}`),
                // Adopting publishes: it goes through its confirmation page.
                confirmPage: to === 'adopted' ? `/plans/${encodeURIComponent(access.plan.id)}/adopt` : null,
              }))
            : [],
        comments: comments.map((cm) => ({
          ...cm,
          when: formatDateTime(cm.createdAt, c.get('lang')),
          sectionTitle: cm.sectionKey ? sectionTitle(cm.sectionKey, c.get('lang')) : null,
        })),
        reviewers,
        versionOptions: versions.map((v) => ({ version: v.version, selected: v.version === access.plan.version })),
        sectionOptions: SECTION_KEYS.map((key) => ({ key, title: sectionTitle(key, c.get('lang')) })),
        rounds: rounds.map((r) => ({ ...r, selected: r.id === access.plan.roundId })),
        flash: flash.success ? t(`plans.${flash.data}`, { version: access.plan.version }) : null,
      });
    },
  );
}

/** Flash messages a redirect may name (`?done=`), and nothing else. */
export const FLASH = z.enum(['status.changed', 'comments.added', 'reviewers.invited', 'edit.saved']);
