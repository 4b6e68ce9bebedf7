import type { Context } from 'hono';
import type { AppEnv } from '../../deps.ts';
import { notFound } from '../../http/errors.ts';
import type { FormFields } from '../../http/form.ts';
import { asAppError } from '../../http/problem.ts';
import { organisationMember, PUBLIC, type Routes, SIGNED_IN, secretariat } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { formatDate } from '../../i18n/dates.ts';
import { findOrganisation, viewerOf } from '../../organisations/index.ts';
import { listSubmittedNeedLines } from '../../surveys/index.ts';
import { listMunicipalities } from '../../taxonomy/index.ts';
import { type FormErrors, formValues, toFormErrors } from '../../web/forms.ts';
import { render } from '../../web/render.ts';
import { recruitsPeople } from '../eligibility.ts';
import {
  applicationPath,
  listOrganisationApplications,
  listOwnApplications,
  submitApplication,
  updateRoute,
  viewOrganisationApplication,
  viewOwnApplication,
  withdrawRoute,
} from './applications.ts';
import { listCampaignLines } from './queries.ts';
import {
  applicationForm,
  campaignForm,
  campaignParams,
  fillCreate,
  lineAnswerForm,
  lineParams,
  orgApplicationParams,
  organisationParams,
  routeForm,
  routeParams,
  signUpForm,
  visitDayForm,
} from './schemas.ts';
import {
  addVisitDay,
  answerLine,
  createCampaign,
  listAllCampaigns,
  listFills,
  listOpenCampaigns,
  listOrganisationCampaigns,
  proposeCampaigns,
  recordFill,
  signUpForVisit,
  viewPublicCampaign,
} from './service.ts';
import { campaignTracking } from './tracking.ts';
import {
  campaignModel,
  candidateModel,
  organisationApplicationModel,
  organisationCampaignsModel,
  proposalModel,
  trackingModel,
} from './views.ts';

/** The campaign pages (decision 0032): public, the candidate's, the organisation's, the secretariat's. */

type State = { values: Record<string, string>; form?: FormErrors | undefined; notice?: string | undefined };

/** A refusal of the service as form errors (422/409 with fields), or as one message; else rethrown. */
function serviceErrors(err: unknown, c: Context<AppEnv>, field = 'form'): FormErrors {
  const problem = asAppError(err, c);
  if (!problem || ![409, 422, 429].includes(problem.status)) throw err;
  if (problem.errors?.length) return toFormErrors(problem.errors);
  // Too many mailed links: the address is what the limit counts.
  const path = problem.status === 429 ? 'email' : field;
  return toFormErrors([{ path, message: problem.detail ?? c.get('t')(problem.titleKey) }]);
}

const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

async function publicPage(
  c: Context<AppEnv>,
  id: string,
  state: State = { values: {} },
  status: 200 | 409 | 422 = 200,
) {
  const t = c.get('t');
  const lang = c.get('lang');
  const campaign = campaignModel(await viewPublicCampaign(scopeOf(c), id), t, lang);
  return render(
    c,
    'recruitment/campaign',
    {
      title: campaign.title,
      nav: 'placements',
      campaign,
      visitDays: campaign.visitDays,
      values: state.values,
      form: state.form,
      dayGroup: {
        name: 'dayId',
        type: 'radio',
        legend: t('campaign.field.visitDay'),
        error: state.form?.byField.dayId,
        options: campaign.visitDays
          .filter((d) => !d.full)
          .map((d) => ({
            id: `field-dayId-${d.id}`,
            value: d.id,
            label: t('campaign.page.dayOption', { date: formatDate(d.date, lang), place: d.place, left: d.left }),
            checked: state.values.dayId === d.id,
          })),
      },
      errors: state.form?.errors ?? [],
      notice: state.notice ? t(state.notice) : undefined,
    },
    status,
  );
}

