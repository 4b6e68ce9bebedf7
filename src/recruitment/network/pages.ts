import type { Context } from 'hono';
import { NotFound } from '../../core/errors.ts';
import type { AppEnv } from '../../deps.ts';
import { asAppError } from '../../http/problem.ts';
import { organisationMember, PUBLIC, type Routes, secretariat } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { formatDate } from '../../i18n/dates.ts';
import { type FormErrors, toFormErrors } from '../../web/forms.ts';
import { render } from '../../web/render.ts';
import { stockholmDate } from '../move-cases/queries.ts';
import { type Fields, kindGroup, membershipModel, pledgeFormModel, pledgeModel } from './page-views.ts';
import {
  joinForm,
  leaveForm,
  networkPageParams,
  networkPageQuery,
  pledgeCreate,
  pledgeFormFields,
  pledgePageParams,
  pledgeRecordCreate,
  recordFormFields,
} from './schemas.ts';
import {
  endPledge,
  joinNetwork,
  leaveNetwork,
  makePledge,
  networkFollowUp,
  networkMembershipOf,
  networkPledgeSummary,
  publicNetworkMembers,
  recordForPledge,
} from './service.ts';

/**
 * The recruitment network's pages (decision 0037): the public page, the organisation's own page
 * (join with the terms in full, leave, pledges) and the secretariat's follow-up. Every act goes
 * through the service the JSON API uses (decision 0030); the pages only word it.
 */

/** A refusal of the service the person can act on (409 already a member, 422 old terms) as form errors. */
function serviceErrors(err: unknown, c: Context<AppEnv>, field: string): FormErrors | undefined {
  const problem = asAppError(err, c);
  if (!problem || ![409, 422].includes(problem.status)) return undefined;
  return toFormErrors(problem.errors ?? [{ path: field, message: problem.detail ?? c.get('t')(problem.titleKey) }]);
}

const NOTICES: Record<string, string> = {
  joined: 'network.join.done',
  left: 'network.leave.done',
  made: 'network.pledges.made',
  ended: 'network.pledges.ended',
  recorded: 'network.pledges.recorded',
};

/** Whether the signed-in person acts for the organisation (the secretariat only reads). */
function actsFor(c: Context<AppEnv>, organisationId: string): boolean {
  const principal = c.get('principal');
  return principal?.kind === 'user' && principal.memberships.some((m) => m.organisationId === organisationId);
}

interface OrganisationState {
  joinForm?: FormErrors;
  leaveForm?: FormErrors;
  pledgeForm?: FormErrors;
  fields?: Fields;
}

async function organisationPage(c: Context<AppEnv>, id: string, state: OrganisationState = {}, status = 200) {
  const t = c.get('t');
  const membership = await networkMembershipOf(scopeOf(c), id);
  const notice = NOTICES[c.req.query('notice') ?? ''];
  const errors = [
    ...(state.joinForm?.errors ?? []),
    ...(state.leaveForm?.errors ?? []),
    ...(state.pledgeForm?.errors ?? []),
  ];
  return render(
    c,
    'recruitment/network-organisation',
    {
      title: t('network.org.title', { organisation: membership.organisation.name }),
      notice: notice && c.req.method === 'GET' ? t(notice) : undefined,
      errors,
      canAct: actsFor(c, id),
      joinError: state.joinForm?.byField.acceptTerms ?? state.joinForm?.byField.termsVersion,
      leaveError: state.leaveForm?.byField.confirm,
      pledgeForm: state.pledgeForm,
      ...membershipModel(t, c.get('lang'), membership),
      ...pledgeFormModel(t, state.pledgeForm ? (state.fields ?? {}) : {}, state.pledgeForm),
    },
    status as 200,
  );
}

async function recordPage(
  c: Context<AppEnv>,
  params: { id: string; pledgeId: string },
  state: { fields?: Fields; form?: FormErrors } = {},
  status = 200,
) {
  const t = c.get('t');
  const membership = await networkMembershipOf(scopeOf(c), params.id);
  const pledge = membership.pledges.find((p) => p.id === params.pledgeId);
  if (!pledge) throw new NotFound();
  const fields = state.fields ?? {};
  const value = (name: string) => {
    const v = fields[name];
    return (Array.isArray(v) ? v[0] : v) ?? '';
  };
  return render(
    c,
    'recruitment/network-record',
    {
      title: t('network.pledges.record.title'),
      organisation: membership.organisation,
      canAct: actsFor(c, params.id),
      pledge: pledgeModel(t, pledge),
      lead: t('network.pledges.record.lead', { text: pledge.text }),
      errors: state.form?.errors ?? [],
      form: state.form,
      values: {
        doneOn: state.fields ? value('doneOn') : stockholmDate(c.get('deps').now()),
        note: value('note'),
      },
      kindGroup: kindGroup(
        t,
        t('network.pledges.recordKind'),
        value('kind') || (state.fields ? '' : pledge.kind),
        state.form?.byField.kind,
      ),
    },
    status as 200,
  );
}

const orgUrl = (id: string, notice: string) => `/organisations/${id}/network?notice=${notice}`;

