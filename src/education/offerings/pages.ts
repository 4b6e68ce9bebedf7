import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../deps.ts';
import { notFound } from '../../http/errors.ts';
import { encodeCursor } from '../../http/pagination.ts';
import { asAppError } from '../../http/problem.ts';
import { PROVIDER, PUBLIC, type Routes } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { findOccupationNames, labelTaxonomyFields, swedishName } from '../../taxonomy/index.ts';
import type { FormErrors } from '../../web/forms.ts';
import { render } from '../../web/render.ts';
import { mayWriteFor, requireWriter } from '../access.ts';
import { findOffering, listOfferings } from '../queries.ts';
import { OFFERING_FORMS, offeringIdParams, offeringListQuery } from '../schemas.ts';
import { formErrors, OFFERING_TAXONOMY, offeringFormSchema } from './form.ts';
import { createOffering, deleteOffering, updateOffering } from './service.ts';
import { describeOffering, formOptions, mayEdit, offeringValues } from './views.ts';

async function formPage(
  c: Context<AppEnv>,
  mode: { kind: 'new' } | { kind: 'edit'; id: string; name: string },
  values: Record<string, string>,
  form?: FormErrors,
  status: 200 | 403 | 409 | 422 = 200,
) {
  const t = c.get('t');
  return render(
    c,
    'education/form',
    {
      title: mode.kind === 'new' ? t('education.offering.new') : t('education.offering.editTitle', { name: mode.name }),
      nav: 'education',
      action:
        mode.kind === 'new' ? '/education/offerings/new' : `/education/offerings/${encodeURIComponent(mode.id)}/edit`,
      isEdit: mode.kind === 'edit',
      offeringId: mode.kind === 'edit' ? mode.id : null,
      values: await labelTaxonomyFields(c.get('deps').db, values, OFFERING_TAXONOMY, c.get('lang')),
      form,
      ...(await formOptions(scopeOf(c), values)),
    },
    status,
  );
}

/** A refusal the form shows (403, 409 or 422, from the one mapping), with its status; else undefined. */
function conflict(c: Context<AppEnv>, err: unknown): { form: FormErrors; status: 403 | 409 | 422 } | undefined {
  const app = asAppError(err, c);
  if (!app || ![403, 409, 422].includes(app.status)) return undefined;
  const message = app.detail ?? c.get('t')(app.titleKey);
  const errors = app.errors?.length ? app.errors : [{ path: 'form', message }];
  return {
    form: {
      errors: errors.map((e) => ({ field: e.path.split('.')[0] || 'form', message: e.message })),
      byField: Object.fromEntries(errors.map((e) => [e.path.split('.')[0] || 'form', e.message])),
    },
    status: app.status as 403 | 409 | 422,
  };
}

/** An offering the signed-in provider may change, with the writer; else 403 (no writer) or 404. */
async function editable(c: Context<AppEnv>, id: string) {
  const writer = requireWriter(scopeOf(c));
  const offering = await findOffering(c.get('deps').db, id);
  if (!offering || !mayEdit(c.get('principal'), offering.providerId)) throw notFound();
  return { ...offering, writer };
}

const editMode = (offering: { id: string; name: string }) => ({
  kind: 'edit' as const,
  id: offering.id,
  name: offering.name,
});

