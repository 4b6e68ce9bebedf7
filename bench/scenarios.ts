/**
 * The named load scenarios. Add a row to measure another route: the harness (bench/run.ts) starts
 * both targets, checks each scenario's response once, warms it up, then measures it.
 */

/** `ceiling` is the bare Hono hello world (bench/ceiling.ts); `app` is the real server (src/server.ts). */
export type Target = 'ceiling' | 'app';

export interface Scenario {
  name: string;
  target: Target;
  /** Path and query, already percent-encoded, as autocannon sends it. */
  path: string;
  headers?: Record<string, string>;
  /** One line for the README and the printed table's legend. */
  measures: string;
  /**
   * Looks at one response before the load starts, so that a scenario never measures an error page
   * or an empty result by mistake. Returns a problem, or undefined when the response is right.
   */
  check: (response: Response, body: string) => string | undefined;
}

function expect200(response: Response, contentType: string): string | undefined {
  if (response.status !== 200) return `status ${response.status}, expected 200`;
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith(contentType)) return `content-type "${type}", expected ${contentType}`;
  return undefined;
}

export const CEILING = 'ceiling';

export const scenarios: readonly Scenario[] = [
  {
    name: CEILING,
    target: 'ceiling',
    path: '/',
    measures: 'Hono hello world on @hono/node-server: the most this machine serves through the same stack',
    check: (response, body) => expect200(response, 'text/plain') ?? (body === 'Hello Hono!' ? undefined : 'body'),
  },
  {
    name: 'healthz',
    target: 'app',
    path: '/healthz',
    measures: 'the full middleware chain (request id, access log, security headers, CSRF cookie) and `select 1`',
    check: (response, body) =>
      expect200(response, 'application/json') ?? (body === '{"status":"ok"}' ? undefined : `body ${body}`),
  },
  {
    name: 'start-page',
    target: 'app',
    path: '/',
    headers: { 'accept-language': 'sv' },
    measures: 'the start page in Swedish: two reference-data queries and a precompiled Handlebars page',
    check: (response, body) =>
      expect200(response, 'text/html') ??
      (response.headers.get('content-language') === 'sv' && body.includes('<html lang="sv">')
        ? undefined
        : 'not the Swedish page'),
  },
  {
    name: 'occupation-search',
    target: 'app',
    path: '/api/v1/taxonomy/occupations?q=ingenj%C3%B6r',
    measures: 'JSON API: occupation-group search by name ("ingenjör"), first page',
    check: (response, body) => {
      const problem = expect200(response, 'application/json');
      if (problem) return problem;
      const parsed: unknown = JSON.parse(body);
      const items = typeof parsed === 'object' && parsed !== null && 'items' in parsed ? parsed.items : undefined;
      return Array.isArray(items) && items.length > 0 ? undefined : 'no occupations found';
    },
  },
];
