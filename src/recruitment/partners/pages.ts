import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../../deps.ts';
import { requireUser } from '../../http/authorize.ts';
import type { FormFields } from '../../http/form.ts';
import { asAppError } from '../../http/problem.ts';
import { organisationMember, type Routes, SIGNED_IN } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { labelTaxonomyFields, resolveTaxonomyFields, taxonomyFormSchema } from '../../taxonomy/index.ts';
import { type FormErrors, formValues, listOf, splitList, toFormErrors } from '../../web/forms.ts';
import { render } from '../../web/render.ts';
import { tipChoices, tipOpening, toldBy } from '../matching/inform-tips.ts';
import { informTipForm, tipPageParams } from '../matching/schemas.ts';
import { stockholmDate } from '../move-cases/queries.ts';
import {
  earliestStartOf,
  type Fields,
  profileFields,
  profileFormModel,
  sharedProfileModel,
  sharingModel,
} from './page-views.ts';
import { listConsentRecipients, listReachableKommuner } from './queries.ts';
import {
  consentCreate,
  consentFormFields,
  consentParams,
  eraseProfileForm,
  organisationPageParams,
  type Purpose,
  partnerProfileInput,
  REACHABLE_COUNTIES,
  sharedPageQuery,
} from './schemas.ts';
import {
  eraseProfile,
  giveConsent,
  mayHoldProfile,
  myProfile,
  readSharedProfiles,
  renewConsent,
  saveProfile,
  withdrawConsents,
} from './service.ts';

/**
 * The partner's pages (decision 0034): the profile form, sharing (consents, withdrawal, renewal,
 * the access log, erasure), and an organisation's shared profiles, each read through the service's
 * consent check and logged. The JSON API (routes.ts) keeps its own shapes.
 */

const TAXONOMY = [
  { name: 'occupationIds', kind: 'occupation' },
  { name: 'skillIds', kind: 'skill' },
] as const;

/** A refusal of the service (409 stale, 403 not a partner, 422) as the form's errors; else undefined. */
function serviceErrors(err: unknown, c: Context<AppEnv>, field: string): FormErrors | undefined {
  const problem = asAppError(err, c);
  if (!problem || ![403, 404, 409, 422].includes(problem.status)) return undefined;
  return toFormErrors(problem.errors ?? [{ path: field, message: problem.detail ?? c.get('t')(problem.titleKey) }]);
}

async function profilePage(c: Context<AppEnv>, state: { fields?: Fields; form?: FormErrors } = {}, status = 200) {
  const t = c.get('t');
  const lang = c.get('lang');
  const { db, now } = c.get('deps');
  const profile = await myProfile(scopeOf(c));
  if (!profile && !(await mayHoldProfile(scopeOf(c))))
    return render(c, 'recruitment/partner-profile', { title: t('partnerPage.profile.title'), notPartner: true });
  const fields = state.fields ?? (profile ? profileFields(profile) : { workModes: ['on-site'] });
  const counties = await listReachableKommuner(db, REACHABLE_COUNTIES);
  const labelled = await labelTaxonomyFields(db, formValues(fields), TAXONOMY, lang);
  return render(
    c,
    'recruitment/partner-profile',
    {
      title: t('partnerPage.profile.title'),
      saved: c.req.method === 'GET' && c.req.query('saved') !== undefined,
      values: labelled,
      form: state.form,
      ...profileFormModel(t, lang, fields, counties, Number(stockholmDate(now()).slice(0, 4)), state.form),
    },
    status as 200,
  );
}

const NOTICES: Record<string, string> = {
  given: 'partnerPage.sharing.given',
  withdrawn: 'partnerPage.sharing.withdrawnNotice',
  renewed: 'partnerPage.sharing.renewed',
  erased: 'partnerPage.erase.done',
};

async function sharingPage(
  c: Context<AppEnv>,
  state: { fields?: Fields; form?: FormErrors; eraseForm?: FormErrors } = {},
  status = 200,
) {
  const t = c.get('t');
  const notice = NOTICES[c.req.query('notice') ?? ''];
  const profile = await myProfile(scopeOf(c));
  const base = {
    title: t('partnerPage.sharing.title'),
    notice: notice && c.req.method === 'GET' ? t(notice) : undefined,
  };
  if (!profile) return render(c, 'recruitment/partner-sharing', { ...base, noProfile: true }, status as 200);
  const recipients = await listConsentRecipients(c.get('deps').db, requireUser(c).email);
  const errors = [...(state.form?.errors ?? []), ...(state.eraseForm?.errors ?? [])];
  return render(
    c,
    'recruitment/partner-sharing',
    {
      ...base,
      errors,
      form: state.form,
      eraseError: state.eraseForm?.byField.confirm,
      ...sharingModel(t, c.get('lang'), profile, recipients, state.fields ?? {}, state.form),
    },
    status as 200,
  );
}

