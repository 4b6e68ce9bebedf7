import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../deps.ts';
import { organisationMember, type Routes } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import type { FormErrors } from '../../web/forms.ts';
import { render } from '../../web/render.ts';
import { answerInput } from './schemas.ts';
import { answerProposal, organisationProposals } from './service.ts';
import { proposalsModel } from './views.ts';

/** The organisation's page of shared-post proposals, where its members accept or decline (decision 0035). */

const pageParams = z.object({ id: z.string().min(1).max(64) });
const answerParams = z.object({ id: z.string().min(1).max(64), proposalId: z.string().min(1).max(64) });

async function proposalsPage(c: Context<AppEnv>, organisationId: string, form?: FormErrors, status: 200 | 422 = 200) {
  const t = c.get('t');
  const proposals = await organisationProposals(scopeOf(c), organisationId);
  return render(
    c,
    'recruitment/shared-posts',
    {
      title: t('flexible.title'),
      organisationId,
      answered: c.req.query('answered') !== undefined,
      errors: form?.errors ?? [],
      proposals: proposalsModel(t, c.get('lang'), organisationId, proposals),
    },
    status,
  );
}

export function registerFlexiblePages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/organisations/:id/shared-posts',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'Shared-post proposals naming your organisation, the ways to share a post, your answer',
      params: pageParams,
    },
    async (c, { params }) => proposalsPage(c, params.id),
  );

  routes.add(
    {
      method: 'post',
      path: '/organisations/:id/shared-posts/:proposalId/answer',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'Accept or decline a shared-post proposal',
      params: answerParams,
      form: {
        schema: answerInput,
        invalid: (c, { errors }, { params }) => proposalsPage(c, params.id, errors, 422),
      },
    },
    async (c, { params, form }) => {
      await answerProposal(scopeOf(c), params.id, params.proposalId, form);
      return c.redirect(`/organisations/${encodeURIComponent(params.id)}/shared-posts?answered`, 303);
    },
  );
}
