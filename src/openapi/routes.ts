import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppEnv } from '../deps.ts';
import { PUBLIC, type Routes } from '../http/routes.ts';
import { buildOpenApiDocument } from './document.ts';

export const API_VERSION = '1.0.0';

/** The document's outline; its full shape is the OpenAPI 3.1 specification's. */
const openApiDocumentSchema = z
  .object({
    openapi: z.string(),
    info: z.object({ title: z.string(), version: z.string() }).loose(),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
    components: z.record(z.string(), z.unknown()),
  })
  .loose();

/**
 * GET /api/v1/openapi.json: the document of `app`, built at the first request, when every feature's
 * sub-app is mounted.
 */
export function registerOpenApiRoute(routes: Routes, app: OpenAPIHono<AppEnv>): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/openapi.json',
      kind: 'api',
      access: PUBLIC,
      tags: ['Operations'],
      summary: 'This document: the OpenAPI 3.1 description of the API, generated from its zod schemas',
      responses: { 200: { description: 'The OpenAPI document', schema: openApiDocumentSchema } },
    },
    (c) => {
      return c.json(buildOpenApiDocument(app, { version: API_VERSION, serverUrl: c.get('deps').config.publicUrl }));
    },
  );
}
