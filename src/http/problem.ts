import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError, InvalidFields, InvalidInput } from '../core/errors.ts';
import type { AppEnv } from '../deps.ts';
import { formatDateTime } from '../i18n/dates.ts';
import type { Language, Translate } from '../i18n/i18n.ts';
import { AppError } from './errors.ts';
import { validationError } from './validation.ts';

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

const DOMAIN_STATUS = {
  invalid: [422, 'error.validation.title'],
  'not-found': [404, 'error.notFound.title'],
  conflict: [409, 'error.conflict.title'],
  forbidden: [403, 'error.forbidden.title'],
  unauthenticated: [401, 'error.unauthorized.title'],
  unavailable: [503, 'error.unavailable.title'],
  'too-many-requests': [429, 'error.tooManyRequests.title'],
  'bad-request': [400, 'error.badRequest.title'],
} as const;

/** The one mapping of typed domain errors (src/core/errors.ts) to HTTP. */
export function domainToAppError(err: DomainError, t: Translate | undefined, lang: Language = 'sv'): AppError {
  if (err instanceof InvalidInput && t)
    return validationError(err.issues as Parameters<typeof validationError>[0], lang, t);
  const keyed = err.options.keyedProblems?.map((p) => ({
    path: p.path,
    message: t ? t(p.messageKey, p.params) : p.messageKey,
  }));
  if (err instanceof InvalidFields && keyed) {
    return new AppError(422, 'error.validation.title', {
      detail: keyed.map((e) => `${e.path}: ${e.message}`).join('; '),
      errors: keyed,
    });
  }
  const [status, kindTitle] = DOMAIN_STATUS[err.kind];
  const titleKey = err.options.titleKey ?? kindTitle;
  const translated = Object.fromEntries(
    Object.entries(err.options.messageParams ?? {}).map(([name, key]) => [name, t ? t(key) : key]),
  );
  const dates = Object.fromEntries(
    Object.entries(err.options.dateParams ?? {}).map(([name, iso]) => [name, formatDateTime(iso, lang)]),
  );
  const detail =
    err.messageKey === ''
      ? undefined
      : t
        ? t(err.messageKey, { ...err.options.params, ...translated, ...dates })
        : err.messageKey;
  return new AppError(status, titleKey, {
    ...(detail === undefined ? {} : { detail }),
    ...(keyed !== undefined
      ? { errors: keyed }
      : err.options.problems !== undefined
        ? { errors: err.options.problems.map((problem) => ({ ...problem })) }
        : err.options.field === undefined
          ? {}
          : { errors: [{ path: err.options.field, message: detail ?? '' }] }),
    ...(err.options.extra === undefined ? {} : { extra: err.options.extra }),
    ...(err.options.headers === undefined ? {} : { headers: err.options.headers }),
  });
}

export function toAppError(err: unknown, t?: Translate, lang?: Language): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err instanceof DomainError) return domainToAppError(err, t, lang);
  if (err instanceof HTTPException) {
    // Hono's own middleware (body limit, and so on) throws these.
    if (err.status === 413) return new AppError(413, 'error.payloadTooLarge.title');
    // A body of a type the operation does not take (the route declares its media types).
    if (err.status === 415)
      return new AppError(415, 'error.unsupportedMediaType.title', {
        detail: t?.('error.unsupportedMediaType.detail'),
      });
    return new AppError(err.status, err.status >= 500 ? 'error.internal.title' : 'error.badRequest.title', {
      detail: err.message,
    });
  }
  return undefined;
}

/**
 * An error as the one mapping presents it to this request's reader (for a page that shows it in a
 * form); undefined for an error that is not a known refusal.
 */
export function asAppError(err: unknown, c: Context<AppEnv>): AppError | undefined {
  return toAppError(err, c.get('t'), c.get('lang'));
}
