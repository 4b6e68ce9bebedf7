import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../deps.ts';
import { notFound } from '../../http/errors.ts';
import { asAppError } from '../../http/problem.ts';
import { organisationMember, PROVIDER, type Routes } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { findOrganisation, viewerOf } from '../../organisations/index.ts';
import { checkbox, type FormErrors } from '../../web/forms.ts';
import { render } from '../../web/render.ts';
import { requireWriter } from '../access.ts';
import { providersFor } from '../queries.ts';
import { consentSchema, findConsent, saveConsent } from './consent.ts';
import { checkedInterest, interestWithContacts } from './routes.ts';
import { dialogueCreateSchema, dialogueIdParams, listInterests } from './service.ts';

/** A refusal the form shows (403, 409 or 422, from the one mapping), with its status; else undefined. */
function errorsOf(err: unknown, c: Context<AppEnv>): { form: FormErrors; status: 403 | 409 | 422 } | undefined {
  const app = asAppError(err, c);
  if (!app || ![403, 409, 422].includes(app.status)) return undefined;
  const list = app.errors?.length ? app.errors : [{ path: 'form', message: app.detail ?? app.titleKey }];
  return {
    form: {
      errors: list.map((e) => ({ field: e.path.split('.')[0] || 'form', message: e.message })),
      byField: Object.fromEntries(list.map((e) => [e.path.split('.')[0] || 'form', e.message])),
    },
    status: app.status as 403 | 409 | 422,
  };
}

async function dialogueList(
  c: Context<AppEnv>,
  values: Record<string, string>,
  form?: FormErrors,
  status: 200 | 403 | 422 = 200,
) {
  const writer = requireWriter(scopeOf(c));
  const { db } = c.get('deps');
  const en = c.get('lang') === 'en';
  const [interests, providers, specialisations] = await Promise.all([
    listInterests(db, writer),
    providersFor(db, writer.all ? { all: true } : { all: false, userId: writer.userId }),
    db.selectFrom('specialisations').select(['code', 'name_sv', 'name_en']).orderBy('sort_order').execute(),
  ]);
  const specName = new Map(specialisations.map((s) => [s.code, en ? s.name_en : s.name_sv]));
  return render(
    c,
    'education/dialogue-list',
    {
      title: c.get('t')('education.dialogue.title'),
      nav: 'education',
      interests: interests.map((i) => ({ ...i, specialisationName: specName.get(i.specialisation) ?? '' })),
      values,
      form,
      providerOptions: providers.map((p) => ({ value: p.id, label: p.name, selected: p.id === values.providerId })),
      specialisationOptions: [
        { value: '', label: c.get('t')('education.gaps.allSpecialisations'), selected: !values.specialisation },
        ...specialisations.map((s) => ({
          value: s.code,
          label: en ? s.name_en : s.name_sv,
          selected: s.code === values.specialisation,
        })),
      ],
    },
    status,
  );
}

export function registerDialoguePages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/education/dialogue',
      kind: 'page',
      access: PROVIDER,
      summary: 'Interests in dialogue and a form to register one',
    },
    (c) => dialogueList(c, {}),
  );

  routes.add(
    {
      method: 'post',
      path: '/education/dialogue',
      kind: 'page',
      access: PROVIDER,
      summary: 'Register an interest in dialogue',
      form: {
        schema: dialogueCreateSchema,
        invalid: (c, { values, errors }) => dialogueList(c, values, errors, 422),
      },
    },
    async (c, { form, values }) => {
      try {
        const id = await checkedInterest(c, form);
        return c.redirect(`/education/dialogue/${encodeURIComponent(id)}`, 303);
      } catch (err) {
        const refused = errorsOf(err, c);
        if (refused) return dialogueList(c, values, refused.form, refused.status as 403 | 422);
        throw err;
      }
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/education/dialogue/:id',
      kind: 'page',
      access: PROVIDER,
      summary: 'One interest in dialogue and the consenting organisations the caller may see',
      params: dialogueIdParams,
      query: z.object({ round: z.string().max(100).optional() }),
    },
    async (c, { params, query }) => {
      const interest = await interestWithContacts(c, params.id, query.round);
      return render(c, 'education/dialogue', {
        title: c.get('t')('education.dialogue.one'),
        nav: 'education',
        interest: {
          ...interest,
          organisations: interest.organisations.map((o) => ({
            ...o,
            viaText: o.via.map((v) => c.get('t')(`education.dialogue.via.${v}`)).join(', '),
          })),
        },
        isSecretariat: requireWriter(scopeOf(c)).all,
      });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/organisations/:id/contact-consent',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'The organisation’s consent to be contacted (form)',
      params: dialogueIdParams,
      query: z.object({ saved: z.string().optional() }),
    },
    async (c, { params, query }) => consentPage(c, params.id, undefined, undefined, 200, query.saved === '1'),
  );

  routes.add(
    {
      method: 'post',
      path: '/organisations/:id/contact-consent',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'Set the organisation’s consent to be contacted',
      params: dialogueIdParams,
      form: {
        schema: consentSchema,
        prepare: (form) => ({
          secretariatMayContact: checkbox(form.secretariatMayContact),
          shownToProviders: checkbox(form.shownToProviders),
          version: form.version,
        }),
        invalid: (c, { values, errors }, { params }) => consentPage(c, params.id, values, errors, 422),
      },
    },
    async (c, { params, form, values }) => {
      try {
        await saveConsent(scopeOf(c), params.id, form);
      } catch (err) {
        const refused = errorsOf(err, c);
        if (refused) return consentPage(c, params.id, values, refused.form, 409);
        throw err;
      }
      return c.redirect(`/organisations/${encodeURIComponent(params.id)}/contact-consent?saved=1`, 303);
    },
  );
}

async function consentPage(
  c: Context<AppEnv>,
  organisationId: string,
  values: Record<string, string> | undefined,
  form: FormErrors | undefined,
  status: 200 | 409 | 422,
  saved = false,
) {
  const organisation = await findOrganisation(c.get('deps').db, organisationId, viewerOf(c.get('principal')));
  if (!organisation) throw notFound();
  const consent = await findConsent(c.get('deps').db, organisationId);
  return render(
    c,
    'education/consent',
    {
      title: c.get('t')('education.consent.title'),
      organisation,
      secretariatMayContact: values ? checkbox(values.secretariatMayContact) : consent.secretariatMayContact,
      shownToProviders: values ? checkbox(values.shownToProviders) : consent.shownToProviders,
      version: consent.version,
      form,
      saved,
    },
    status,
  );
}