export function registerOfferingPages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/education',
      kind: 'page',
      access: PUBLIC,
      summary: 'Education offerings in the region, searchable',
      query: offeringListQuery,
    },
    async (c, { query }) => {
      const page = await listOfferings(c.get('deps').db, { ...query, offset: query.cursor ?? 0 });
      const next = encodeCursor(page.nextOffset);
      const params = new URLSearchParams();
      if (query.q) params.set('q', query.q);
      if (query.form) params.set('form', query.form);
      if (next) params.set('cursor', next);
      const p = c.get('principal');
      const isProvider =
        p?.kind === 'user' && (p.roles.includes('secretariat') || p.memberships.some((m) => m.role === 'provider'));
      const scope = scopeOf(c);
      return render(c, 'education/list', {
        title: c.get('t')('education.list.title'),
        nav: 'education',
        offerings: page.items.map((o) => describeOffering(scope, o)),
        q: query.q ?? '',
        formOptions: [
          { value: '', label: c.get('t')('education.list.allForms'), selected: !query.form },
          ...OFFERING_FORMS.map((f) => ({
            value: f,
            label: c.get('t')(`education.form.${f}`),
            selected: f === query.form,
          })),
        ],
        nextHref: next ? `/education?${params}` : null,
        isProvider,
      });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/education/offerings/new',
      kind: 'page',
      access: PROVIDER,
      summary: 'Register an offering (form)',
    },
    async (c) => {
      requireWriter(scopeOf(c));
      return formPage(c, { kind: 'new' }, { language: 'sv', pace: '100' });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/education/offerings/new',
      kind: 'page',
      access: PROVIDER,
      summary: 'Register an offering',
      form: {
        schema: (c) => {
          requireWriter(scopeOf(c));
          return offeringFormSchema(c.get('deps').db, c.get('t'));
        },
        invalid: (c, { values, errors }) => formPage(c, { kind: 'new' }, values, formErrors(errors), 422),
      },
    },
    async (c, { form, values }) => {
      const writer = requireWriter(scopeOf(c));
      if (!mayWriteFor(writer, form.data.providerId)) {
        const message = c.get('t')('education.error.notYourProvider');
        return formPage(
          c,
          { kind: 'new' },
          values,
          { errors: [{ field: 'providerId', message }], byField: { providerId: message } },
          403,
        );
      }
      const offering = await createOffering(scopeOf(c), writer, form.data);
      return c.redirect(`/education/offerings/${encodeURIComponent(offering.id)}?saved=1`, 303);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/education/offerings/:id',
      kind: 'page',
      access: PUBLIC,
      summary: 'One offering',
      params: offeringIdParams,
      query: z.object({ saved: z.string().optional() }),
    },
    async (c, { params, query }) => {
      const offering = await findOffering(c.get('deps').db, params.id);
      if (!offering) throw notFound();
      const lang = c.get('lang');
      const names = await findOccupationNames(
        c.get('deps').db,
        offering.occupations.map((o) => o.id),
        lang,
      );
      return render(c, 'education/offering', {
        title: offering.name,
        nav: 'education',
        offering: describeOffering(scopeOf(c), offering),
        occupations: offering.occupations.map((o) => ({ ...o, name: names.get(o.id) ?? { name: o.label } })),
        // JobTech names skills in Swedish only.
        skills: offering.skills.map((s) => ({ ...s, name: swedishName(s.label, lang) })),
        saved: query.saved === '1',
      });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/education/offerings/:id/edit',
      kind: 'page',
      access: PROVIDER,
      summary: 'Change an offering (form)',
      params: offeringIdParams,
    },
    async (c, { params }) => {
      requireWriter(scopeOf(c));
      const offering = await findOffering(c.get('deps').db, params.id);
      if (!offering || !mayEdit(c.get('principal'), offering.providerId)) throw notFound();
      return formPage(c, { kind: 'edit', id: offering.id, name: offering.name }, offeringValues(offering));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/education/offerings/:id/edit',
      kind: 'page',
      access: PROVIDER,
      summary: 'Change an offering (409 with the form kept if someone else changed it first)',
      params: offeringIdParams,
      form: {
        schema: async (c, { params }) => {
          await editable(c, params.id);
          return offeringFormSchema(c.get('deps').db, c.get('t'));
        },
        invalid: async (c, { values, errors }, { params }) => {
          const offering = await editable(c, params.id);
          return formPage(c, editMode(offering), values, formErrors(errors), 422);
        },
      },
    },
    async (c, { params, form, values }) => {
      const { writer, ...offering } = await editable(c, params.id);
      const mode = editMode(offering);
      const version = Number(values.version);
      try {
        await updateOffering(scopeOf(c), writer, offering.id, {
          ...form.data,
          version: Number.isInteger(version) ? version : 0,
        });
      } catch (err) {
        const refused = conflict(c, err);
        if (refused) return formPage(c, mode, values, refused.form, refused.status);
        throw err;
      }
      return c.redirect(`/education/offerings/${encodeURIComponent(offering.id)}?saved=1`, 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/education/offerings/:id/delete',
      kind: 'page',
      access: PROVIDER,
      summary: 'Remove an offering',
      params: offeringIdParams,
    },
    async (c, { params }) => {
      const scope = scopeOf(c);
      await deleteOffering(scope, requireWriter(scope), params.id);
      return c.redirect('/education?removed=1', 303);
    },
  );
}
