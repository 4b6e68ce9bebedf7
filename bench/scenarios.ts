/**
 * The named load scenarios. Add a row to measure another route: the harness (bench/run.ts) starts
 * both targets, checks each scenario's response once (a flow sets itself up and tries its sequence
 * once instead), warms it up, then measures it.
 */

import type { Client } from 'autocannon';
import { busyScenarios } from './busy-flow.ts';
import { prepareMixed } from './mixed-flow.ts';
import { occupationTyping } from './occupation-typing.ts';
import { placementsSearch, preparePlacementsRecommended } from './placements-flow.ts';
import { NEED_LINES, prepareSurveySaveSubmit } from './survey-flow.ts';

/**
 * The round the demand scenarios read: the demo's closed round, or with BENCH_DATABASE set to a
 * database from bench/generate-demand.ts, its million-line round ('bench-round').
 */
const DEMAND_ROUND =
  process.env.BENCH_DEMAND_ROUND ?? (process.env.BENCH_DATABASE ? 'bench-round' : 'demo-round-closed');

/**
 * `ceiling` is the bare Hono hello world (bench/ceiling.ts); `app` is the real server (src/server.ts);
 * `before` is the real server of another checkout (`--before DIR`), measured on the app's scenarios.
 */
export type Target = 'ceiling' | 'app' | 'before';

interface ScenarioBase {
  name: string;
  target: Target;
  /** What the load requests, for the progress lines and the report; for a GET, the path as sent. */
  path: string;
  /** One line for the README and the printed table's legend. */
  measures: string;
}

/** Every connection sends the same GET. */
export interface GetScenario extends ScenarioBase {
  /** Path and query, already percent-encoded, as autocannon sends it. */
  path: string;
  headers?: Record<string, string>;
  /**
   * Looks at one response before the load starts, so that a scenario never measures an error page
   * or an empty result by mistake. Returns a problem, or undefined when the response is right.
   */
  check: (response: Response, body: string) => string | undefined;
}

/**
 * Each connection runs its own sequence of requests, with state between them (a version, an id).
 * `prepare` sets up what the load needs through the API, once, and throws if a trial of the
 * sequence does not do what the scenario claims to measure.
 */
export interface FlowScenario extends ScenarioBase {
  /** `serverPid`: the app process, for scenarios that report its memory. */
  prepare: (baseUrl: string, connections: number, serverPid?: number) => Promise<Workload>;
}

export type Scenario = GetScenario | FlowScenario;

