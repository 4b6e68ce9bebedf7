import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { zValidator } from '@hono/zod-validator';
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Scope } from '../core/principal.ts';
import type { AppEnv } from '../deps.ts';
import { type FormErrors, type FormFields, formFields, formValues, toFormErrors } from './form.ts';
import { operationOf } from './operation.ts';
import { describeIssues, validationError } from './validation.ts';

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
 *   provider's rows they may touch is checked in the query);
 * - relocation-guide: a person with the relocation-guide role (inflyttarlots), or the secretariat
 *   (which move cases they may work is checked in the service, src/recruitment).
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'development-only' }
  | { kind: 'signed-in'; scope?: Scope }
  | { kind: 'secretariat'; scope?: Scope }
  | { kind: 'student' }
  | { kind: 'organisation'; param: string; scope?: Scope }
  | { kind: 'provider' }
  | { kind: 'relocation-guide' };

export const PUBLIC: Access = { kind: 'public' };
export const DEVELOPMENT_ONLY: Access = { kind: 'development-only' };
export const SIGNED_IN: Access = { kind: 'signed-in' };
/** A signed-in person, or an API token with `scope`; the handler narrows what each may see. */
export const signedIn = (scope: Scope): Access => ({ kind: 'signed-in', scope });
export const STUDENT: Access = { kind: 'student' };
export const PROVIDER: Access = { kind: 'provider' };
export const RELOCATION_GUIDE: Access = { kind: 'relocation-guide' };
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
  /** A page's posted form, validated by schema before the handler runs (see FormSpec). */
  form?: FormSpec<Schema, never, never>;
}

/**
 * A page's posted form: validated through `zValidator('form', …)` like a JSON body, so that forms and
 * the API have one validation path. When it fails, `invalid` answers instead of the handler: as a
 * rule the page re-rendered (422) with the values as typed and one message per field in place.
 */
export interface FormSpec<S extends Schema = Schema, P = unknown, Q = unknown> {
  /** The form's schema, or one built for this request (when its codes come from the reference data). */
  schema: S | ((c: Context<AppEnv>, input: { params: P; query: Q }) => S | Promise<S>);
  /**
   * The posted fields (and files, by field name: an upload) to what the schema parses (checkboxes,
   * lists, a file); by default the fields as posted.
   */
  prepare?: (fields: FormFields, files: Record<string, File>) => unknown;
  invalid: (
    c: Context<AppEnv>,
    /** `values` has each field's first value; `fields` keeps repeated fields (checkboxes) whole. */
    state: { values: Record<string, string>; fields: FormFields; errors: FormErrors },
    input: { params: P; query: Q },
  ) => Response | Promise<Response>;
}

export interface Input<P, Q, B, F = undefined> {
  params: P;
  query: Q;
  body: B;
  /** The posted form as its schema parsed it (routes with `form`). */
  form: F;
  /** The posted form's fields as typed, for re-rendering it after a refusal (routes with `form`). */
  values: Record<string, string>;
  /** The same with repeated fields (checkboxes) kept whole. */
  fields: FormFields;
}

type Handler<P, Q, B, F> = (c: Context<AppEnv>, input: Input<P, Q, B, F>) => Response | Promise<Response>;

/**
 * One feature's routes: an `OpenAPIHono` sub-app (`@hono/zod-openapi`) that src/app.ts mounts with
 * `app.route()`. `add` turns a route's spec into `createRoute`: the access rule becomes the route's
 * first middleware (src/http/authorize.ts) and, for the OpenAPI document, its `security` and
 * `x-access`; params, query and JSON body are validated by their zod schemas through
 * @hono/zod-validator (a failure is one 422 in the reader's language); the responses, with the
 * problems the access rule and the validators can answer, are declared for the document. Pages and
 * assets go through the same path, hidden from the document. `specs` keeps each route's declared
 * access for the authorisation matrix tests, which walk every route.
 */