async function applyPage(
  c: Context<AppEnv>,
  id: string,
  state: State & { chosen?: string[] },
  status: 200 | 409 | 422 | 429 = 200,
) {
  const t = c.get('t');
  const campaign = campaignModel(await viewPublicCampaign(scopeOf(c), id), t, c.get('lang'));
  const v = state.values;
  return render(
    c,
    'recruitment/campaign-apply',
    {
      title: t('campaign.apply.title', { campaign: campaign.title }),
      nav: 'placements',
      campaign,
      values: v,
      form: state.form,
      notice: state.notice ? t(state.notice) : undefined,
      organisationGroup: {
        name: 'organisationIds',
        type: 'checkbox',
        legend: t('campaign.field.organisations'),
        hint: t('campaign.field.organisations.hint'),
        error: state.form?.byField.organisationIds,
        options: campaign.organisations.map((o) => ({
          id: `field-organisationIds-${o.id}`,
          value: o.id,
          label: `${o.name} (${o.postsLabel})`,
          checked: (state.chosen ?? []).includes(o.id),
        })),
      },
      partnerGroup: {
        name: 'partnerNeedsWork',
        type: 'radio',
        layout: 'inline',
        legend: t('campaign.field.partner'),
        hint: t('campaign.field.partner.hint'),
        error: state.form?.byField.partnerNeedsWork,
        options: ['yes', 'no'].map((value) => ({
          id: `field-partnerNeedsWork-${value}`,
          value,
          label: t(`campaign.field.${value}`),
          checked: v.partnerNeedsWork === value,
        })),
      },
    },
    status,
  );
}

async function requireOrganisation(c: Context<AppEnv>, id: string) {
  const organisation = await findOrganisation(c.get('deps').db, id, viewerOf(c.get('principal')));
  if (!organisation) throw notFound();
  return organisation;
}

async function organisationPage(
  c: Context<AppEnv>,
  id: string,
  state: { fill?: State; lineErrors?: Record<string, string> } = {},
  status: 200 | 409 | 422 = 200,
) {
  const t = c.get('t');
  const lang = c.get('lang');
  const scope = scopeOf(c);
  const organisation = await requireOrganisation(c, id);
  const principal = c.get('principal');
  const member = principal?.kind === 'user' && principal.memberships.some((m) => m.organisationId === id);
  const campaigns = organisationCampaignsModel(await listOrganisationCampaigns(scope, id), t, lang).map((cmp) => ({
    ...cmp,
    lines: cmp.lines.map((l) => ({ ...l, error: state.lineErrors?.[l.id] })),
  }));
  // The secretariat may open the page (it can reach every organisation) but sees no candidates.
  const applications = member ? await listOrganisationApplications(scope, id) : [];
  const lines = (await listSubmittedNeedLines(c.get('deps').db, { organisationIds: [id] })).filter(recruitsPeople);
  const fills = await listFills(scope, id);
  const fv = state.fill?.values ?? {};
  return render(
    c,
    'recruitment/campaign-organisation',
    {
      title: t('campaign.org.title', { organisation: organisation.name }),
      organisation,
      campaigns,
      member,
      applications: applications.map((a) => ({
        ...a,
        campaignTitle: lang === 'en' ? a.campaign.titleEn : a.campaign.titleSv,
        statusLabel: t(`campaign.status.${a.route.status}`),
      })),
      fills,
      fill: {
        values: fv,
        form: state.fill?.form,
        lineOptions: [
          { value: '', label: t('campaign.org.chooseLine'), selected: !fv.needLineId },
          ...lines.map((l) => ({
            value: l.id,
            label: t('campaign.org.line', {
              occupation: lang === 'en' ? l.occupationLabelEn : l.occupationLabelSv,
              headcount: l.headcount,
              lineNo: l.lineNo,
            }),
            selected: fv.needLineId === l.id,
          })),
        ],
      },
      errors: [
        ...(state.fill?.form?.errors ?? []),
        ...Object.entries(state.lineErrors ?? {}).map(([field, message]) => ({ field: `posts-${field}`, message })),
      ],
    },
    status,
  );
}

