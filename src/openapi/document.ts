import { z } from 'zod';
import type { Access, RouteSpec } from '../http/routes.ts';
import { SESSION_COOKIE } from '../identity/session-cookie.ts';

type JsonSchema = Record<string, unknown>;

/**
 * OpenAPI 3.1 from the route table. The schemas are the same zod schemas that validate the
 * requests (zod's own JSON Schema output, draft 2020-12, which OpenAPI 3.1 uses as is).
 */
export function buildOpenApiDocument(specs: readonly RouteSpec[], info: { version: string; serverUrl: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  const apiSpecs = specs.filter((s) => s.kind === 'api');
  const operationIds = uniqueOperationIds(apiSpecs);
  for (const [index, spec] of apiSpecs.entries()) {
    const path = spec.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
    const operation: Record<string, unknown> = {
      operationId: operationIds[index],
      summary: spec.summary,
      tags: spec.tags ?? [],
      'x-access': spec.access.kind,
      security: spec.security ?? securityOf(spec.access),
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
      license: { name: 'MIT', identifier: 'MIT' },
      description:
        'Competence needs, education gaps, placements and competence plans for a Swedish region. Errors are RFC 9457 problem details.',
    },
    servers: [{ url: info.serverUrl }],
    paths,
    components: {
      schemas: { Problem: problemSchema },
      responses: problemResponses,
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'The session cookie set by POST /api/v1/auth/sessions (sign-in link)',
        },
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API token issued by the secretariat (POST /api/v1/api-tokens); it opens only the operations that list its scope',
        },
        metricsToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The METRICS_TOKEN setting, for GET /metrics only',
        },
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
        : response.contentType
          ? // A text body (CSV, metrics): its type is what a client needs to know.
            { content: { [response.contentType]: { schema: { type: 'string' } } } }
          : {}),
    };
  }
  for (const [status, name] of expectedProblems(spec)) responses[status] ??= { $ref: `#/components/responses/${name}` };
  responses.default = {
    description: 'Problem details (RFC 9457)',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
  return responses;
}

/**
 * The client errors every operation of its kind can answer, named so that clients and docs see them
 * (the `default` response covers the rest): 401/403 from the access rule (src/http/authorize.ts:
 * a rule with a role refuses others with 403, an organisation's rule hides it from non-members with
 * 404, and a signed-in rule refuses an API token it does not admit with 403), 404 for an unknown
 * path parameter, 422 for input that fails its zod schema.
 */
function expectedProblems(spec: RouteSpec): [number, keyof typeof problemResponses][] {
  const out: [number, keyof typeof problemResponses][] = [];
  const kind = spec.access.kind;
  if (kind !== 'public' && kind !== 'development-only') out.push([401, 'Unauthorized']);
  if (kind === 'signed-in' || kind === 'secretariat' || kind === 'student' || kind === 'provider')
    out.push([403, 'Forbidden']);
  if (spec.params || kind === 'organisation') out.push([404, 'NotFound']);
  if (spec.params || spec.query || spec.body) out.push([422, 'Invalid']);
  return out;
}

const problemContent = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
};

const problemResponses = {
  Unauthorized: {
    description: 'Not signed in',
    content: problemContent,
  },
  Forbidden: {
    description: 'Not allowed: another role, or an API token this operation does not take',
    content: problemContent,
  },
  NotFound: { description: 'Not found, or not yours to know about', content: problemContent },
  Invalid: { description: 'Invalid input: `errors` names each field', content: problemContent },
};

/**
 * An operationId per operation, unique as OpenAPI requires. Ids that are unique already stay as they
 * were (clients generated from them keep working); where several operations would share one, those
 * with path parameters get them appended (`getRounds` for the list, `getRoundsById` for one).
 */
function uniqueOperationIds(specs: readonly RouteSpec[]): string[] {
  const base = specs.map(operationId);
  const count = new Map<string, number>();
  for (const id of base) count.set(id, (count.get(id) ?? 0) + 1);
  const ids = base.map((id, index) => {
    const params = [...(specs[index]?.path.matchAll(/:(\w+)/g) ?? [])].map((m) => capitalise(m[1] ?? ''));
    return (count.get(id) ?? 0) > 1 && params.length ? `${id}By${params.join('And')}` : id;
  });
  // Should two still collide (no parameters to tell them apart), number them in table order.
  const seen = new Map<string, number>();
  return ids.map((id) => {
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id}${n}`;
  });
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * Who may call the operation, in OpenAPI terms (components.securitySchemes): the session cookie
 * set at sign-in, or an API token (`Authorization: Bearer`) where the access rule names a token
 * scope (src/http/authorize.ts lets a token in only then; the scope is listed as the role the
 * token needs, which OpenAPI 3.1 allows for non-OAuth schemes). Public operations also take no
 * credentials at all (`{}`); a session there may widen what the answer shows (the secretariat's
 * raw figures). `x-access` keeps the finer rule (which role, which organisation).
 */
function securityOf(access: Access): Record<string, string[]>[] {
  switch (access.kind) {
    case 'public':
    case 'development-only':
      return [{}, { session: [] }];
    case 'student':
    case 'provider':
      return [{ session: [] }];
    case 'signed-in':
    case 'secretariat':
    case 'organisation':
      return access.scope ? [{ session: [] }, { bearer: [access.scope] }] : [{ session: [] }];
  }
}

function operationId(spec: RouteSpec): string {
  const words = spec.path
    .replace(/^\/api\/v1\//, '')
    .split(/[/.-]/)
    .filter((w) => w && !w.startsWith(':'))
    .map(capitalise);
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
