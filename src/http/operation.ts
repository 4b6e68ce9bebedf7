import type { RouteConfig } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Access, RouteSpec } from './routes.ts';

/**
 * A route's spec as `@hono/zod-openapi`'s `createRoute` takes it: what the OpenAPI document says of
 * the operation (its request, its responses with the problems it can answer, who may call it) and
 * what the validators check (params, query and JSON body, the same zod schemas). The operationId is
 * given when every feature is mounted (src/openapi/document.ts), since it must be unique across them.
 */
export function operationOf(spec: RouteSpec): RouteConfig {
  const body = spec.body
    ? { required: true, content: { 'application/json': { schema: spec.body } } }
    : spec.rawBody
      ? {
          required: true,
          description: spec.rawBody.description,
          content: { [spec.rawBody.contentType]: { schema: { type: 'string' as const } } },
        }
      : undefined;
  return {
    method: spec.method,
    path: spec.path.replace(/:(\w+)/g, '{$1}'),
    summary: spec.summary,
    tags: spec.tags ?? [],
    'x-access': spec.access.kind,
    security: spec.security ?? securityOf(spec.access),
    request: {
      ...(spec.params ? { params: spec.params as never } : {}),
      ...(spec.query ? { query: spec.query as never } : {}),
      ...(body ? { body } : {}),
    },
    responses: responsesOf(spec),
  };
}

function responsesOf(spec: RouteSpec): RouteConfig['responses'] {
  const responses: RouteConfig['responses'] = {};
  for (const [status, response] of Object.entries(spec.responses ?? { 200: { description: 'OK' } })) {
    responses[status] = {
      description: response.description,
      ...(response.schema
        ? { content: { [response.contentType ?? 'application/json']: { schema: outputSchema(response.schema) } } }
        : response.contentType
          ? // A text body (CSV, metrics): its type is what a client needs to know.
            { content: { [response.contentType]: { schema: { type: 'string' as const } } } }
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
 * A response body's JSON Schema as zod writes it for what a handler sends (`io: 'output'`): a field
 * with a default is always present, so required. The generator of `@hono/zod-openapi` reads every
 * schema as input (a default makes a field optional), which is right for requests and would loosen
 * every response that has one.
 */
type MediaType = Exclude<
  NonNullable<Exclude<RouteConfig['responses'][string], { $ref: string }>['content']>[string],
  undefined
>;
/** A plain JSON Schema, as the document takes it beside zod schemas. */
type SchemaObject = Exclude<
  Extract<MediaType, { schema?: unknown }>['schema'],
  z.ZodType | { $ref: string } | undefined
>;

function outputSchema(schema: z.ZodType): SchemaObject {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' });
  return json as SchemaObject;
}

/** The problem responses every operation may refer to (src/openapi/document.ts registers them). */
export type ProblemResponse = 'Unauthorized' | 'Forbidden' | 'NotFound' | 'Invalid';

/**
 * The client errors every operation of its kind can answer, named so that clients and docs see them
 * (the `default` response covers the rest): 401/403 from the access rule (src/http/authorize.ts:
 * a rule with a role refuses others with 403, an organisation's rule hides it from non-members with
 * 404, and a signed-in rule refuses an API token it does not admit with 403), 404 for an unknown
 * path parameter, 422 for input that fails its zod schema.
 */
function expectedProblems(spec: RouteSpec): [number, ProblemResponse][] {
  const out: [number, ProblemResponse][] = [];
  const kind = spec.access.kind;
  if (kind !== 'public' && kind !== 'development-only') out.push([401, 'Unauthorized']);
  if (
    kind === 'signed-in' ||
    kind === 'secretariat' ||
    kind === 'student' ||
    kind === 'provider' ||
    kind === 'relocation-guide'
  )
    out.push([403, 'Forbidden']);
  if (spec.params || kind === 'organisation') out.push([404, 'NotFound']);
  if (spec.params || spec.query || spec.body) out.push([422, 'Invalid']);
  return out;
}

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
    case 'relocation-guide':
      return [{ session: [] }];
    case 'signed-in':
    case 'secretariat':
    case 'organisation':
      return access.scope ? [{ session: [] }, { bearer: [access.scope] }] : [{ session: [] }];
  }
}