async function orgApplicationPage(
  c: Context<AppEnv>,
  id: string,
  applicationId: string,
  form?: { values: Record<string, string>; errors?: FormErrors | undefined },
  status: 200 | 409 | 422 = 200,
) {
  const t = c.get('t');
  const lang = c.get('lang');
  const scope = scopeOf(c);
  const application = await viewOrganisationApplication(scope, id, applicationId);
  const posts = (
    await listCampaignLines(c.get('deps').db, {
      campaignId: application.campaign.id,
      organisationId: id,
      status: 'confirmed',
    })
  ).map((l) => ({
    id: l.id,
    label: t('campaign.org.post', {
      occupation: lang === 'en' ? l.occupation.labelEn : l.occupation.labelSv,
      posts: l.posts ?? 0,
    }),
  }));
  const model = organisationApplicationModel(application, t, lang, posts, form);
  return render(
    c,
    'recruitment/campaign-received',
    { title: t('campaign.received.title', { name: application.name }), organisationId: id, application: model },
    status,
  );
}

async function adminNewPage(
  c: Context<AppEnv>,
  state: State & { chosen?: string[]; kommuner?: string[] },
  status: 200 | 422 = 200,
) {
  const t = c.get('t');
  const lang = c.get('lang');
  const groups = proposalModel(await proposeCampaigns(scopeOf(c)), t, lang, state.chosen ?? []);
  const kommuner = (await listMunicipalities(c.get('deps').db, {})).filter((k) => k.inRegion);
  return render(
    c,
    'recruitment/campaign-new',
    {
      title: t('campaign.admin.newTitle'),
      nav: 'admin',
      groups,
      values: state.values,
      form: state.form,
      kommunGroup: {
        name: 'kommuner',
        type: 'checkbox',
        legend: t('campaign.field.kommuner'),
        error: state.form?.byField.kommuner,
        options: kommuner.map((k) => ({
          id: `field-kommuner-${k.code}`,
          value: k.code,
          label: k.name,
          checked: (state.kommuner ?? []).includes(k.code),
        })),
      },
      linesError: state.form?.byField.lineIds,
    },
    status,
  );
}

async function adminCampaignPage(
  c: Context<AppEnv>,
  id: string,
  state: State = { values: {} },
  status: 200 | 422 = 200,
) {
  const t = c.get('t');
  const model = trackingModel(await campaignTracking(scopeOf(c), id), t, c.get('lang'));
  return render(
    c,
    'recruitment/campaign-tracking',
    {
      title: model.campaign.title,
      nav: 'admin',
      ...model,
      values: state.values,
      form: state.form,
      notice: state.notice ? t(state.notice) : undefined,
    },
    status,
  );
}

const NOTICES: Record<string, string> = {
  signedUp: 'campaign.page.signedUp',
  sent: 'campaign.apply.sent',
  created: 'campaign.admin.created',
  visitDay: 'campaign.admin.visitDayAdded',
};

