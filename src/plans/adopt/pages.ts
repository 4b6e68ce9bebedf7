import type { Context } from 'hono';
import { DomainError } from '../../core/errors.ts';
import type { AppEnv } from '../../deps.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { domainToAppError } from '../../http/problem.ts';
import { type Routes, secretariat } from '../../http/routes.ts';
import { type FormErrors, toFormErrors } from '../../web/forms.ts';
import { render } from '../../web/render.ts';
import { planTitle, sectionTitle } from '../content.ts';
import { findPlan, type Plan } from '../queries.ts';
import { planIdParams } from '../schemas.ts';
import { adoptionState } from './service.ts';

const SECRETARIAT = secretariat();

export interface AdoptForm {
  values?: Record<string, string>;
  form?: FormErrors;
  status?: 200 | 409 | 422;
}

/**
 * The confirmation step before a plan is adopted (issue 16): what will be published (the version's
 * text and measures, the protected tables and how many figures they hide, with links to see them as
 * published), what still stands in the way (placeholder text, no review), the reason for skipping
 * the review when there was none, and an explicit confirmation. No script: one form.
 */
export async function adoptPage(c: Context<AppEnv>, plan: Plan, state: AdoptForm = {}) {
  const t = c.get('t');
  const lang = c.get('lang');
  const checks = await adoptionState(c.get('deps').db, plan);
  const figures = plan.figuresProtected;
  const hidden = figures.tables.reduce(
    (sum, table) => sum + table.rows.reduce((n, row) => n + row.cells.filter((cell) => cell.suppressed).length, 0),
    0,
  );
  const values = state.values ?? {};
  return render(
    c,
    'plans/adopt',
    {
      title: t('plans.adopt.heading'),
      nav: 'plans',
      plan,
      planTitle: planTitle(figures, lang),
      inReview: plan.status === 'review',
      notInReview:
        plan.status === 'review'
          ? null
          : t('plans.error.transition', {
              from: t(`plans.status.${plan.status}`),
              to: t('plans.status.adopted'),
            }),
      whatText: t('plans.adopt.whatText', { version: plan.version, tables: figures.tables.length }),
      hiddenText: hidden > 0 ? t('plans.adopt.hidden', { count: hidden }) : null,
      placeholders: checks.placeholderSections.map((key) => ({ key, title: sectionTitle(key, lang) })),
      reviewed: checks.reviewerComments > 0 ? t('plans.adopt.reviewed', { count: checks.reviewerComments }) : null,
      reason: values.reviewSkippedReason ?? '',
      form: state.form,
      errors: state.form?.byField ?? {},
    },
    state.status ?? 200,
  );
}

/** A refusal of the adoption as the form's errors, or undefined when it is not one. */
export function adoptionErrors(
  c: Context<AppEnv>,
  error: unknown,
): { form: FormErrors; status: 409 | 422 } | undefined {
  const app = error instanceof DomainError ? domainToAppError(error, c.get('t'), c.get('lang')) : error;
  if (!(app instanceof AppError) || (app.status !== 409 && app.status !== 422)) return undefined;
  const t = c.get('t');
  // The page lists the sections by title; the API's message names them by key.
  const errors = (app.errors ?? [{ path: 'form', message: app.detail ?? t(app.titleKey) }]).map((e) =>
    e.path === 'sections' ? { ...e, message: t('plans.adopt.placeholders') } : e,
  );
  return { form: toFormErrors(errors), status: app.status };
}

export function registerPlanAdoptPage(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/plans/:id/adopt',
      kind: 'page',
      access: SECRETARIAT,
      summary: 'Confirm a plan’s adoption: what will be published, and what still stands in the way',
      params: planIdParams,
    },
    async (c, { params }) => {
      const plan = await findPlan(c.get('deps').db, params.id);
      if (!plan) throw notFound();
      return adoptPage(c, plan);
    },
  );
}
