import { z } from 'zod';
import { organisationMember, type Routes } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { render } from '../../web/render.ts';
import { giveBackView } from './service.ts';

const responseParams = z.object({ id: z.string().min(1).max(100), orgId: z.string().min(1).max(100) });

/**
 * The give-back page a respondent reaches after submitting, beside the response form of surveys
 * (the same address and access rule): it shows published demand, so it belongs to demand, which
 * reads surveys and not the other way round.
 */
export function registerGiveBackPages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/rounds/:id/responses/:orgId/summary',
      kind: 'page',
      access: organisationMember('orgId'),
      params: responseParams,
      summary: "After submitting: the organisation's needs beside the region's protected demand",
    },
    async (c, { params }) =>
      render(
        c,
        'surveys/summary',
        await giveBackView(scopeOf(c), params, { submitted: c.req.query('submitted') === '1' }),
      ),
  );
}