export function registerCampaignPages(routes: Routes): void {
  routes.add(
    { method: 'get', path: '/campaigns', kind: 'page', access: PUBLIC, summary: 'Open recruitment campaigns' },
    async (c) => {
      const t = c.get('t');
      const lang = c.get('lang');
      const items = (await listOpenCampaigns(scopeOf(c))).map((cmp) => campaignModel(cmp, t, lang));
      return render(c, 'recruitment/campaign-list', { title: t('campaign.list.title'), nav: 'placements', items });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/campaigns/:id',
      kind: 'page',
      access: PUBLIC,
      summary: 'A recruitment campaign',
      params: campaignParams,
    },
    async (c, { params }) => publicPage(c, params.id, { values: {}, notice: NOTICES[c.req.query('notice') ?? ''] }),
  );

  routes.add(
    {
      method: 'post',
      path: '/campaigns/:id/visit-days',
      kind: 'page',
      access: PUBLIC,
      summary: 'Sign up for a visit day',
      params: campaignParams,
      form: {
        schema: signUpForm,
        invalid: (c, { values, errors }, { params }) => publicPage(c, params.id, { values, form: errors }, 422),
      },
    },
    async (c, { params, form, values }) => {
      try {
        await signUpForVisit(scopeOf(c), params.id, form.dayId, form);
      } catch (err) {
        return publicPage(c, params.id, { values, form: serviceErrors(err, c, 'dayId') }, 409);
      }
      return c.redirect(`/campaigns/${encodeURIComponent(params.id)}?notice=signedUp`, 303);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/campaigns/:id/apply',
      kind: 'page',
      access: PUBLIC,
      summary: 'Form: apply in a campaign',
      params: campaignParams,
    },
    async (c, { params }) => {
      const principal = c.get('principal');
      const values =
        principal?.kind === 'user' ? { name: principal.name, email: principal.email } : ({} as Record<string, string>);
      return applyPage(c, params.id, { values, notice: NOTICES[c.req.query('notice') ?? ''] });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/campaigns/:id/apply',
      kind: 'page',
      access: PUBLIC,
      summary: 'Apply in a campaign (mails a link to confirm)',
      params: campaignParams,
      form: {
        schema: applicationForm,
        prepare: (fields: FormFields) => ({ ...formValues(fields), organisationIds: list(fields.organisationIds) }),
        invalid: (c, { values, fields, errors }, { params }) =>
          applyPage(c, params.id, { values, form: errors, chosen: list(fields.organisationIds) }, 422),
      },
    },
    async (c, { params, form, values, fields }) => {
      let result: { id: string; confirmed: boolean };
      try {
        result = await submitApplication(scopeOf(c), params.id, {
          ...form,
          partnerNeedsWork: form.partnerNeedsWork === 'yes',
        });
      } catch (err) {
        return applyPage(
          c,
          params.id,
          { values, form: serviceErrors(err, c), chosen: list(fields.organisationIds) },
          asAppError(err, c)?.status === 429 ? 429 : 422,
        );
      }
      if (result.confirmed) return c.redirect(applicationPath(result.id), 303);
      return c.redirect(`/campaigns/${encodeURIComponent(params.id)}/apply?notice=sent`, 303);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/campaign-applications',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'My campaign applications',
    },
    async (c) => {
      const t = c.get('t');
      const items = (await listOwnApplications(scopeOf(c))).map((a) => candidateModel(a, t, c.get('lang')));
      return render(c, 'recruitment/campaign-mine', { title: t('campaign.mine.title'), items });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/campaign-applications/:id',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'My campaign application (the first view after the mailed link confirms it)',
      params: campaignParams,
    },
    async (c, { params }) => {
      const t = c.get('t');
      const application = candidateModel(await viewOwnApplication(scopeOf(c), params.id), t, c.get('lang'));
      return render(c, 'recruitment/campaign-application', {
        title: t('campaign.mine.one', { campaign: application.campaignTitle }),
        application,
        notice: c.req.query('notice') === 'withdrawn' ? t('campaign.mine.withdrawn') : undefined,
      });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/campaign-applications/:id/routes/:orgId/withdraw',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'Withdraw my application from one organisation',
      params: routeParams,
    },
    async (c, { params }) => {
      await withdrawRoute(scopeOf(c), params.id, params.orgId);
      return c.redirect(`${applicationPath(params.id)}?notice=withdrawn`, 303);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/organisations/:id/campaigns',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'An organisation’s campaign invitations, the applications it received and posts filled alone',
      params: organisationParams,
    },
    async (c, { params }) => organisationPage(c, params.id),
  );

  routes.add(
    {
      method: 'post',
      path: '/organisations/:id/campaign-lines/:lineId',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'Confirm or decline a need line’s invitation to a campaign',
      params: lineParams,
      form: {
        schema: lineAnswerForm,
        invalid: (c, { errors }, { params }) =>
          organisationPage(c, params.id, { lineErrors: { [params.lineId]: errors.errors[0]?.message ?? '' } }, 422),
      },
    },
    async (c, { params, form }) => {
      try {
        await answerLine(scopeOf(c), params.id, params.lineId, {
          version: form.version,
          confirm: form.decision === 'confirm',
          posts: form.decision === 'confirm' ? form.posts : undefined,
        });
      } catch (err) {
        const errors = serviceErrors(err, c);
        return organisationPage(
          c,
          params.id,
          { lineErrors: { [params.lineId]: errors.errors[0]?.message ?? '' } },
          409,
        );
      }
      return c.redirect(`/organisations/${encodeURIComponent(params.id)}/campaigns#line-${params.lineId}`, 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/organisations/:id/need-line-fills',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'Record a post filled outside any campaign',
      params: organisationParams,
      form: {
        schema: fillCreate,
        invalid: (c, { values, errors }, { params }) =>
          organisationPage(c, params.id, { fill: { values, form: errors } }, 422),
      },
    },
    async (c, { params, form, values }) => {
      try {
        await recordFill(scopeOf(c), params.id, form);
      } catch (err) {
        return organisationPage(c, params.id, { fill: { values, form: serviceErrors(err, c, 'needLineId') } }, 422);
      }
      return c.redirect(`/organisations/${encodeURIComponent(params.id)}/campaigns#fills`, 303);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/organisations/:id/campaign-applications/:applicationId',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'One application the organisation received (the view is logged)',
      params: orgApplicationParams,
    },
    async (c, { params }) => orgApplicationPage(c, params.id, params.applicationId),
  );

  routes.add(
    {
      method: 'post',
      path: '/organisations/:id/campaign-applications/:applicationId',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'Record what happened with an application',
      params: orgApplicationParams,
      form: {
        schema: routeForm,
        invalid: (c, { values, errors }, { params }) =>
          orgApplicationPage(c, params.id, params.applicationId, { values, errors }, 422),
      },
    },
    async (c, { params, form, values }) => {
      try {
        await updateRoute(scopeOf(c), params.id, params.applicationId, form);
      } catch (err) {
        return orgApplicationPage(
          c,
          params.id,
          params.applicationId,
          { values, errors: serviceErrors(err, c, 'status') },
          422,
        );
      }
      return c.redirect(
        `/organisations/${encodeURIComponent(params.id)}/campaign-applications/${encodeURIComponent(params.applicationId)}`,
        303,
      );
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/admin/campaigns',
      kind: 'page',
      access: secretariat(),
      summary: 'Every campaign (the secretariat)',
    },
    async (c) => {
      const t = c.get('t');
      const lang = c.get('lang');
      const items = (await listAllCampaigns(scopeOf(c))).map((cmp) => campaignModel(cmp, t, lang));
      return render(c, 'recruitment/campaign-admin', { title: t('campaign.admin.title'), nav: 'admin', items });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/admin/campaigns/new',
      kind: 'page',
      access: secretariat(),
      summary: 'Form: bundle need lines into a campaign',
    },
    async (c) => adminNewPage(c, { values: {} }),
  );

  routes.add(
    {
      method: 'post',
      path: '/admin/campaigns/new',
      kind: 'page',
      access: secretariat(),
      summary: 'Create a campaign and invite the chosen need lines',
      form: {
        schema: campaignForm,
        prepare: (fields: FormFields) => ({
          ...formValues(fields),
          kommuner: list(fields.kommuner),
          lineIds: list(fields.lineIds),
        }),
        invalid: (c, { values, fields, errors }) =>
          adminNewPage(c, { values, form: errors, chosen: list(fields.lineIds), kommuner: list(fields.kommuner) }, 422),
      },
    },
    async (c, { form, values, fields }) => {
      let id: string;
      try {
        ({ id } = await createCampaign(scopeOf(c), form));
      } catch (err) {
        return adminNewPage(
          c,
          { values, form: serviceErrors(err, c), chosen: list(fields.lineIds), kommuner: list(fields.kommuner) },
          422,
        );
      }
      return c.redirect(`/admin/campaigns/${encodeURIComponent(id)}?notice=created`, 303);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/admin/campaigns/:id',
      kind: 'page',
      access: secretariat(),
      summary: 'A campaign’s lines, visit days and figures (the secretariat)',
      params: campaignParams,
    },
    async (c, { params }) =>
      adminCampaignPage(c, params.id, { values: {}, notice: NOTICES[c.req.query('notice') ?? ''] }),
  );

  routes.add(
    {
      method: 'post',
      path: '/admin/campaigns/:id/visit-days',
      kind: 'page',
      access: secretariat(),
      summary: 'Add a visit day',
      params: campaignParams,
      form: {
        schema: visitDayForm,
        invalid: (c, { values, errors }, { params }) => adminCampaignPage(c, params.id, { values, form: errors }, 422),
      },
    },
    async (c, { params, form, values }) => {
      try {
        await addVisitDay(scopeOf(c), params.id, form);
      } catch (err) {
        return adminCampaignPage(c, params.id, { values, form: serviceErrors(err, c, 'date') }, 422);
      }
      return c.redirect(`/admin/campaigns/${encodeURIComponent(params.id)}?notice=visitDay`, 303);
    },
  );
}
