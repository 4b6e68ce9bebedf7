import Handlebars from 'handlebars/runtime.js';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../deps.ts';
import { csrfTokenFor, issueCsrfCookie } from '../http/csrf.ts';
import { formatDate } from '../i18n/dates.ts';
import type { Language, Translate } from '../i18n/i18n.ts';
import { assets } from './generated/assets.js';
import { partials, templates } from './generated/templates.js';

/**
 * Renders precompiled templates with the Handlebars runtime (no compiler: Workers forbid it).
 * Helpers read the language from the root context, so a partial needs no extra arguments.
 */
const hb = Handlebars.create();

interface RootContext {
  lang: Language;
  t: Translate;
}

function rootOf(options: { data?: { root?: unknown } }): RootContext {
  const root = options.data?.root as RootContext | undefined;
  if (!root) throw new Error('template rendered without a root context');
  return root;
}

hb.registerHelper(
  't',
  function (this: unknown, key: unknown, options: { hash?: Record<string, unknown>; data?: { root?: unknown } }) {
    return rootOf(options).t(String(key), options.hash);
  },
);
hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
hb.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
hb.registerHelper('not', (value: unknown) => !value);
hb.registerHelper('asset', (name: unknown) => {
  const asset = assets[String(name)];
  if (!asset) throw new Error(`unknown asset ${String(name)}`);
  // Our own path and a hex hash: safe, and left unescaped so that "=" stays readable.
  return new Handlebars.SafeString(`/assets/${encodeURIComponent(String(name))}?v=${asset.hash}`);
});
// Intl formatters are costly to build; one per language, made once.
const numberFormats = { sv: new Intl.NumberFormat('sv-SE'), en: new Intl.NumberFormat('en-GB') };
hb.registerHelper('number', function (this: unknown, value: unknown, options: { data?: { root?: unknown } }) {
  if (typeof value !== 'number') return '';
  return numberFormats[rootOf(options).lang].format(value);
});

/** A date in the reader's language, as running text writes it (src/i18n/dates.ts). */
hb.registerHelper('date', function (this: unknown, value: unknown, options: { data?: { root?: unknown } }) {
  return typeof value === 'string' ? formatDate(value, rootOf(options).lang) : '';
});

for (const [name, spec] of Object.entries(partials)) hb.registerPartial(name, hb.template(spec));

const compiled = new Map<string, HandlebarsTemplateDelegate>();
for (const [name, spec] of Object.entries(templates)) compiled.set(name, hb.template(spec));

export function templateNames(): string[] {
  return [...compiled.keys()];
}

export function renderToString(name: string, context: Record<string, unknown>): string {
  const template = compiled.get(name);
  if (!template) throw new Error(`unknown template ${name}`);
  return template(context);
}

/**
 * Renders `name` inside the layout with the request's language, CSRF token and path.
 * `title` in data becomes the document title.
 */
export function render(
  c: Context<AppEnv>,
  name: string,
  data: Record<string, unknown> = {},
  status: ContentfulStatusCode = 200,
): Response {
  const context = pageContext(c, data);
  return renderLayout(c, context, renderToString(name, context), status);
}

/**
 * The body of a page without the layout, for a page that keeps it in a cache: the body must then
 * depend only on `data` and the language, never on who is signed in (the layout shows that).
 */
export function renderBody(c: Context<AppEnv>, name: string, data: Record<string, unknown>): string {
  return renderToString(name, { ...data, lang: c.get('lang'), t: c.get('t') });
}

/** The layout around a body rendered before (see `renderBody`); `data` gives the title and nav. */
export function renderCachedBody(
  c: Context<AppEnv>,
  body: string,
  data: Record<string, unknown>,
  status: ContentfulStatusCode = 200,
): Response {
  return renderLayout(c, pageContext(c, data), body, status);
}

/**
 * Where a kept page (src/cache/snapshots.ts) has the visitor's CSRF token: a stand-in made once per
 * process, which no page contains by chance, replaced by each visitor's own token when served.
 * Made on first use: Workers refuse random values in a module's top level.
 */
let tokenStandIn: string | undefined;
const standIn = () => {
  tokenStandIn ??= `csrf-stand-in-${crypto.randomUUID()}`;
  return tokenStandIn;
};

/**
 * The whole page around `body` (see `renderCachedBody`) as it is for every visitor who is not
 * signed in, with a stand-in for the CSRF token: to keep and serve with `renderSnapshot`.
 * Undefined for a signed-in visitor, or if the page shows anything else of this request.
 */
export function snapshotCachedBody(
  c: Context<AppEnv>,
  body: string,
  data: Record<string, unknown>,
): string | undefined {
  if (c.get('principal')) return undefined;
  const page = renderToString('layout', { ...pageContext(c, data), csrfToken: standIn(), body });
  const requestId = c.get('requestId');
  if (requestId && page.includes(requestId)) return undefined;
  return page;
}

/** A page kept by `snapshotCachedBody`, with this visitor's CSRF token (and cookie, if new). */
export function renderSnapshot(c: Context<AppEnv>, page: string, status: ContentfulStatusCode = 200): Response {
  const token = csrfTokenFor(c);
  issueCsrfCookie(c);
  return c.html(page.replaceAll(standIn(), token), status);
}

function renderLayout(
  c: Context<AppEnv>,
  context: Record<string, unknown>,
  body: string,
  status: ContentfulStatusCode,
): Response {
  issueCsrfCookie(c);
  return c.html(renderToString('layout', { ...context, body }), status);
}

function pageContext(c: Context<AppEnv>, data: Record<string, unknown>): Record<string, unknown> {
  const deps = c.get('deps');
  const url = new URL(c.req.url);
  const principal = c.get('principal');
  const user =
    principal?.kind === 'user'
      ? {
          name: principal.name,
          email: principal.email,
          isSecretariat: principal.roles.includes('secretariat'),
          isStudent: principal.roles.includes('student'),
          isRelocationGuide: principal.roles.includes('relocation-guide'),
          memberships: principal.memberships,
        }
      : null;
  return {
    user,
    ...data,
    lang: c.get('lang'),
    t: c.get('t'),
    csrfToken: csrfTokenFor(c),
    currentPath: `${url.pathname}${url.search}`,
    isDemo: deps.config.seedDemo,
    // The development outbox (src/mail/routes.ts) exists outside production only.
    devTools: deps.config.appEnv !== 'production',
    requestId: c.get('requestId'),
  };
}
