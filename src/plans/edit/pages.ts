import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../deps.ts';
import { notFound } from '../../http/errors.ts';
import type { FormFields } from '../../http/form.ts';
import { type Routes, secretariat } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { describeIssues } from '../../http/validation.ts';
import type { FormErrors } from '../../web/forms.ts';
import { render } from '../../web/render.ts';
import { requirePlan } from '../access.ts';
import { formatIndicator, sectionTitle } from '../content.ts';
import { INDICATORS, type Measure, OUTCOME_INDICATORS } from '../measures.ts';
import { findPlan, type Plan } from '../queries.ts';
import { planIdParams, planPatchSchema } from '../schemas.ts';
import { SECTION_KEYS } from '../sections.ts';
import { StalePlan, savePlan } from '../service.ts';

const SECRETARIAT = secretariat();

interface EditState {
  values: Record<string, string>;
  form?: FormErrors;
  /** Someone saved first: the stored text is shown beside the person's own, which stays in the fields. */
  conflict?: Plan;
  status?: 200 | 409 | 422;
}

function valuesOf(plan: Plan): Record<string, string> {
  const values: Record<string, string> = { version: String(plan.version) };
  for (const key of SECTION_KEYS) values[`section-${key}`] = plan.sections[key] ?? '';
  for (const m of plan.measures) {
    values[`measure-${m.id}-title`] = m.title;
    values[`measure-${m.id}-owner`] = m.owner;
    values[`measure-${m.id}-timeline`] = m.timeline;
    values[`measure-${m.id}-target`] = m.target === null ? '' : String(m.target);
    values[`measure-${m.id}-indicator`] = m.indicator;
  }
  return values;
}

/** Browsers post text areas with CRLF line ends; the stored text has LF. */
const lf = (text: string | undefined) => (text ?? '').replace(/\r\n/g, '\n');

/**
 * The indicator select of a measure: the round's figures and the outcome figures of decision 0036
 * in two groups; the hint says the baseline now and where a new one comes from.
 */
function indicatorField(c: Context<AppEnv>, m: Measure, chosen: string | undefined, error: string | undefined) {
  const t = c.get('t');
  const option = (code: (typeof INDICATORS)[number]) => ({
    value: code,
    label: t(`plans.indicator.${code}`),
    selected: code === chosen,
  });
  const outcome = (code: (typeof INDICATORS)[number]) => OUTCOME_INDICATORS.includes(code);
  return {
    name: `measure-${m.id}-indicator`,
    label: t('plans.column.indicator'),
    required: true,
    hint:
      m.baseline === null
        ? t('plans.edit.indicatorHintNoBaseline')
        : t('plans.edit.indicatorHint', { baseline: formatIndicator(m.indicator, m.baseline, c.get('lang')) }),
    error,
    options: [],
    groups: [
      { label: t('plans.edit.indicatorGroup.round'), options: INDICATORS.filter((i) => !outcome(i)).map(option) },
      { label: t('plans.edit.indicatorGroup.outcomes'), options: INDICATORS.filter(outcome).map(option) },
    ],
  };
}

function editPage(c: Context<AppEnv>, plan: Plan, state: EditState) {
  const t = c.get('t');
  const errors = state.form?.byField ?? {};
  return render(
    c,
    'plans/edit',
    {
      title: t('plans.edit.heading'),
      nav: 'plans',
      plan,
      version: state.values.version ?? String(plan.version),
      form: state.form,
      conflict: state.conflict
        ? {
            version: state.conflict.version,
            heading: t('plans.conflict.theirs', { version: state.conflict.version }),
          }
        : null,
      sections: SECTION_KEYS.map((key) => ({
        key,
        title: sectionTitle(key, c.get('lang')),
        value: lf(state.values[`section-${key}`]),
        theirs: state.conflict ? (state.conflict.sections[key] ?? '') : null,
        differs: state.conflict ? lf(state.conflict.sections[key]) !== lf(state.values[`section-${key}`]) : false,
        error: errors[`section-${key}`],
      })),
      measures: plan.measures.map((m, i) => ({
        id: m.id,
        legend: `${t('plans.edit.measureTitle', { n: i + 1 })}: ${t(`plans.measure.${m.competenceMeasure}`)}`,
        indicator: indicatorField(
          c,
          m,
          state.values[`measure-${m.id}-indicator`] ?? m.indicator,
          errors[`measure-${m.id}-indicator`],
        ),
        title: state.values[`measure-${m.id}-title`] ?? m.title,
        owner: state.values[`measure-${m.id}-owner`] ?? m.owner,
        timeline: state.values[`measure-${m.id}-timeline`] ?? m.timeline,
        target: state.values[`measure-${m.id}-target`] ?? '',
        targetHint: m.indicator.endsWith('-share') ? t('plans.edit.targetShareHint') : null,
      })),
    },
    state.status ?? 200,
  );
}

