import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppDeps, AppEnv } from '../deps.ts';
import { LANGUAGE_COOKIE, negotiateLanguage, translator } from '../i18n/i18n.ts';

/** First middleware: hands the injected deps and the reader's language to everything after it. */
export function requestContext(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('deps', deps);
    const lang = negotiateLanguage(getCookie(c, LANGUAGE_COOKIE), c.req.header('accept-language'));
    c.set('lang', lang);
    c.set('t', translator(lang));
    c.header('content-language', lang);
    c.header('vary', 'Accept-Language, Cookie', { append: true });
    await next();
  };
}

/** One JSON line per request: request id, method, route, status, duration. */
export function accessLog(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    c.get('deps').log.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      route: c.req.routePath,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