/** The tip form's state after a refused post: whose form, what was posted, the errors. */
interface TipState {
  profileId: string;
  fields: Record<string, string>;
  form: FormErrors;
}

async function sharedProfilesPage(
  c: Context<AppEnv>,
  organisationId: string,
  purpose: Purpose | undefined,
  tip?: TipState,
  status = 200,
) {
  const t = c.get('t');
  const lang = c.get('lang');
  const scope = scopeOf(c);
  // Nothing is read, and so nothing logged, until the member says why they look.
  const items = purpose ? await readSharedProfiles(scope, organisationId, purpose) : undefined;
  const tipping = purpose === 'inform' && items !== undefined && items.length > 0;
  const choices = tipping ? await tipChoices(scope, organisationId) : [];
  const told = tipping
    ? await toldBy(
        scope,
        organisationId,
        items.map((p) => p.id),
      )
    : new Map<string, string[]>();
  const tippedId = c.req.method === 'GET' ? c.req.query('tipped') : undefined;
  return render(
    c,
    'recruitment/partner-profiles',
    {
      title: t('partnerPage.org.title'),
      organisationId,
      purposeOptions: ['consider', 'inform'].map((p) => ({
        value: p,
        label: t(`partnerPage.sharing.purpose.${p}`),
        selected: p === purpose,
      })),
      asked: purpose !== undefined,
      errors: tip?.form.errors.map((e) => ({ field: `${e.field}-${tip.profileId}`, message: e.message })),
      profiles: items?.map((p, i) => {
        const mine = tip?.profileId === p.id ? tip : undefined;
        const chosen = mine?.fields.opening ?? '';
        return {
          ...sharedProfileModel(t, lang, p, i + 1),
          tip: tipping
            ? {
                choices: [
                  { value: '', label: '', selected: chosen === '' },
                  ...choices.map((o) => ({
                    value: `${o.source}:${o.id}`,
                    label: t(o.source === 'need' ? 'matching.tip.openingNeed' : 'matching.tip.openingPlacement', {
                      title: o.title,
                      kommun: o.kommun || '–',
                    }),
                    selected: chosen === `${o.source}:${o.id}`,
                  })),
                ],
                note: mine?.fields.note ?? '',
                openingError: mine?.form.byField.opening,
                noteError: mine?.form.byField.note,
                told: told.get(p.id)?.length ? t('matching.tip.told', { items: told.get(p.id)?.join(', ') ?? '' }) : '',
                done: tippedId === p.id ? t('matching.tip.done') : '',
              }
            : undefined,
        };
      }),
      hasChoices: choices.length > 0,
    },
    status as 200,
  );
}

const sharingUrl = (notice: string) => `/partner/sharing?notice=${notice}`;

