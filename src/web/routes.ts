import { setCookie } from 'hono/cookie';
import { z } from 'zod';
import { AppError } from '../http/errors.ts';
import { PUBLIC, type Routes } from '../http/routes.ts';
import { LANGUAGE_COOKIE, LANGUAGES } from '../i18n/i18n.ts';
import { assets } from './generated/assets.js';

const ONE_YEAR = 60 * 60 * 24 * 365;

/** Only a path on this site may be a redirect target, never another origin. */
export function safeLocalPath(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

export function registerWebRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'post',
      path: '/language',
      kind: 'page',
      access: PUBLIC,
      summary: 'Switch the interface language (form post; sets a cookie and returns to the page)',
      form: {
        schema: z.object({ lang: z.enum(LANGUAGES), next: z.unknown() }),
        invalid: (c) => {
          throw new AppError(400, 'error.badRequest.title', { detail: c.get('t')('language.invalid') });
        },
      },
    },
    async (c, { form }) => {
      const { lang } = form;
      setCookie(c, LANGUAGE_COOKIE, lang, {
        path: '/',
        maxAge: ONE_YEAR,
        sameSite: 'Lax',
        secure: true,
        httpOnly: true,
      });
      return c.redirect(safeLocalPath(form.next), 303);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/assets/:name',
      kind: 'asset',
      access: PUBLIC,
      summary: 'Style sheets and scripts, built into the app',
      params: z.object({ name: z.string().max(100) }),
    },
    (c, { params }) => {
      const asset = assets[params.name];
      if (!asset) throw new AppError(404, 'error.notFound.title');
      const versioned = c.req.query('v') === asset.hash;
      return c.body(asset.body, 200, {
        'content-type': asset.type,
        'cache-control': versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
        etag: `"${asset.hash}"`,
      });
    },
  );
}