export class Routes {
  readonly specs: RouteSpec[] = [];
  readonly app = new OpenAPIHono<AppEnv>();

  /**
   * @param production development-only routes are left out of the document there (their
   *   middleware answers 404 as well).
   */
  constructor(
    private readonly authorize: (access: Access) => MiddlewareHandler<AppEnv>,
    private readonly production = false,
  ) {}

  add<
    P extends Schema | undefined = undefined,
    Q extends Schema | undefined = undefined,
    B extends Schema | undefined = undefined,
    F extends Schema | undefined = undefined,
  >(
    spec: Omit<RouteSpec, 'form'> & {
      params?: P;
      query?: Q;
      body?: B;
      form?: FormSpec<NonNullable<F>, Infer<P>, Infer<Q>>;
    },
    handler: Handler<Infer<P>, Infer<Q>, Infer<B>, Infer<F>>,
  ): void {
    this.specs.push(spec);
    const hidden = spec.kind !== 'api' || (this.production && spec.access.kind === 'development-only');
    const route = createRoute({
      ...operationOf(spec),
      hide: hidden,
      middleware: [this.authorize(spec.access)],
    });
    this.app.openapi(
      route,
      // The validators that createRoute adds have parsed these; `valid` returns their output.
      (async (c: Context<AppEnv>) => {
        // The validators that createRoute adds have parsed these; `valid` returns their output.
        const req = c.req as unknown as { valid(target: string): unknown };
        const params = (spec.params ? req.valid('param') : undefined) as Infer<P>;
        const query = (spec.query ? req.valid('query') : undefined) as Infer<Q>;
        const body = (spec.body ? req.valid('json') : undefined) as Infer<B>;
        if (!spec.form) return handler(c, { params, query, body, form: undefined as Infer<F>, values: {}, fields: {} });
        let response: Response | undefined;
        const refused = await formValidator(spec.form as FormSpec<Schema, Infer<P>, Infer<Q>>, { params, query })(
          c,
          async () => {
            // Hono keeps the parsed body: this reads what the form validator read.
            const fields = formFields(await c.req.parseBody({ all: true }));
            const form = req.valid('form') as Infer<F>;
            response = await handler(c, { params, query, body, form, values: formValues(fields), fields });
          },
        );
        return refused ?? response;
      }) as never,
      invalidInput as never,
    );
  }
}

/** The form's validator: it runs after the access rule and the path and query validators. */
function formValidator<P, Q>(form: FormSpec<Schema, P, Q>, input: { params: P; query: Q }): MiddlewareHandler<AppEnv> {
  const prepare = form.prepare ?? ((fields: FormFields) => fields);
  return async (c, next) => {
    const schema = typeof form.schema === 'function' ? await form.schema(c, input) : form.schema;
    const validator = zValidator(
      'form',
      z.preprocess((raw) => prepare(formFields(raw), formFiles(raw)), schema),
      // The hook's context is this request's `c`, typed here with the app's variables.
      async (result) => {
        if (result.success) return;
        const fields = formFields(result.data);
        const errors = toFormErrors(describeIssues(result.error.issues, c.var.lang, c.var.t));
        return form.invalid(c, { values: formValues(fields), fields, errors }, input);
      },
    );
    return validator(c as never, next) as Promise<Response | undefined>;
  };
}

/** A failed zod validation becomes one 422 problem in the reader's language (src/http/validation.ts). */
function invalidInput(result: { success: boolean; error?: z.ZodError }, c: Context<AppEnv>): void {
  if (!result.success && result.error) throw validationError(result.error.issues, c.var.lang, c.var.t);
}

/** The files of a posted form, by field name (the first file of a field). */
function formFiles(raw: unknown): Record<string, File> {
  const out: Record<string, File> = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const [key, value] of Object.entries(raw)) {
    const file = Array.isArray(value) ? value.find((v) => v instanceof File) : value;
    if (file instanceof File) out[key] = file;
  }
  return out;
}
