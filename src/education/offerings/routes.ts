import type { Context } from 'hono';
import type { AppEnv } from '../../deps.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { encodeCursor } from '../../http/pagination.ts';
import { PROVIDER, PUBLIC, type Routes } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { mayWriteFor, requireWriter } from '../access.ts';
import { findOffering, listOfferings } from '../queries.ts';
import { offeringReferenceErrors } from '../references.ts';
import {
  type OfferingCreate,
  offeringCreateSchema,
  offeringIdParams,
  offeringList,
  offeringListQuery,
  offeringPatchSchema,
  offeringSchema,
} from '../schemas.ts';
import { createOffering, deleteOffering, updateOffering } from './service.ts';

const tags = ['Education'];

/** 422 with one error per unknown code, its path naming the field or the id's index. */
export async function requireKnownReferences(c: Context<AppEnv>, input: Partial<OfferingCreate>): Promise<void> {
  const errors = await offeringReferenceErrors(c.get('deps').db, input, c.get('t'));
  if (errors.length > 0)
    throw new AppError(422, 'error.validation.title', {
      detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
      errors,
    });
}

export function registerOfferingApiRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/offerings',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary: 'Education offerings by name, provider, occupation, municipality and form (public)',
      query: offeringListQuery,
      responses: { 200: { description: 'Offerings', schema: offeringList } },
    },
    async (c, { query }) => {
      const page = await listOfferings(c.get('deps').db, { ...query, offset: query.cursor ?? 0 });
      return c.json({ items: page.items, nextCursor: encodeCursor(page.nextOffset) });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/offerings',
      kind: 'api',
      access: PROVIDER,
      tags,
      summary:
        'Register an offering: the secretariat, or provider staff of the providing organisation (403 otherwise); codes are checked against the reference tables (422 names the bad id)',
      body: offeringCreateSchema,
      responses: { 201: { description: 'Created', schema: offeringSchema } },
    },
    async (c, { body }) => {
      const writer = requireWriter(scopeOf(c));
      await requireKnownReferences(c, body);
      if (!mayWriteFor(writer, body.providerId)) throw notYours(c);
      const offering = await createOffering(scopeOf(c), writer, body);
      c.header('location', `/api/v1/offerings/${encodeURIComponent(offering.id)}`);
      return c.json(offering, 201);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/offerings/:id',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary: 'One offering (public)',
      params: offeringIdParams,
      responses: { 200: { description: 'The offering', schema: offeringSchema } },
    },
    async (c, { params }) => {
      const offering = await findOffering(c.get('deps').db, params.id);
      if (!offering) throw notFound();
      return c.json(offering);
    },
  );

  routes.add(
    {
      method: 'patch',
      path: '/api/v1/offerings/:id',
      kind: 'api',
      access: PROVIDER,
      tags,
      summary:
        'Change an offering (its provider’s staff or the secretariat); send the version you read: 409 if stale, and nothing changes. Lists given replace the stored ones',
      params: offeringIdParams,
      body: offeringPatchSchema,
      responses: { 200: { description: 'The changed offering', schema: offeringSchema } },
    },
    async (c, { params, body }) => {
      const writer = requireWriter(scopeOf(c));
      await requireKnownReferences(c, body);
      if (body.providerId !== undefined && !mayWriteFor(writer, body.providerId)) throw notYours(c);
      return c.json(await updateOffering(scopeOf(c), writer, params.id, body));
    },
  );

  routes.add(
    {
      method: 'delete',
      path: '/api/v1/offerings/:id',
      kind: 'api',
      access: PROVIDER,
      tags,
      summary: 'Remove an offering (its provider’s staff or the secretariat)',
      params: offeringIdParams,
      responses: { 204: { description: 'Removed' } },
    },
    async (c, { params }) => {
      const scope = scopeOf(c);
      await deleteOffering(scope, requireWriter(scope), params.id);
      return c.body(null, 204);
    },
  );
}

export function notYours(c: Context<AppEnv>): AppError {
  return new AppError(403, 'error.forbidden.title', { detail: c.get('t')('education.error.notYourProvider') });
}
