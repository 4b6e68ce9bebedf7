import type { Context } from 'hono';
import { z } from 'zod';
import { recordAuditIn } from '../../audit/index.ts';
import type { AppEnv } from '../../deps.ts';
import { requireUser } from '../../http/authorize.ts';
import { badRequest, type FieldError } from '../../http/errors.ts';
import { asAppError } from '../../http/problem.ts';
import { organisationMember, type Routes, SIGNED_IN } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { formValues } from '../../web/forms.ts';
import { render } from '../../web/render.ts';
import { type ResponseFields, readFields } from './form-mapping.ts';
import { listMemberRounds } from './member-rounds.ts';
import { type FormOutcome, loadFormPage, postForm, storedFields } from './service.ts';
import { type FormState, type ResponsePage, responseFormView, surveyListView } from './views.ts';

/** What a post of the response form must carry: the version it was read at (a whole number). */
const surveyPost = z.object({
  fields: z.custom<ResponseFields>(),
  version: z.string().transform(Number).pipe(z.number().int().min(0)),
  submissionId: z.string(),
  action: z.string(),
  conflictVersion: z.string(),
});

const responseParams = z.object({ id: z.string().min(1).max(100), orgId: z.string().min(1).max(100) });

/**
 * The respondent's pages: the organisation's side of a survey round. The give-back page a submission
 * leads to (`…/summary`) shows published demand and is demand's (src/demand/give-back/).
 */
export function registerSurveyPages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/surveys',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'The survey rounds my organisations are asked in',
    },
    async (c) => {
      const me = requireUser(c);
      const { db, now } = c.get('deps');
      const rounds = await listMemberRounds(
        db,
        me.memberships.map((m) => m.organisationId),
        now(),
      );
      return render(c, 'surveys/list', surveyListView(c.get('lang'), rounds, me.memberships.length > 0));
    },
  );
  const access = organisationMember('orgId');
  const path = '/rounds/:id/responses/:orgId';
  routes.add(
    { method: 'get', path, kind: 'page', access, params: responseParams, summary: "The organisation's response form" },
    async (c, { params }) => {
      const scope = scopeOf(c);
      const page = await loadFormPage(scope, params.id, params.orgId);
      if (page.onBehalf) {
        await recordAuditIn(scope, {
          action: 'raw-answers.read',
          targetType: 'response',
          targetId: `${page.round.id}/${page.organisationId}`,
        });
      }
      // "Ändra" without the script comes back here as `?line=N`: that line is shown open.
      const line = Number(c.req.query('line'));
      return showForm(c, page, {
        fields: await storedFields(scope, page.response),
        version: page.response.version,
        submissionId: c.get('deps').newId(),
        ...(Number.isInteger(line) && line >= 1 ? { open: line - 1 } : {}),
      });
    },
  );
  routes.add(
    {
      method: 'post',
      path,
      kind: 'page',
      access,
      params: responseParams,
      summary: 'Save, submit, or change the shape of the response form (add or remove a need, search)',
      form: {
        // The need lines are many and named by their index (needs.0.occupationId, …): `prepare`
        // maps them with the form's own mapping (form-mapping.ts, shared with the browser's script).
        // A draft may be incomplete, so the schema checks only what the post must carry; the
        // answers are checked when the response is saved or submitted (postForm).
        prepare: (fields) => {
          const one = (name: string) => formValues(fields)[name] ?? '';
          return {
            fields: readFields(fields),
            version: one('version'),
            submissionId: one('submissionId'),
            action: one('action'),
            conflictVersion: one('conflictVersion'),
          };
        },
        schema: surveyPost,
        invalid: (c) => {
          throw badRequest(c.get('t')('validation.survey.version'));
        },
      },
    },
    async (c, { params, form }) => {
      const scope = scopeOf(c);
      const page = await loadFormPage(scope, params.id, params.orgId);
      const state: FormState = {
        fields: form.fields,
        version: form.version,
        submissionId: form.submissionId || c.get('deps').newId(),
      };
      const [action = '', lineText] = form.action.split(':');
      const outcome = await postForm(scope, page, state, {
        action,
        line: Number(lineText),
        conflictVersion: Number(form.conflictVersion),
      });
      return answer(c, outcome);
    },
  );
}

async function showForm(c: Context<AppEnv>, page: ResponsePage, state: FormState): Promise<Response> {
  const saved = c.req.method === 'GET' && c.req.query('saved') === '1';
  const view = await responseFormView(scopeOf(c), page, state, { saved });
  return render(c, 'surveys/form', view.data, view.status);
}

/** A post's outcome as a response: a refusal of saving or submitting is shown in the form with the input kept. */
async function answer(c: Context<AppEnv>, outcome: FormOutcome): Promise<Response> {
  if (outcome.kind === 'redirect') return c.redirect(outcome.to, 303);
  if (outcome.kind === 'form') return showForm(c, outcome.page, outcome.state);
  const err = asAppError(outcome.error, c);
  if (err?.status === 422) {
    const errors: FieldError[] = err.errors?.length ? err.errors : [{ path: '', message: err.detail ?? '' }];
    return showForm(c, outcome.page, { ...outcome.state, errors, status: 422 });
  }
  if (err?.status === 409) return showForm(c, outcome.page, { ...outcome.state, problem: err.detail, status: 409 });
  throw outcome.error;
}
