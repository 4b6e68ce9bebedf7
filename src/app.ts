import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { registerAuditPages } from './audit/pages.ts';
import { registerAuditRoutes } from './audit/routes.ts';
import { registerDemandAnalysisRoutes } from './demand/analysis-routes.ts';
import { registerDemandApiRoutes } from './demand/api-routes.ts';
import { registerOpenDataRoutes } from './demand/open-data-routes.ts';
import { registerDemandPages } from './demand/page.ts';
import type { AppDeps, AppEnv } from './deps.ts';
import { registerEducationRoutes } from './education/routes.ts';
import { registerHealthRoutes } from './health/routes.ts';
import { registerHomeRoutes } from './home/routes.ts';
import { authorize } from './http/authorize.ts';
import { accessLog, requestContext } from './http/context.ts';
import { csrfProtection } from './http/csrf.ts';
import { AppError } from './http/errors.ts';
import { metrics } from './http/metrics.ts';
import { handleError, handleNotFound } from './http/problem.ts';
import { CachingRouter } from './http/router.ts';
import { type RouteSpec, Routes } from './http/routes.ts';
import { registerAdminPages } from './identity/admin-pages.ts';
import { registerIdentityApiRoutes } from './identity/api-routes.ts';
import { authenticate } from './identity/authenticate.ts';
import { registerIdentityPages } from './identity/pages.ts';
import { registerOperationsRoutes } from './jobs/routes.ts';
import { registerDevMailRoutes } from './mail/routes.ts';
import { registerOpenApiRoute } from './openapi/routes.ts';
import { registerOrganisationRoutes } from './organisations/routes.ts';
import { registerPlacementRoutes } from './placements/routes.ts';
import { registerPlanRoutes } from './plans/routes.ts';
import { registerPublicationRoutes } from './publication/routes.ts';
import { registerRoundAdminApiRoutes } from './surveys/admin-api-routes.ts';
import { registerSurveyApiRoutes } from './surveys/api-routes.ts';
import { registerSurveyPages } from './surveys/pages.ts';
import { registerRoundAdminPages } from './surveys/round-admin-pages.ts';
import { registerTaxonomyRoutes } from './taxonomy/routes.ts';
import { registerWebRoutes } from './web/routes.ts';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export type App = Hono<AppEnv> & { routeTable: readonly RouteSpec[] };

/**
 * The whole application over injected dependencies. Runtime-neutral: src/server.ts (Node) and
 * src/worker.ts (Workers) only build `deps` and hand them over.
 */
export function createApp(deps: AppDeps): App {
  const app = new Hono<AppEnv>({ router: new CachingRouter() });

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

  const routes = new Routes(app, authorize);
  registerHomeRoutes(routes);
  registerWebRoutes(routes);
  registerHealthRoutes(routes);
  registerTaxonomyRoutes(routes);
  registerIdentityApiRoutes(routes);
  registerIdentityPages(routes);
  registerAdminPages(routes);
  registerAuditPages(routes);
  registerSurveyApiRoutes(routes);
  registerRoundAdminApiRoutes(routes);
  registerPublicationRoutes(routes);
  registerRoundAdminPages(routes);
  registerSurveyPages(routes);
  registerDemandApiRoutes(routes);
  registerDemandAnalysisRoutes(routes);
  registerOpenDataRoutes(routes);
  registerDemandPages(routes);
  registerAuditRoutes(routes);
  registerDevMailRoutes(routes);
  registerOrganisationRoutes(routes);
  registerPlanRoutes(routes);
  registerEducationRoutes(routes);
  registerOperationsRoutes(routes);
  registerPlacementRoutes(routes);
  registerOpenApiRoute(routes);

  app.onError(handleError);
  app.notFound(handleNotFound);
  return Object.assign(app, { routeTable: routes.specs });
}
