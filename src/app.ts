import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './deps.ts';
import { FEATURES } from './features.ts';
import { authorize } from './http/authorize.ts';
import { accessLog, requestContext } from './http/context.ts';
import { csrfProtection } from './http/csrf.ts';
import { AppError } from './http/errors.ts';
import { metrics } from './http/metrics.ts';
import { CachingRouter } from './http/router.ts';
import { type RouteSpec, Routes } from './http/routes.ts';
import { authenticate } from './identity/index.ts';
import { registerOpenApiRoute } from './openapi/routes.ts';
import { handleError, handleNotFound } from './web/error-page.ts';
import { registerWebRoutes } from './web/routes.ts';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export type App = OpenAPIHono<AppEnv> & { routeTable: readonly RouteSpec[] };

/**
 * The whole application over injected dependencies. Runtime-neutral: src/server.ts (Node) and
 * src/worker.ts (Workers) only build `deps` and hand them over.
 */
/** An Accept-Encoding that names an encoding the compress middleware writes (its q is weighed there). */
const ACCEPTS_COMPRESSION = /\b(gzip|deflate)\b/i;

export function createApp(deps: AppDeps): App {
  const app = new OpenAPIHono<AppEnv>({ router: new CachingRouter() });

  // Text bodies gzip-compressed when the client accepts it (the demo's demand page: 17.8 kB → 4.0 kB),
  // outermost so that error pages are compressed too. Only on Node: Cloudflare's edge
  // compresses what a Worker returns (https://hono.dev/docs/middleware/builtin/compress). The
  // middleware leaves HEAD, bodiless (204, 304) and already encoded responses alone, skips types
  // that do not compress (images other than SVG) and `Cache-Control: no-transform`, adds
  // `Vary: Accept-Encoding`, and streams: a CSV export is compressed as it is written.
  // It runs only for a request that accepts gzip or deflate: touching a finished response's headers
  // (its Vary) takes the Node adapter off its fast path for every response, which halved /healthz's
  // throughput for clients that never asked for compression (bench, 7 December 2026).
  if (deps.runtime === 'node') {
    const compressing = compress();
    app.use((c, next) =>
      ACCEPTS_COMPRESSION.test(c.req.header('accept-encoding') ?? '') ? compressing(c, next) : next(),
    );
  }
  app.use(requestId({ headerName: 'X-Request-Id', generator: () => deps.newId() }));
  app.use(requestContext(deps));
  app.use(accessLog());
  app.use(metrics());
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      strictTransportSecurity: deps.config.appEnv === 'production' ? 'max-age=63072000; includeSubDomains' : false,
      referrerPolicy: 'strict-origin-when-cross-origin',
      crossOriginEmbedderPolicy: false,
    }),
  );
  const limitBody = bodyLimit({
    maxSize: BODY_LIMIT_BYTES,
    onError: (c) => {
      throw new AppError(413, 'error.payloadTooLarge.title', {
        detail: c.get('t')('error.payloadTooLarge.detail', { limit: '1 MiB' }),
      });
    },
  });
  // Only requests that may carry a body: touching the body of a GET makes the Node adapter build
  // a full Request, which cost about a tenth of the throughput of a small JSON route.
  app.use((c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));
  app.use(csrfProtection());
  app.use(authenticate());

  // One sub-app per feature, mounted in the list's order (the first route that matches answers);
  // the shell's assets first, the OpenAPI document last.
  const production = deps.config.appEnv === 'production';
  const routeTable: RouteSpec[] = [];
  const mount = (register: readonly ((routes: Routes) => void)[]) => {
    const routes = new Routes(authorize, production);
    for (const add of register) add(routes);
    app.route('/', routes.app);
    routeTable.push(...routes.specs);
  };
  mount([registerWebRoutes]);
  for (const feature of FEATURES) mount(feature.routes);
  mount([(routes) => registerOpenApiRoute(routes, app)]);

  app.onError(handleError);
  app.notFound(handleNotFound);
  return Object.assign(app, { routeTable });
}
