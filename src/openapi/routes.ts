import { z } from 'zod';
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

/** Register last, so that the document lists every route before it. */
export function registerOpenApiRoute(routes: Routes): void {
  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
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
      // Development-only routes do not exist in production, so the document does not list them there.
      const production = c.get('deps').config.appEnv === 'production';
      const specs = production ? routes.specs.filter((s) => s.access.kind !== 'development-only') : routes.specs;
      document ??= buildOpenApiDocument(specs, {
        version: API_VERSION,
        serverUrl: c.get('deps').config.publicUrl,
      });
      return c.json(document);
    },
  );
}
