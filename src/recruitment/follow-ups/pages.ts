import type { Context } from 'hono';
import type { AppEnv } from '../../deps.ts';
import type { FormErrors } from '../../http/form.ts';
import { asAppError } from '../../http/problem.ts';
import { type Routes, SIGNED_IN } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { listMunicipalities } from '../../taxonomy/index.ts';
import { toFormErrors } from '../../web/forms.ts';
import { render } from '../../web/render.ts';
import { listMajorGroups } from './queries.ts';
import { followUpForm, followUpParams } from './schemas.ts';
import { answerFollowUp, declineFollowUps, viewFollowUp } from './service.ts';
import { followUpPageModel } from './views.ts';

/** The follow-up page (decision 0029): the short form, and declining every later follow-up. */

const NOTICES: Record<string, string> = {
  answered: 'moveFollowUp.answered',
  declined: 'moveFollowUp.declined',
};

async function followUpPage(
  c: Context<AppEnv>,
  id: string,
  state: { values?: Record<string, string>; form?: FormErrors | undefined; notice?: string | undefined } = {},
  status: 200 | 409 | 422 = 200,
) {
  const t = c.get('t');
  const lang = c.get('lang');
  const { db } = c.get('deps');
  const followUp = await viewFollowUp(scopeOf(c), id);
  const kommuner = (await listMunicipalities(db, { regionOnly: true })).map((k) => ({ value: k.code, label: k.name }));
  const groups = (await listMajorGroups(db)).map((g) => ({
    value: g.code,
    label: lang === 'en' ? g.nameEn : g.nameSv,
  }));
  const noticeKey = NOTICES[state.notice ?? ''];
  const model = followUpPageModel(followUp, t, kommuner, groups, {
    ...state,
    notice: noticeKey ? t(noticeKey) : undefined,
  });
  return render(c, 'recruitment/follow-up', { title: t('moveFollowUp.title'), ...model }, status);
}

export function registerFollowUpPages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/move-follow-ups/:id',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'A follow-up after the move: the short form',
      params: followUpParams,
    },
    async (c, { params }) => followUpPage(c, params.id, { notice: c.req.query('notice') }),
  );

  routes.add(
    {
      method: 'post',
      path: '/move-follow-ups/:id',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'Answer the follow-up',
      params: followUpParams,
      form: {
        schema: followUpForm,
        invalid: (c, { values, errors }, { params }) => followUpPage(c, params.id, { values, form: errors }, 422),
      },
    },
    async (c, { params, form, values }) => {
      try {
        await answerFollowUp(scopeOf(c), params.id, form);
      } catch (err) {
        const t = c.get('t');
        const problem = asAppError(err, c);
        if (!problem || (problem.status !== 422 && problem.status !== 409)) throw err;
        const errors = toFormErrors(
          problem.errors ?? [{ path: 'inRegion', message: problem.detail ?? t('moveFollowUp.error.closedTitle') }],
        );
        return followUpPage(c, params.id, { values, form: errors }, problem.status === 409 ? 409 : 422);
      }
      return c.redirect(`/move-follow-ups/${encodeURIComponent(params.id)}?notice=answered`, 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/move-follow-ups/:id/decline',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'No more follow-ups on this move',
      params: followUpParams,
    },
    async (c, { params }) => {
      await declineFollowUps(scopeOf(c), params.id);
      return c.redirect(`/move-follow-ups/${encodeURIComponent(params.id)}?notice=declined`, 303);
    },
  );
}
