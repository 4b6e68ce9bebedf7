import { organisationMember, type Routes, SIGNED_IN } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { tipOpening } from './inform-tips.ts';
import { answerInterest, organisationNotices, recordOutcome } from './notices.ts';
import { answerNotice, myMatches } from './partner.ts';
import {
  answerInput,
  caseParams,
  informTipAnswer,
  informTipInput,
  interestInput,
  noticeParams,
  organisationNoticeList,
  organisationParams,
  orgNoticeParams,
  outcomeInput,
  partnerMatches,
  tipParams,
  twoJobView as twoJobViewSchema,
} from './schemas.ts';
import { twoJobView } from './two-jobs.ts';

const tags = ['Partner matching'];

/**
 * Matching partners to openings (decision 0031): an organisation's anonymous notices and its
 * answers, the partner's own matches and answers, and a household's two-job view.
 */
export function registerMatchingRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'post',
      path: '/api/v1/organisations/:orgId/partner-profiles/:profileId/tips',
      kind: 'api',
      access: organisationMember('orgId'),
      tags,
      summary:
        'Tell a person who shares their profile with you "to tell me about openings" about one of your own recruiting need lines or open placements, with an optional note (404 unless the profile is shared with you for that purpose; 422 unless the opening is yours; 409 if you already told them of it)',
      params: tipParams,
      body: informTipInput,
      responses: { 201: { description: 'The tip as the person sees it', schema: informTipAnswer } },
    },
    async (c, { params, body }) =>
      c.json({ tip: await tipOpening(scopeOf(c), params.orgId, params.profileId, body) }, 201),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/organisations/:orgId/partner-notices',
      kind: 'api',
      access: organisationMember('orgId'),
      tags,
      summary:
        'Anonymous notices: people whose profile is shared with your organisation (to be considered) and who match your need lines or placements; each read is logged and shown to the person',
      params: organisationParams,
      responses: { 200: { description: 'Newest first', schema: organisationNoticeList } },
    },
    async (c, { params }) => c.json({ items: await organisationNotices(scopeOf(c), params.orgId) }),
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/organisations/:orgId/partner-notices/:noticeId/interest',
      kind: 'api',
      access: organisationMember('orgId'),
      tags,
      summary: 'Say whether you would like to get in touch; the person is then told who you are and answers',
      params: orgNoticeParams,
      body: interestInput,
      responses: { 204: { description: 'Saved' } },
    },
    async (c, { params, body }) => {
      await answerInterest(scopeOf(c), params.orgId, params.noticeId, body);
      return c.body(null, 204);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/organisations/:orgId/partner-notices/:noticeId/outcome',
      kind: 'api',
      access: organisationMember('orgId'),
      tags,
      summary: 'After contact: whether you hired the person, and their first working day',
      params: orgNoticeParams,
      body: outcomeInput,
      responses: { 204: { description: 'Saved' } },
    },
    async (c, { params, body }) => {
      await recordOutcome(scopeOf(c), params.orgId, params.noticeId, body);
      return c.body(null, 204);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/me/partner-profile/matches',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary:
        'Your matches: organisations that would like to get in touch, how many are told and waiting, and open placements that fit (all empty without a profile)',
      responses: { 200: { description: 'Your matches', schema: partnerMatches } },
    },
    async (c) => c.json(await myMatches(scopeOf(c))),
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/me/partner-profile/notices/:noticeId/answer',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Accept (the organisation gets your name and e-mail) or decline an organisation’s interest',
      params: noticeParams,
      body: answerInput,
      responses: { 204: { description: 'Saved' } },
    },
    async (c, { params, body }) => {
      await answerNotice(scopeOf(c), params.noticeId, body);
      return c.body(null, 204);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/move-cases/:id/two-job-view',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary:
        'For the household only: the recruit’s job beside openings for the partner in the household’s chosen kommuner',
      params: caseParams,
      responses: { 200: { description: 'The two-job view', schema: twoJobViewSchema } },
    },
    async (c, { params }) => c.json(await twoJobView(scopeOf(c), params.id)),
  );
}
