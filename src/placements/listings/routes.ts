import { notFound } from '../../http/errors.ts';
import { encodeCursor } from '../../http/pagination.ts';
import { PUBLIC, type Routes, SIGNED_IN } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { stockholmDay } from '../dates.ts';
import { findPlacement, searchPlacements } from '../queries.ts';
import {
  placementCreateSchema,
  placementIdParams,
  placementList,
  placementListQuery,
  placementPatchSchema,
  placementSchema,
} from '../schemas.ts';
import { cachedSearch } from '../search-cache.ts';
import { createPlacement, updatePlacement, withdrawPlacement } from '../service.ts';

const tags = ['Placements'];

export function registerPlacementRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/placements',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary: 'Open placements (deadline not passed), by words, kind, kommun, occupation and specialisation',
      query: placementListQuery,
      responses: {
        200: {
          description:
            'Open placements: with words, best match first, then soonest deadline; without, soonest deadline first',
          schema: placementList,
        },
      },
    },
    async (c, { query }) => {
      const { db, now } = c.get('deps');
      const today = stockholmDay(now());
      const body = await cachedSearch(db, JSON.stringify([today, query]), now(), async () => {
        const page = await searchPlacements(db, { ...query, offset: query.cursor ?? 0 }, today);
        return JSON.stringify({ items: page.items, nextCursor: encodeCursor(page.nextOffset) });
      });
      return c.body(body, 200, { 'content-type': 'application/json' });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/placements',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary:
        'Publish a placement for an organisation you are a member of; with needRef, the need line’s occupation, skills and specialisations are the defaults',
      body: placementCreateSchema,
      responses: { 201: { description: 'Published', schema: placementSchema } },
    },
    async (c, { body }) => {
      const placement = await createPlacement(scopeOf(c), body);
      c.header('location', `/api/v1/placements/${encodeURIComponent(placement.id)}`);
      return c.json(placement, 201);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/placements/:id',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary: 'One placement (open or closed; a withdrawn one is 404)',
      params: placementIdParams,
      responses: { 200: { description: 'The placement', schema: placementSchema } },
    },
    async (c, { params }) => {
      const placement = await findPlacement(c.get('deps').db, params.id, stockholmDay(c.get('deps').now()));
      if (!placement || placement.status === 'withdrawn') throw notFound();
      return c.json(placement);
    },
  );

  routes.add(
    {
      method: 'patch',
      path: '/api/v1/placements/:id',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Change a placement of your organisation; send the version you read (409 if stale, nothing changes)',
      params: placementIdParams,
      body: placementPatchSchema,
      responses: { 200: { description: 'The changed placement', schema: placementSchema } },
    },
    async (c, { params, body }) => c.json(await updatePlacement(scopeOf(c), params.id, body)),
  );

  routes.add(
    {
      method: 'delete',
      path: '/api/v1/placements/:id',
      kind: 'api',
      access: SIGNED_IN,
      tags,
      summary: 'Withdraw a placement of your organisation (its applications stay visible to both sides)',
      params: placementIdParams,
      responses: { 204: { description: 'Withdrawn' } },
    },
    async (c, { params }) => {
      await withdrawPlacement(scopeOf(c), params.id);
      return c.body(null, 204);
    },
  );
}
