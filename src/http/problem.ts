import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../deps.ts';
import { render } from '../web/render.ts';
import { AppError } from './errors.ts';

export const PROBLEM_JSON = 'application/problem+json';

export function wantsProblemJson(c: Context<AppEnv>): boolean {
  const path = new URL(c.req.url).pathname;
  return path === '/api' || path.startsWith('/api/') || path === '/healthz' || path === '/readyz';
}

/** RFC 9457 problem details. */
export function problemResponse(c: Context<AppEnv>, error: AppError): Response {
  const body: Record<string, unknown> = {
    type: 'about:blank',
    title: c.get('t') ? c.get('t')(error.titleKey) : error.titleKey,
    status: error.status,
    ...(error.detail === undefined ? {} : { detail: error.detail }),
    ...(error.errors === undefined ? {} : { errors: error.errors }),
    ...error.extra,
    instance: new URL(c.req.url).pathname,
    requestId: c.get('requestId'),
  };
  // c.body keeps the headers already set on the context (request id, cookies).
  return c.body(JSON.stringify(body), error.status, { ...error.headers, 'content-type': PROBLEM_JSON });
}

function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) {
    // Hono's own middleware (body limit, and so on) throws these.
    if (err.status === 413) return new AppError(413, 'error.payloadTooLarge.title');
    return new AppError(err.status, err.status >= 500 ? 'error.internal.title' : 'error.badRequest.title', {
      detail: err.message,
    });
  }
  return undefined;
}

export function handleError(err: Error, c: Context<AppEnv>): Response {
  const known = toAppError(err);
  const error = known ?? new AppError(500, 'error.internal.title');
  if (!known) {
    c.get('deps')?.log.error('unhandled error', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      error: err.message,
      stack: err.stack,
    });
  }
  if (wantsProblemJson(c)) return problemResponse(c, error);
  if (error.status === 401 && c.req.method === 'GET') {
    // A page that needs a signed-in person sends them to sign in, and back afterwards.
    const url = new URL(c.req.url);
    return c.redirect(`/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
  }
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  const t = c.get('t');
  return render(
    c,
    'errors/error',
    {
      title: t(error.titleKey),
      heading: t(error.titleKey),
      detail: error.status >= 500 ? undefined : error.detail,
      body:
        error.status === 404 ? t('error.notFound.body') : error.status >= 500 ? t('error.internal.body') : undefined,
      reference: error.status >= 500 ? c.get('requestId') : undefined,
    },
    error.status,
  );
}

export function handleNotFound(c: Context<AppEnv>): Response {
  return handleError(new AppError(404, 'error.notFound.title'), c);
}