/** The form's fields in the API's shape, so one schema checks both. */
function fromForm(plan: Plan) {
  return (form: Record<string, string | string[]>) => {
    const one = (name: string) => {
      const v = form[name];
      return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
    };
    // A form without the select (one read before it existed) keeps the indicator.
    const indicator = (id: string) =>
      form[`measure-${id}-indicator`] === undefined ? undefined : one(`measure-${id}-indicator`);
    const target = (id: string) => {
      const raw = one(`measure-${id}-target`).trim().replace(',', '.');
      return raw === '' ? null : Number(raw);
    };
    return {
      version: Number(one('version')) || 0,
      sections: SECTION_KEYS.map((key) => ({ key, markdown: one(`section-${key}`).replace(/\r\n/g, '\n') })),
      measures: plan.measures.map((m) => ({
        id: m.id,
        title: one(`measure-${m.id}-title`),
        owner: one(`measure-${m.id}-owner`),
        timeline: one(`measure-${m.id}-timeline`),
        target: target(m.id),
        indicator: indicator(m.id),
      })),
    };
  };
}

/**
 * One message per form field, at the field: the route's errors keep only a path's first part
 * (`measures`), so the form is checked again here for the whole paths (`measures.2.indicator`).
 */
function fieldErrors(c: Context<AppEnv>, plan: Plan, fields: FormFields): FormErrors | undefined {
  const result = planPatchSchema.safeParse(fromForm(plan)(fields));
  if (result.success) return undefined;
  const byField: Record<string, string> = {};
  for (const issue of describeIssues(result.error.issues, c.get('lang'), c.get('t')))
    byField[fieldOf(plan, issue.path)] ??= issue.message;
  return { errors: Object.entries(byField).map(([field, message]) => ({ field, message })), byField };
}

/** zod paths (sections.2.markdown) to the form's field names. */
function fieldOf(plan: Plan, path: string): string {
  const [list, index, field] = path.split('.');
  const i = Number(index);
  if (list === 'sections') return `section-${SECTION_KEYS[i] ?? ''}`;
  if (list === 'measures') return `measure-${plan.measures[i]?.id ?? ''}-${field ?? ''}`;
  return list ?? 'form';
}

export function registerPlanEditPage(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/plans/:id/edit',
      kind: 'page',
      access: SECRETARIAT,
      summary: 'Edit a plan’s prose and measures',
      params: planIdParams,
    },
    async (c, { params }) => {
      const plan = await findPlan(c.get('deps').db, params.id);
      if (!plan) throw notFound();
      return editPage(c, plan, { values: valuesOf(plan) });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/plans/:id/edit',
      kind: 'page',
      access: SECRETARIAT,
      summary: 'Save the plan’s prose as a new version (the form carries the version it was read at)',
      params: planIdParams,
      form: {
        // The form's fields are named after the plan's sections and measures.
        schema: async (c, { params }) =>
          z.preprocess(fromForm(await requirePlan(c.get('deps').db, params.id)), planPatchSchema),
        invalid: async (c, form, { params }) => {
          const plan = await requirePlan(c.get('deps').db, params.id);
          return editPage(c, plan, {
            values: form.values,
            form: fieldErrors(c, plan, form.fields) ?? form.errors,
            status: 422,
          });
        },
      },
    },
    async (c, { params, form, values }) => {
      const plan = await requirePlan(c.get('deps').db, params.id);
      try {
        const saved = await savePlan(scopeOf(c), plan.id, form);
        return c.redirect(`/plans/${encodeURIComponent(saved.id)}?done=edit.saved`, 303);
      } catch (error) {
        if (error instanceof StalePlan) {
          return editPage(c, error.current, {
            // The person's text stays in the fields; the version moves on so the next save can land.
            values: { ...values, version: String(error.current.version) },
            conflict: error.current,
            status: 409,
          });
        }
        throw error;
      }
    },
  );
}
