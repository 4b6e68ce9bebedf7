import type { Context } from 'hono';
import { z } from 'zod';
import { NotFound } from '../../core/errors.ts';
import type { AppEnv } from '../../deps.ts';
import type { FormFields } from '../../http/form.ts';
import { asAppError } from '../../http/problem.ts';
import { PUBLIC, type Routes, SIGNED_IN, secretariat } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { formatDate } from '../../i18n/dates.ts';
import { labelTaxonomyFields, resolveTaxonomyFields, taxonomyFormSchema } from '../../taxonomy/index.ts';
import { type FormErrors, formValues, listOf, splitList, toFormErrors } from '../../web/forms.ts';
import { render } from '../../web/render.ts';
import { poolCounts } from './pool.ts';
import { renewalBody, returnerRegistration, returnerStatusChange, returnerUpdate } from './schemas.ts';
import {
  leaveReturnerPool,
  registerReturner,
  renewByToken,
  renewOwnReturner,
  returnerByRenewToken,
  setOwnReturnerStatus,
  updateOwnReturner,
  viewOwnReturner,
} from './service.ts';
import { poolModel, returnerFields, returnerFormModel, statusLine } from './views.ts';

/** The returner pool's pages (decision 0033): sign-up, the person's own entry, renewal, the counts. */

const TAXONOMY = [{ name: 'occupationIds', kind: 'occupation' }] as const;

/** The posted form in the API's shape (occupations already resolved to ids). */
function detailsOf(resolved: FormFields, posted: FormFields) {
  const one = formValues(posted);
  return {
    name: one.name ?? '',
    connection: one.connection ?? '',
    occupationIds: splitList(resolved.occupationIds),
    earliestMove: one.earliestMove?.trim() ? one.earliestMove.trim() : null,
    kommuner: listOf(posted.kommuner),
    remote: one.remote ?? '',
    languages: splitList(posted.languages),
  };
}

async function formPage(
  c: Context<AppEnv>,
  template: 'recruitment/returner-register' | 'recruitment/returner-me',
  fields: FormFields,
  extra: Record<string, unknown>,
  form?: FormErrors,
  status: 200 | 409 | 422 | 429 = 200,
) {
  const { db } = c.get('deps');
  const t = c.get('t');
  const labelled = await labelTaxonomyFields(db, formValues(fields), TAXONOMY, c.get('lang'));
  return render(
    c,
    template,
    {
      values: { ...labelled, consent: formValues(fields).consent === 'true' },
      form,
      ...(await returnerFormModel(db, t, fields, form)),
      ...extra,
    },
    status,
  );
}

const registerPage = (c: Context<AppEnv>, fields: FormFields, form?: FormErrors, status: 200 | 422 | 429 = 200) =>
  formPage(c, 'recruitment/returner-register', fields, { title: c.get('t')('returner.register.title') }, form, status);

async function mePage(
  c: Context<AppEnv>,
  state: { fields?: FormFields; form?: FormErrors; notice?: string } = {},
  status: 200 | 409 | 422 = 200,
) {
  const t = c.get('t');
  const lang = c.get('lang');
  let entry: Awaited<ReturnType<typeof viewOwnReturner>>;
  try {
    entry = await viewOwnReturner(scopeOf(c));
  } catch (err) {
    if (!(err instanceof NotFound)) throw err;
    return render(c, 'recruitment/returner-none', { title: t('returner.none.title') });
  }
  const notices: Record<string, string> = {
    saved: t('returner.me.saved'),
    renewed: t('returner.me.renewed', { date: formatDate(entry.expiresAt, lang) }),
  };
  return formPage(
    c,
    'recruitment/returner-me',
    state.fields ?? returnerFields(entry),
    {
      title: t('returner.me.title'),
      entry,
      statusLine: statusLine(t, entry, lang),
      notice: state.notice ? notices[state.notice] : undefined,
      canPause: entry.status === 'active',
      canResume: entry.status === 'paused',
      canRenew: entry.status !== 'pending',
    },
    state.form,
    status,
  );
}

/** A refusal of the service as the form's errors; else undefined. */
function serviceErrors(err: unknown, c: Context<AppEnv>): FormErrors | undefined {
  const problem = asAppError(err, c);
  if (!problem || ![409, 422, 429].includes(problem.status)) return undefined;
  return toFormErrors(problem.errors ?? [{ path: 'email', message: problem.detail ?? '' }]);
}

const formSchema = <S extends z.ZodType>(schema: S, extra: (posted: FormFields) => Record<string, unknown>) =>
  ((c: Context<AppEnv>) =>
    taxonomyFormSchema({
      resolve: (posted) => resolveTaxonomyFields(c.get('deps').db, c.get('t'), posted, TAXONOMY),
      schema,
      input: (resolved, posted) => ({ ...detailsOf(resolved, posted), ...extra(posted) }),
    })) as never;

