import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../deps.ts';
import { notFound } from '../http/errors.ts';
import { encodeCursor } from '../http/pagination.ts';
import { organisationMember, type Routes, secretariat, signedIn } from '../http/routes.ts';
import { scopeOf } from '../http/scope.ts';
import { validationError } from '../http/validation.ts';
import { listMembers } from './members/queries.ts';
import { findOrganisation, listOrganisations, loadReferenceSets, viewerOf } from './queries.ts';
import {
  memberList,
  organisationCreateSchema,
  organisationIdParams,
  organisationList,
  organisationListQuery,
  organisationPatchSchema,
  organisationSchema,
} from './schemas.ts';
import { createOrganisation, updateOrganisation } from './service.ts';

const tags = ['Organisations'];

/**
 * The route's validator has checked formats; this checks the codes against the reference tables
 * with the same schema and message keys, so the form and the CSV import say the same thing.
 */
function withReferences<S extends z.ZodType>(c: Context<AppEnv>, schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (!result.success) throw validationError(result.error.issues, c.get('lang'), c.get('t'));
  return result.data;
}

export function registerOrganisationRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/organisations',
      kind: 'api',
      access: signedIn('organisations:read'),
      tags,
      summary:
        'Organisations by name or org number, municipality and sector: all for the secretariat and API tokens, a member’s own for everyone else',
      query: organisationListQuery,
      responses: { 200: { description: 'Organisations', schema: organisationList } },
    },
    async (c, { query }) => {
      const page = await listOrganisations(
        c.get('deps').db,
        {
          q: query.q,
          municipality: query.municipality,
          sector: query.sector,
          limit: query.limit,
          offset: query.cursor ?? 0,
        },
        viewerOf(c.get('principal')),
      );
      return c.json({ items: page.items, nextCursor: encodeCursor(page.nextOffset) });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/organisations',
      kind: 'api',
      access: secretariat('organisations:write'),
      tags,
      summary: 'Register an organisation (409 if its org number is already stored)',
      body: organisationCreateSchema(),
      responses: { 201: { description: 'Created', schema: organisationSchema } },
    },
    async (c, { body }) => {
      const ref = await loadReferenceSets(c.get('deps').db);
      const input = withReferences(c, organisationCreateSchema(ref), body);
      const organisation = await createOrganisation(scopeOf(c), input);
      c.header('location', `/api/v1/organisations/${encodeURIComponent(organisation.id)}`);
      return c.json(organisation, 201);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/organisations/:id',
      kind: 'api',
      access: organisationMember('id', 'organisations:read'),
      tags,
      summary: 'One organisation (its members, the secretariat and API tokens; 404 for anyone else)',
      params: organisationIdParams,
      responses: { 200: { description: 'The organisation', schema: organisationSchema } },
    },
    async (c, { params }) => {
      const organisation = await findOrganisation(c.get('deps').db, params.id, viewerOf(c.get('principal')));
      if (!organisation) throw notFound();
      return c.json(organisation);
    },
  );

  routes.add(
    {
      method: 'patch',
      path: '/api/v1/organisations/:id',
      kind: 'api',
      access: secretariat('organisations:write'),
      tags,
      summary: 'Change an organisation; send the version you read (409 if it is stale, and nothing changes)',
      params: organisationIdParams,
      body: organisationPatchSchema(),
      responses: { 200: { description: 'The changed organisation', schema: organisationSchema } },
    },
    async (c, { params, body }) => {
      const ref = await loadReferenceSets(c.get('deps').db);
      const patch = withReferences(c, organisationPatchSchema(ref), body);
      return c.json(await updateOrganisation(scopeOf(c), params.id, patch));
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/organisations/:id/members',
      kind: 'api',
      access: organisationMember('id'),
      tags,
      summary: 'The people who act for the organisation (its members and the secretariat)',
      params: organisationIdParams,
      responses: { 200: { description: 'Members', schema: memberList } },
    },
    async (c, { params }) => {
      const organisation = await findOrganisation(c.get('deps').db, params.id, viewerOf(c.get('principal')));
      if (!organisation) throw notFound();
      return c.json({ items: await listMembers(c.get('deps').db, organisation.id), nextCursor: null });
    },
  );
}