export function registerNetworkPages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/network',
      kind: 'page',
      access: PUBLIC,
      summary: 'The recruitment network: what it is and why, its members, how many pledges are kept',
    },
    async (c) => {
      const t = c.get('t');
      const lang = c.get('lang');
      const scope = scopeOf(c);
      const [open, summary] = await Promise.all([publicNetworkMembers(scope), networkPledgeSummary(scope)]);
      const principal = c.get('principal');
      const memberIds = new Set(open.members.map((m) => m.id));
      const yours =
        principal?.kind === 'user'
          ? principal.memberships.map((m) => ({
              href: `/organisations/${m.organisationId}/network`,
              label: t(memberIds.has(m.organisationId) ? 'network.page.yours.member' : 'network.page.yours.join', {
                organisation: m.organisationName,
              }),
            }))
          : [];
      return render(c, 'recruitment/network', {
        title: t('network.title'),
        nav: 'network',
        members: open.members.map((m) => ({
          name: m.name,
          since: t('network.members.since', { date: formatDate(m.joinedAt, lang) }),
        })),
        kept:
          summary.judged > 0
            ? t('network.page.kept', summary)
            : t('network.page.kept.none', { pledges: summary.pledges }),
        yours,
      });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/organisations/:id/network',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'The organisation in the recruitment network: join with the terms, leave, its pledges',
      params: networkPageParams,
      query: networkPageQuery,
    },
    (c, { params }) => organisationPage(c, params.id),
  );

  routes.add(
    {
      method: 'post',
      path: '/organisations/:id/network/join',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'Join the recruitment network, accepting the joint-controller terms shown',
      params: networkPageParams,
      form: {
        schema: joinForm,
        invalid: (c, { errors }, { params }) => organisationPage(c, params.id, { joinForm: errors }, 422),
      },
    },
    async (c, { params, form }) => {
      try {
        await joinNetwork(scopeOf(c), params.id, { termsVersion: form.termsVersion, acceptTerms: true });
      } catch (err) {
        const errors = serviceErrors(err, c, 'acceptTerms');
        if (!errors) throw err;
        return organisationPage(c, params.id, { joinForm: errors }, asAppError(err, c)?.status ?? 422);
      }
      return c.redirect(orgUrl(params.id, 'joined'), 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/organisations/:id/network/leave',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'Leave the recruitment network (ticked to confirm); its pledges end',
      params: networkPageParams,
      form: {
        schema: leaveForm,
        invalid: (c, { errors }, { params }) => organisationPage(c, params.id, { leaveForm: errors }, 422),
      },
    },
    async (c, { params }) => {
      await leaveNetwork(scopeOf(c), params.id);
      return c.redirect(orgUrl(params.id, 'left'), 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/organisations/:id/network/pledges',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'Make a pledge (members of the network)',
      params: networkPageParams,
      form: {
        prepare: pledgeFormFields,
        schema: pledgeCreate,
        invalid: (c, { fields, errors }, { params }) =>
          organisationPage(c, params.id, { pledgeForm: errors, fields }, 422),
      },
    },
    async (c, { params, form, fields }) => {
      try {
        await makePledge(scopeOf(c), params.id, form);
      } catch (err) {
        const errors = serviceErrors(err, c, 'text');
        if (!errors) throw err;
        return organisationPage(c, params.id, { pledgeForm: errors, fields }, asAppError(err, c)?.status ?? 422);
      }
      return c.redirect(orgUrl(params.id, 'made'), 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/organisations/:id/network/pledges/:pledgeId/end',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'End a pledge (what was recorded against it stays)',
      params: pledgePageParams,
    },
    async (c, { params }) => {
      await endPledge(scopeOf(c), params.id, params.pledgeId);
      return c.redirect(orgUrl(params.id, 'ended'), 303);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/organisations/:id/network/pledges/:pledgeId',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'One pledge, with the form to record an interview or a contact against it',
      params: pledgePageParams,
    },
    (c, { params }) => recordPage(c, params),
  );

  routes.add(
    {
      method: 'post',
      path: '/organisations/:id/network/pledges/:pledgeId',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'Record an interview or a contact against a pledge (no names of people)',
      params: pledgePageParams,
      form: {
        prepare: recordFormFields,
        schema: pledgeRecordCreate,
        invalid: (c, { fields, errors }, { params }) => recordPage(c, params, { fields, form: errors }, 422),
      },
    },
    async (c, { params, form, fields }) => {
      try {
        await recordForPledge(scopeOf(c), params.id, params.pledgeId, form);
      } catch (err) {
        const errors = serviceErrors(err, c, 'doneOn');
        if (!errors) throw err;
        return recordPage(c, params, { fields, form: errors }, 422);
      }
      return c.redirect(orgUrl(params.id, 'recorded'), 303);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/admin/network',
      kind: 'page',
      access: secretariat(),
      summary: 'The secretariat’s follow-up of the network: members, pledges this and last period, overdue flagged',
    },
    async (c) => {
      const t = c.get('t');
      const lang = c.get('lang');
      const { items } = await networkFollowUp(scopeOf(c));
      return render(c, 'recruitment/network-admin', {
        title: t('network.followUp.title'),
        nav: 'admin',
        count: t('network.followUp.members', { count: items.length }),
        // One row a pledge, and one for a member without any, so that no member drops out of sight.
        rows: items.flatMap((m) => {
          const name = m.organisation.name;
          const joined = t('network.followUp.joined', { date: formatDate(m.joinedAt, lang) });
          if (m.pledges.length === 0) return [{ name, joined }];
          return m.pledges.map((p) => ({ name, joined, pledge: pledgeModel(t, p), overdue: p.overdue }));
        }),
      });
    },
  );
}