export function registerPartnerPages(routes: Routes): void {
  routes.add(
    { method: 'get', path: '/partner/profile', kind: 'page', access: SIGNED_IN, summary: 'My job profile (form)' },
    (c) => profilePage(c),
  );

  routes.add(
    {
      method: 'post',
      path: '/partner/profile',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'Save my job profile',
      form: {
        schema: ((c: Context<AppEnv>) =>
          taxonomyFormSchema({
            resolve: (posted) => resolveTaxonomyFields(c.get('deps').db, c.get('t'), posted, TAXONOMY),
            schema: partnerProfileInput,
            input: (resolved, posted: FormFields) => {
              const one = formValues(posted);
              // Half a month-year is the rule's to word (below), not the API's "YYYY-MM".
              const start = earliestStartOf(one) || null;
              return {
                occupationIds: splitList(resolved.occupationIds),
                skillIds: splitList(resolved.skillIds),
                languages: listOf(posted.languages),
                earliestStart: start,
                kommuner: listOf(posted.kommuner),
                workModes: listOf(posted.workModes),
                about: one.about ?? '',
                ...(one.version ? { version: Number(one.version) } : {}),
              };
            },
            rules: (_resolved, posted) =>
              earliestStartOf(formValues(posted)) === ''
                ? [{ path: 'earliestStart', message: c.get('t')('partnerPage.validation.earliestStart') }]
                : [],
          })) as never,
        invalid: (c, { fields, errors }) => profilePage(c, { fields, form: errors }, 422),
      },
    },
    async (c, { form, fields }) => {
      const { data } = form as { data: z.infer<typeof partnerProfileInput> };
      try {
        await saveProfile(scopeOf(c), data);
      } catch (err) {
        const errors = serviceErrors(err, c, 'occupationIds');
        if (!errors) throw err;
        return profilePage(c, { fields, form: errors }, asAppError(err, c)?.status === 409 ? 409 : 422);
      }
      return c.redirect('/partner/profile?saved', 303);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/partner/sharing',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'Who may see my job profile: consents, the access log, erasure',
    },
    (c) => sharingPage(c),
  );

  routes.add(
    {
      method: 'post',
      path: '/partner/sharing',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'Share my job profile with an organisation or the network',
      form: {
        prepare: consentFormFields,
        schema: consentCreate,
        invalid: (c, { fields, errors }) => sharingPage(c, { fields, form: errors }, 422),
      },
    },
    async (c, { form, fields }) => {
      try {
        await giveConsent(scopeOf(c), form);
      } catch (err) {
        const errors = serviceErrors(err, c, 'recipient');
        if (!errors) throw err;
        return sharingPage(c, { fields, form: errors }, 422);
      }
      return c.redirect(sharingUrl('given'), 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/partner/sharing/withdrawal',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'Stop sharing my job profile with everyone',
    },
    async (c) => {
      await withdrawConsents(scopeOf(c));
      return c.redirect(sharingUrl('withdrawn'), 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/partner/sharing/:consentId/withdrawal',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'Stop sharing my job profile under one consent',
      params: consentParams,
    },
    async (c, { params }) => {
      await withdrawConsents(scopeOf(c), params.consentId);
      return c.redirect(sharingUrl('withdrawn'), 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/partner/sharing/:consentId/renewal',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'Renew one consent for its months again',
      params: consentParams,
    },
    async (c, { params }) => {
      await renewConsent(scopeOf(c), params.consentId);
      return c.redirect(sharingUrl('renewed'), 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/partner/profile/erasure',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'Erase my job profile and every consent, in one step',
      form: {
        schema: eraseProfileForm,
        invalid: (c, { errors }) => sharingPage(c, { eraseForm: errors }, 422),
      },
    },
    async (c) => {
      await eraseProfile(scopeOf(c));
      return c.redirect(sharingUrl('erased'), 303);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/organisations/:id/partner-profiles',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'The job profiles shared with your organisation for a purpose (each one shown is logged)',
      params: organisationPageParams,
      query: sharedPageQuery,
    },
    (c, { params, query }) => sharedProfilesPage(c, params.id, query.purpose),
  );

  routes.add(
    {
      method: 'post',
      path: '/organisations/:id/partner-profiles/:profileId/tips',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'Tell a person who shares their profile with you to be told about openings of one of your own openings',
      params: tipPageParams,
      form: {
        schema: informTipForm,
        invalid: (c, { fields, errors }) =>
          sharedProfilesPage(
            c,
            c.req.param('id') ?? '',
            'inform',
            {
              profileId: c.req.param('profileId') ?? '',
              fields: formValues(fields),
              form: errors,
            },
            422,
          ),
      },
    },
    async (c, { params, form: data, fields }) => {
      const [source, ...rest] = data.opening.split(':');
      try {
        await tipOpening(scopeOf(c), params.id, params.profileId, {
          source: source === 'placement' ? 'placement' : 'need',
          openingId: rest.join(':'),
          note: data.note,
        });
      } catch (err) {
        const status = asAppError(err, c)?.status;
        const errors = status === 404 ? undefined : serviceErrors(err, c, 'opening');
        if (!errors) throw err;
        const located = toFormErrors(
          errors.errors.map((e) => ({ path: e.field === 'openingId' ? 'opening' : e.field, message: e.message })),
        );
        return sharedProfilesPage(
          c,
          params.id,
          'inform',
          { profileId: params.profileId, fields: formValues(fields), form: located },
          status === 409 ? 409 : 422,
        );
      }
      return c.redirect(
        `/organisations/${encodeURIComponent(params.id)}/partner-profiles?purpose=inform&tipped=${encodeURIComponent(params.profileId)}#profile-${encodeURIComponent(params.profileId)}`,
        303,
      );
    },
  );
}
