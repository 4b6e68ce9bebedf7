import { type Routes, secretariat } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import {
  caseGuideBody,
  caseParams,
  guideKommunerBody,
  guideParams,
  relocationGuide,
  relocationGuideList,
} from './schemas.ts';
import { assignGuide, listGuides, setGuideKommuner } from './service.ts';

const tags = ['Relocation guides'];

/** Guides per kommun and a case's named guide (decision 0036): the secretariat's. */
export function registerGuideRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/relocation-guides',
      kind: 'api',
      access: secretariat(),
      tags,
      summary: 'The relocation guides and the kommuner each serves (none: the whole region)',
      responses: { 200: { description: 'The guides', schema: relocationGuideList } },
    },
    async (c) => c.json({ items: await listGuides(scopeOf(c)), nextCursor: null }),
  );

  routes.add(
    {
      method: 'put',
      path: '/api/v1/relocation-guides/:userId/kommuner',
      kind: 'api',
      access: secretariat(),
      tags,
      summary: 'Set the kommuner a relocation guide serves: their queue (audited)',
      params: guideParams,
      body: guideKommunerBody,
      responses: { 200: { description: 'The guide', schema: relocationGuide } },
    },
    async (c, { params, body }) => c.json(await setGuideKommuner(scopeOf(c), params.userId, body.kommuner)),
  );

  routes.add(
    {
      method: 'put',
      path: '/api/v1/move-cases/:id/guide',
      kind: 'api',
      access: secretariat(),
      tags,
      summary: 'Assign or reassign a named relocation guide to an open case (audited; guides and household mailed)',
      params: caseParams,
      body: caseGuideBody,
      responses: { 204: { description: 'The case has that guide' } },
    },
    async (c, { params, body }) => {
      await assignGuide(scopeOf(c), params.id, body.guideUserId);
      return c.body(null, 204);
    },
  );
}
