import { z } from 'zod';
import { type Routes, secretariat } from '../http/routes.ts';
import { requestOrigin } from '../http/scope.ts';
import { ruleOf } from './compute.ts';
import { startPublishing } from './jobs.ts';
import { listPublications, requestRepublication } from './service.ts';

const tags = ['Survey rounds and responses'];
const roundParams = z.object({ id: z.string().min(1).max(100) });
const republishBody = z
  .object({
    reason: z
      .string({ error: 'publication.reason.required' })
      .trim()
      .min(3, { error: 'publication.reason.required' })
      .max(1000),
  })
  .strict();

/** The secretariat follows a round's publications and publishes again after a correction. */
export function registerPublicationRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/rounds/:id/publications',
      kind: 'api',
      access: secretariat(),
      tags,
      summary:
        "A round's publications, newest first: status, progress, report and what changed from the version before",
      params: roundParams,
    },
    async (c, { params }) => c.json({ items: await listPublications(c.get('deps').db, params.id), nextCursor: null }),
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/rounds/:id/publications',
      kind: 'api',
      access: secretariat(),
      tags,
      summary:
        'Publish a closed round again after a correction (`reason` is recorded and audited); computed by the scheduled job',
      params: roundParams,
      body: republishBody,
    },
    async (c, { params, body }) => {
      const principal = c.get('principal');
      const created = await requestRepublication(c.get('deps'), {
        roundId: params.id,
        reason: body.reason,
        userId: principal?.kind === 'user' ? principal.userId : null,
        rule: ruleOf(c.get('deps').config),
        origin: requestOrigin(c),
      });
      startPublishing(c.get('deps'));
      return c.json(created, 202);
    },
  );
}
