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
      return c.body(
        asset.body,
        200,
        assetHeaders(asset, versioned ? 'public, max-age=31536000, immutable' : undefined),
      );
    },
  );

  // The layout links the versioned /assets/favicon.svg. These two answer the paths a client asks for
  // on its own (a browser before it has read a page, or for a response that is not a page; bookmark
  // and feed readers): the same SVG, so that they get the icon, not a 404. /favicon.ico answers SVG
  // too, with its true type, rather than a 204 (no icon at all) or a redirect (a second request for
  // 400 bytes); a client that reads only the ICO format shows no icon, as with a 204.
  for (const path of ['/favicon.svg', '/favicon.ico']) {
    routes.add({ method: 'get', path, kind: 'asset', access: PUBLIC, summary: "The site's icon (SVG)" }, (c) => {
      const icon = assets['favicon.svg'];
      if (!icon) throw new AppError(404, 'error.notFound.title');
      return c.body(icon.body, 200, assetHeaders(icon, 'public, max-age=86400'));
    });
  }
}

function assetHeaders(asset: { hash: string; type: string }, cacheControl = 'public, max-age=300') {
  return { 'content-type': asset.type, 'cache-control': cacheControl, etag: `"${asset.hash}"` };
}