export function registerReturnerPages(routes: Routes): void {
  routes.add(
    { method: 'get', path: '/returners', kind: 'page', access: PUBLIC, summary: 'Sign up to the returner pool (form)' },
    (c) => registerPage(c, {}),
  );

  routes.add(
    {
      method: 'post',
      path: '/returners',
      kind: 'page',
      access: PUBLIC,
      summary: 'Sign up to the returner pool',
      form: {
        schema: formSchema(returnerRegistration, (posted) => ({
          email: formValues(posted).email ?? '',
          consent: formValues(posted).consent === 'true',
        })),
        invalid: (c, { fields, errors }) => registerPage(c, fields, errors, 422),
      },
    },
    async (c, { form, fields }) => {
      const { data } = form as { data: z.infer<typeof returnerRegistration> };
      try {
        await registerReturner(scopeOf(c), data);
      } catch (err) {
        const errors = serviceErrors(err, c);
        if (!errors) throw err;
        return registerPage(c, fields, errors, asAppError(err, c)?.status === 429 ? 429 : 422);
      }
      return c.redirect(`/returners/sent?email=${encodeURIComponent(data.email)}`, 303);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/returners/sent',
      kind: 'page',
      access: PUBLIC,
      summary: 'Signed up: open the mailed link',
    },
    (c) => {
      const parsed = z.email().safeParse(c.req.query('email'));
      const email = parsed.success ? parsed.data : '';
      const devMail = c.get('deps').config.appEnv !== 'production' && email;
      return render(c, 'recruitment/returner-sent', {
        title: c.get('t')('returner.sent.title'),
        email,
        devMailHref: devMail ? `/dev/mail?to=${encodeURIComponent(email)}` : undefined,
      });
    },
  );

  routes.add(
    { method: 'get', path: '/returners/me', kind: 'page', access: SIGNED_IN, summary: 'My returner sign-up' },
    (c) => mePage(c, { notice: c.req.query('notice') }),
  );

  routes.add(
    {
      method: 'post',
      path: '/returners/me',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'Change my returner sign-up',
      form: {
        schema: formSchema(returnerUpdate, (posted) => ({ version: Number(formValues(posted).version || 0) })),
        invalid: (c, { fields, errors }) => mePage(c, { fields, form: errors }, 422),
      },
    },
    async (c, { form, fields }) => {
      const { data } = form as { data: z.infer<typeof returnerUpdate> };
      try {
        await updateOwnReturner(scopeOf(c), data);
      } catch (err) {
        const errors = serviceErrors(err, c);
        if (!errors) throw err;
        return mePage(c, { fields, form: errors }, asAppError(err, c)?.status === 409 ? 409 : 422);
      }
      return c.redirect('/returners/me?notice=saved', 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/returners/me/status',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'Pause or resume my returner sign-up',
      form: { schema: returnerStatusChange, invalid: (c, { errors }) => mePage(c, { form: errors }, 422) },
    },
    async (c, { form }) => {
      await setOwnReturnerStatus(scopeOf(c), form.status);
      return c.redirect('/returners/me', 303);
    },
  );

  routes.add(
    { method: 'post', path: '/returners/me/renewal', kind: 'page', access: SIGNED_IN, summary: 'Renew my sign-up' },
    async (c) => {
      await renewOwnReturner(scopeOf(c));
      return c.redirect('/returners/me?notice=renewed', 303);
    },
  );

  routes.add(
    { method: 'post', path: '/returners/me/leave', kind: 'page', access: SIGNED_IN, summary: 'Delete my sign-up' },
    async (c) => {
      await leaveReturnerPool(scopeOf(c));
      return c.redirect('/returners/left', 303);
    },
  );

  routes.add(
    { method: 'get', path: '/returners/left', kind: 'page', access: PUBLIC, summary: 'Sign-up deleted' },
    (c) => render(c, 'recruitment/returner-left', { title: c.get('t')('returner.left.title') }),
  );

  routes.add(
    {
      method: 'get',
      path: '/returners/renew',
      kind: 'page',
      access: PUBLIC,
      summary: 'The mailed renewal link: one button renews (a GET changes nothing, for mail scanners)',
      query: z.object({ token: z.string().max(200).optional() }),
    },
    async (c, { query }) => {
      const t = c.get('t');
      const lang = c.get('lang');
      const token = query.token ?? '';
      const valid =
        token.length >= 16 &&
        (await returnerByRenewToken(scopeOf(c), token).then(
          () => true,
          () => false,
        ));
      const until = new Date(c.get('deps').now().getTime());
      until.setUTCMonth(until.getUTCMonth() + 12);
      return render(c, 'recruitment/returner-renew', {
        title: t('returner.renew.title'),
        token,
        valid,
        lead: t('returner.renew.lead', { date: formatDate(until.toISOString(), lang) }),
      });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/returners/renew',
      kind: 'page',
      access: PUBLIC,
      summary: 'Renew with the mailed link’s token',
      form: {
        schema: renewalBody,
        invalid: (c) =>
          render(c, 'recruitment/returner-renew', { title: c.get('t')('returner.renew.title'), valid: false }, 422),
      },
    },
    async (c, { form }) => {
      const t = c.get('t');
      const { expiresAt } = await renewByToken(scopeOf(c), form.token);
      return render(c, 'recruitment/returner-renew', {
        title: t('returner.renew.title'),
        done: t('returner.renew.done', { date: formatDate(expiresAt, c.get('lang')) }),
      });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/returners/pool',
      kind: 'page',
      access: secretariat(),
      summary: 'The returner pool in counts (by occupation group and kommun; no names)',
    },
    async (c) => {
      const t = c.get('t');
      const counts = await poolCounts(scopeOf(c));
      return render(c, 'recruitment/returner-pool', {
        title: t('returner.pool.title'),
        lead: t('returner.pool.lead', { n: counts.fewerThan }),
        ...poolModel(t, counts, c.get('lang')),
      });
    },
  );
}
