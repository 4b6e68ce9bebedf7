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

/** A publication as the API shows it (`PublicationSummary` in service.ts). */
const publicationSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  status: z.enum(['computing', 'published', 'superseded', 'failed']),
  stage: z.string(),
  progress: z.number(),
  reason: z.string(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  report: z.record(z.string(), z.unknown()).nullable().describe('what the protection did, per table'),
  changes: z
    .object({
      count: z.number().int(),
      examples: z.array(z.object({ cell: z.string(), before: z.number().nullable(), after: z.number().nullable() })),
    })
    .nullable()
    .describe('figures that changed from the version before'),
  error: z.string().nullable(),
});

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
      responses: {
        200: {
          description: 'Publications, newest first',
          schema: z.object({ items: z.array(publicationSchema), nextCursor: z.string().nullable() }),
        },
      },
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
      responses: { 202: { description: 'Requested: the scheduled job computes it', schema: publicationSchema } },
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
