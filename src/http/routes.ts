import { zValidator } from '@hono/zod-validator';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { Scope } from '../core/principal.ts';
import type { AppEnv } from '../deps.ts';
import { validationError } from './validation.ts';

/**
 * Who may call a route. Every route declares one; the authorisation matrix test walks the
 * table and fails on a route without a rule. Object-level checks (this organisation's row)
 * live in the queries as well.
 * - public: anyone; development-only: anyone, but the route is absent in production;
 * - signed-in: any person with a session (or an API token with `scope`, when one is named);
 * - secretariat: the secretariat, or an API token with `scope`;
 * - student: a person with the student role;
 * - organisation: a member (or provider staff) of the organisation named by the path
 *   parameter `param`, or the secretariat, or an API token with `scope`;
 * - provider: a person with the provider role in some organisation, or the secretariat (which
 *   provider's rows they may touch is checked in the query).
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'development-only' }
  | { kind: 'signed-in'; scope?: Scope }
  | { kind: 'secretariat'; scope?: Scope }
  | { kind: 'student' }
  | { kind: 'organisation'; param: string; scope?: Scope }
  | { kind: 'provider' };

export const PUBLIC: Access = { kind: 'public' };
export const DEVELOPMENT_ONLY: Access = { kind: 'development-only' };
export const SIGNED_IN: Access = { kind: 'signed-in' };
/** A signed-in person, or an API token with `scope`; the handler narrows what each may see. */
export const signedIn = (scope: Scope): Access => ({ kind: 'signed-in', scope });
export const STUDENT: Access = { kind: 'student' };
export const PROVIDER: Access = { kind: 'provider' };
export const secretariat = (scope?: Scope): Access =>
  scope ? { kind: 'secretariat', scope } : { kind: 'secretariat' };
export const organisationMember = (param: string, scope?: Scope): Access =>
  scope ? { kind: 'organisation', param, scope } : { kind: 'organisation', param };

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Schema = z.ZodType;
type Infer<S> = S extends Schema ? z.infer<S> : undefined;

export interface RouteSpec {
  method: Method;
  /** Hono path syntax, e.g. /api/v1/rounds/:id */
  path: string;
  kind: 'api' | 'page' | 'asset';
  access: Access;
  summary: string;
  tags?: string[];
  params?: Schema;
  query?: Schema;
  body?: Schema;
  /** A body that is not JSON (e.g. a CSV upload): read by the handler, described in the OpenAPI document. */
  rawBody?: { contentType: string; description: string };
  /**
   * The OpenAPI `security` of a route whose handler checks a credential of its own (GET /metrics);
   * otherwise the document derives it from `access`.
   */
  security?: Record<string, string[]>[];
  /** Response bodies by status, for the OpenAPI document. */
  responses?: Record<number, { description: string; schema?: Schema; contentType?: string }>;
}

export interface Input<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

/**
 * The route table: registers a handler on the Hono app behind its access rule and zod
 * validators, and keeps the spec for the OpenAPI document and the authorisation tests.
 */
export class Routes {
  readonly specs: RouteSpec[] = [];

  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly authorize: (access: Access) => MiddlewareHandler<AppEnv>,
  ) {}

  add<
    P extends Schema | undefined = undefined,
    Q extends Schema | undefined = undefined,
    B extends Schema | undefined = undefined,
  >(
    spec: RouteSpec & { params?: P; query?: Q; body?: B },
    handler: (c: Context<AppEnv>, input: Input<Infer<P>, Infer<Q>, Infer<B>>) => Response | Promise<Response>,
  ): void {
    this.specs.push(spec);
    const middleware: MiddlewareHandler<AppEnv>[] = [this.authorize(spec.access)];
    if (spec.params) middleware.push(validate('param', spec.params));
    if (spec.query) middleware.push(validate('query', spec.query));
    if (spec.body) middleware.push(validate('json', spec.body));
    const final: MiddlewareHandler<AppEnv> = async (c) => {
      // The validators above have parsed these; `valid` returns their output.
      const req = c.req as unknown as { valid(target: string): unknown };
      const input = {
        params: spec.params ? req.valid('param') : undefined,
        query: spec.query ? req.valid('query') : undefined,
        body: spec.body ? req.valid('json') : undefined,
      } as Input<Infer<P>, Infer<Q>, Infer<B>>;
      return handler(c, input);
    };
    this.app.on(spec.method.toUpperCase(), [spec.path], ...middleware, final);
  }
}

/** zod validation through @hono/zod-validator; failures become one 422 in the reader's language. */
function validate(target: 'param' | 'query' | 'json', schema: Schema): MiddlewareHandler<AppEnv> {
  return zValidator(target, schema, (result, c) => {
    if (!result.success) {
      const vars = (c as unknown as Context<AppEnv>).var;
      throw validationError(result.error.issues, vars.lang, vars.t);
    }
  }) as unknown as MiddlewareHandler<AppEnv>;
}
