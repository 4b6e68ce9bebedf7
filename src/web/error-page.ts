import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import { problemResponse, toAppError, wantsProblemJson } from '../http/problem.ts';
import { render } from './render.ts';

/**
 * The app's error handler (src/app.ts `onError`, `notFound`): every error becomes the one mapping's
 * AppError (src/http/problem.ts); an API client gets problem+json, a browser the error page in its
 * language (or, for a page that needs a signed-in person, the way to sign in).
 */
export function handleError(err: Error, c: Context<AppEnv>): Response {
  const known = toAppError(err, c.get('t'), c.get('lang'));
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
