import { z } from 'zod';
import type { RouteSpec } from '../http/routes.ts';

type JsonSchema = Record<string, unknown>;

/**
 * OpenAPI 3.1 from the route table. The schemas are the same zod schemas that validate the
 * requests (zod's own JSON Schema output, draft 2020-12, which OpenAPI 3.1 uses as is).
 */
export function buildOpenApiDocument(specs: readonly RouteSpec[], info: { version: string; serverUrl: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs.filter((s) => s.kind === 'api')) {
    const path = spec.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
    const operation: Record<string, unknown> = {
      operationId: operationId(spec),
      summary: spec.summary,
      tags: spec.tags ?? [],
      'x-access': spec.access.kind,
      parameters: [...parametersOf(spec.params, 'path'), ...parametersOf(spec.query, 'query')],
      responses: responsesOf(spec),
    };
    if (spec.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: toSchema(spec.body, 'input') } },
      };
    }
    if (spec.rawBody) {
      operation.requestBody = {
        required: true,
        description: spec.rawBody.description,
        content: { [spec.rawBody.contentType]: { schema: { type: 'string' } } },
      };
    }
    paths[path] = { ...paths[path], [spec.method]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kompetensbron API',
      version: info.version,
      description:
        'Competence needs, education gaps, placements and competence plans for a Swedish region. Errors are RFC 9457 problem details.',
    },
    servers: [{ url: info.serverUrl }],
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: '__Host-session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
  };
}

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete out.$schema;
  return out;
}

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = toSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, propertySchema]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    ...(typeof propertySchema.description === 'string' ? { description: propertySchema.description } : {}),
    schema: propertySchema,
  }));
}

function responsesOf(spec: RouteSpec) {
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(spec.responses ?? { 200: { description: 'OK' } })) {
    responses[status] = {
      description: response.description,
      ...(response.schema
        ? { content: { [response.contentType ?? 'application/json']: { schema: toSchema(response.schema, 'output') } } }
        : {}),
    };
  }
  responses.default = {
    description: 'Problem details (RFC 9457)',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
  return responses;
}

function operationId(spec: RouteSpec): string {
  const words = spec.path
    .replace(/^\/api\/v1\//, '')
    .split(/[/.-]/)
    .filter((w) => w && !w.startsWith(':'))
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  return `${spec.method}${words.join('')}`;
}

const problemSchema = {
  type: 'object',
  required: ['title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};
