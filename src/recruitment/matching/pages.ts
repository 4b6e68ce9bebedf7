import type { Context } from 'hono';
import type { AppEnv } from '../../deps.ts';
import { asAppError } from '../../http/problem.ts';
import { organisationMember, type Routes, SIGNED_IN } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { type FormErrors, toFormErrors } from '../../web/forms.ts';
import { render } from '../../web/render.ts';
import { answerInterest, organisationNotices, recordOutcome } from './notices.ts';
import { answerNotice, myMatches } from './partner.ts';
import {
  answerForm,
  caseParams,
  interestForm,
  noticeParams,
  organisationNoticePageParams,
  organisationPageParams,
  outcomeForm,
} from './schemas.ts';
import { twoJobView } from './two-jobs.ts';
import { organisationNoticesModel, partnerMatchesModel, twoJobModel } from './views.ts';

/** Matching's pages (decision 0031): an organisation's notices, the partner's matches, the two-job view. */

interface NoticeFormState {
  noticeId: string;
  values: Record<string, string>;
  form: FormErrors;
}

/** The form's errors named per notice, so that each field's id is unique on a page of several. */
function perNotice(state: NoticeFormState | undefined) {
  if (!state) return { errors: [], byNotice: new Map<string, Record<string, string>>() };
  return {
    errors: state.form.errors.map((e) => ({ ...e, field: `${e.field}-${state.noticeId}` })),
    byNotice: new Map([[state.noticeId, state.form.byField]]),
  };
}

/** A refusal of the service (409 stale or answered, 422) as form errors; else undefined. */
function serviceErrors(err: unknown, c: Context<AppEnv>): FormErrors | undefined {
  const problem = asAppError(err, c);
  if (!problem || (problem.status !== 422 && problem.status !== 409)) return undefined;
  if (problem.errors?.length) return toFormErrors(problem.errors);
  const message = problem.detail ?? c.get('t')(problem.titleKey);
  return { errors: [{ field: 'version', message }], byField: { version: message } };
}

async function organisationPage(
  c: Context<AppEnv>,
  organisationId: string,
  state?: NoticeFormState,
  status: 200 | 409 | 422 = 200,
) {
  const t = c.get('t');
  const lang = c.get('lang');
  const notices = organisationNoticesModel(t, lang, await organisationNotices(scopeOf(c), organisationId));
  const { errors, byNotice } = perNotice(state);
  return render(
    c,
    'recruitment/partner-notices',
    {
      title: t('matching.org.title'),
      organisationId,
      saved: c.req.query('saved') !== undefined,
      errors,
      notices: notices.map((n) => ({
        ...n,
        errors: byNotice.get(n.id) ?? {},
        values: state?.noticeId === n.id ? state.values : {},
      })),
    },
    status,
  );
}

async function matchesPage(c: Context<AppEnv>, state?: NoticeFormState, status: 200 | 409 | 422 = 200) {
  const t = c.get('t');
  const matches = await myMatches(scopeOf(c));
  const { errors, byNotice } = perNotice(state);
  const model = matches.hasProfile ? partnerMatchesModel(t, c.get('lang'), matches) : undefined;
  return render(
    c,
    'recruitment/partner-matches',
    {
      title: t('matching.mine.title'),
      answered: c.req.query('answered') !== undefined,
      errors,
      model: model && {
        ...model,
        interested: model.interested.map((n) => ({ ...n, errors: byNotice.get(n.id) ?? {} })),
      },
    },
    status,
  );
}

const noticesUrl = (orgId: string) => `/organisations/${encodeURIComponent(orgId)}/partner-notices?saved`;

export function registerMatchingPages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/organisations/:id/partner-notices',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'People who match your needs: anonymous notices, your answers, contact once accepted',
      params: organisationPageParams,
    },
    async (c, { params }) => organisationPage(c, params.id),
  );

  routes.add(
    {
      method: 'post',
      path: '/organisations/:id/partner-notices/:noticeId/interest',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'Say whether you would like to get in touch',
      params: organisationNoticePageParams,
      form: {
        schema: interestForm,
        invalid: (c, { values, errors }, { params }) =>
          organisationPage(c, params.id, { noticeId: params.noticeId, values, form: errors }, 422),
      },
    },
    async (c, { params, form, values }) => {
      try {
        await answerInterest(scopeOf(c), params.id, params.noticeId, {
          interested: form.interested === 'yes',
          version: form.version,
        });
      } catch (err) {
        const errors = serviceErrors(err, c);
        if (!errors) throw err;
        return organisationPage(c, params.id, { noticeId: params.noticeId, values, form: errors }, 409);
      }
      return c.redirect(noticesUrl(params.id), 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/organisations/:id/partner-notices/:noticeId/outcome',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'Save whether you hired the person',
      params: organisationNoticePageParams,
      form: {
        schema: outcomeForm,
        invalid: (c, { values, errors }, { params }) =>
          organisationPage(c, params.id, { noticeId: params.noticeId, values, form: errors }, 422),
      },
    },
    async (c, { params, form, values }) => {
      try {
        await recordOutcome(scopeOf(c), params.id, params.noticeId, form);
      } catch (err) {
        const errors = serviceErrors(err, c);
        if (!errors) throw err;
        return organisationPage(c, params.id, { noticeId: params.noticeId, values, form: errors }, 422);
      }
      return c.redirect(noticesUrl(params.id), 303);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/partner/matches',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'Your matches: organisations that would like to get in touch, and open placements',
    },
    async (c) => matchesPage(c),
  );

  routes.add(
    {
      method: 'post',
      path: '/partner/matches/:noticeId/answer',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'Accept or decline an organisation’s interest',
      params: noticeParams,
      form: {
        schema: answerForm,
        invalid: (c, { values, errors }, { params }) =>
          matchesPage(c, { noticeId: params.noticeId, values, form: errors }, 422),
      },
    },
    async (c, { params, form, values }) => {
      try {
        await answerNotice(scopeOf(c), params.noticeId, { accept: form.accept === 'yes', version: form.version });
      } catch (err) {
        const errors = serviceErrors(err, c);
        if (!errors) throw err;
        return matchesPage(c, { noticeId: params.noticeId, values, form: errors }, 409);
      }
      return c.redirect('/partner/matches?answered', 303);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/move-cases/:id/two-jobs',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'The household’s two-job view: the recruit’s job beside openings for the partner',
      params: caseParams,
    },
    async (c, { params }) => {
      const t = c.get('t');
      const view = await twoJobView(scopeOf(c), params.id);
      return render(c, 'recruitment/two-jobs', {
        title: t('matching.twoJobs.title'),
        caseId: params.id,
        ...twoJobModel(t, view),
      });
    },
  );
}