export interface Workload {
  /** Before each autocannon run (warm-up and measured): bring the state back in step with the server. */
  beforeRun(): Promise<void>;
  /** Gives one connection its sequence of requests; called once per connection of each run. */
  setupClient(client: Client): void;
  /**
   * After the measured run, before `notes`: stop background work the scenario started, or wait
   * until the server is idle again, so that the scenarios after it (and the closing ceiling) are
   * not measured beside it.
   */
  done?(): Promise<void>;
  /** Lines printed under the table about the last run, which lasted `seconds`. */
  notes(seconds: number): string[];
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
    name: 'demand-json',
    target: 'app',
    path: `/api/v1/demand?round=${DEMAND_ROUND}&by=specialisation,horizon`,
    measures: "JSON API: a round's demand by specialisation × horizon with margins (cells of its publication)",
    check: (response, body) => {
      const problem = expect200(response, 'application/json');
      if (problem) return problem;
      const parsed = JSON.parse(body) as { cells?: unknown[]; protected?: boolean };
      return Array.isArray(parsed.cells) && parsed.cells.length > 0 && parsed.protected
        ? undefined
        : 'no protected cells';
    },
  },
  {
    name: 'demand-page',
    target: 'app',
    path: `/demand?round=${DEMAND_ROUND}&table=specialisation-horizon`,
    headers: { 'accept-language': 'sv' },
    measures:
      "The provider and public demand page: a table of the round's publication with its margins, hidden cells' nearest coarser figures, chart and indicators",
    check: (response, body) =>
      expect200(response, 'text/html') ?? (body.includes('<svg') ? undefined : 'no chart on the page'),
  },
  // autocannon sends no Accept-Encoding of its own: the rows above measure uncompressed answers, as
  // before issue 18; these two measure what compressing costs the server (src/app.ts, Node only).
  {
    name: 'healthz-gzip',
    target: 'app',
    path: '/healthz',
    headers: { 'accept-encoding': 'gzip' },
    measures: '`healthz` asked with `Accept-Encoding: gzip`: a 15-byte body through the compressor',
    check: (response, body) =>
      expect200(response, 'application/json') ??
      (response.headers.get('content-encoding') === 'gzip' && body === '{"status":"ok"}' ? undefined : 'not gzip'),
  },
  {
    name: 'demand-page-gzip',
    target: 'app',
    path: `/demand?round=${DEMAND_ROUND}&table=specialisation-horizon`,
    headers: { 'accept-language': 'sv', 'accept-encoding': 'gzip' },
    measures: '`demand-page` asked with `Accept-Encoding: gzip`: the same page compressed on every request',
    check: (response, body) =>
      expect200(response, 'text/html') ??
      (response.headers.get('content-encoding') === 'gzip' && body.includes('<svg') ? undefined : 'not gzip'),
  },
  {
    name: 'gap-json',
    target: 'app',
    path: `/api/v1/gaps?round=${DEMAND_ROUND}`,
    measures:
      'JSON API: the gap analysis (issue 6): protected demand by occupation × horizon against the offerings matched directly or through skills',
    check: (response, body) => {
      const problem = expect200(response, 'application/json');
      if (problem) return problem;
      const parsed = JSON.parse(body) as { items?: { offerings?: unknown[] }[]; protected?: boolean };
      const matched = parsed.items?.some((i) => Array.isArray(i.offerings) && i.offerings.length > 0);
      return parsed.protected && matched ? undefined : 'no protected gap rows with offerings';
    },
  },
  {
    name: 'gap-page',
    target: 'app',
    path: `/education/gaps?round=${DEMAND_ROUND}`,
    headers: { 'accept-language': 'sv' },
    measures:
      'The public gap page (issue 6): the gap table with matches explained, shortages, demand without offerings',
    check: (response, body) =>
      expect200(response, 'text/html') ?? (body.includes('gap-table') ? undefined : 'no gap table on the page'),
  },
  {
    name: 'occupation-search',
    target: 'app',
    path: '/api/v1/taxonomy/occupations?q=ingenj%C3%B6r',
    measures:
      'JSON API: occupation search by job title or group name ("ingenjör"), first page; repeated, so answered from the kept answers',
    check: (response, body) => {
      const problem = expect200(response, 'application/json');
      if (problem) return problem;
      const parsed: unknown = JSON.parse(body);
      const items = typeof parsed === 'object' && parsed !== null && 'items' in parsed ? parsed.items : undefined;
      return Array.isArray(items) && items.length > 0 ? undefined : 'no occupations found';
    },
  },
  ...occupationTyping,
  {
    name: 'survey-save-submit',
    target: 'app',
    path: 'PUT /api/v1/rounds/:id/responses/:orgId, then POST …/submit',
    measures: `a survey response with ${NEED_LINES} need lines saved and submitted, again and again, one organisation per connection (signed in as the secretariat)`,
    prepare: prepareSurveySaveSubmit,
  },
  placementsSearch,
  {
    name: 'placements-recommended',
    target: 'app',
    path: 'GET /api/v1/placements/recommended',
    measures:
      "a signed-in student's ranked placements with reasons, one generated student per connection (use BENCH_DATABASE from bench/generate-placements.ts)",
    prepare: preparePlacementsRecommended,
  },
  {
    name: 'mixed',
    target: 'app',
    path: 'browse demand and placements, save drafts, export CSV',
    measures:
      'a working day at once (issue 9): 5 % secretariat CSV exports, 30 % respondents saving drafts, the rest anonymous visitors on demand, placements and the start page',
    prepare: prepareMixed,
  },
  ...busyScenarios,
];
