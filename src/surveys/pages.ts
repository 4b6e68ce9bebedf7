import { organisationMember, type Routes, SIGNED_IN } from '../http/routes.ts';
import { postResponseForm, responseParams, showResponseForm } from './pages-form.ts';
import { showSurveyList } from './pages-list.ts';
import { showResponseSummary } from './pages-summary.ts';

/** The respondent's pages: the organisation's side of a survey round. */
export function registerSurveyPages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/surveys',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'The survey rounds my organisations are asked in',
    },
    (c) => showSurveyList(c),
  );
  const access = organisationMember('orgId');
  const path = '/rounds/:id/responses/:orgId';
  routes.add(
    { method: 'get', path, kind: 'page', access, params: responseParams, summary: "The organisation's response form" },
    (c, { params }) => showResponseForm(c, params),
  );
  routes.add(
    {
      method: 'post',
      path,
      kind: 'page',
      access,
      params: responseParams,
      summary: 'Save, submit, or change the shape of the response form (add or remove a need, search)',
    },
    (c, { params }) => postResponseForm(c, params),
  );
  routes.add(
    {
      method: 'get',
      path: `${path}/summary`,
      kind: 'page',
      access,
      params: responseParams,
      summary: "After submitting: the organisation's needs beside the region's protected demand",
    },
    (c, { params }) => showResponseSummary(c, params),
  );
}
