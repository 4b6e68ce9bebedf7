import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { type JobRunResult, onJobRun } from '../core/job-events.ts';
import type { AppEnv } from '../deps.ts';
import { PUBLIC, type Routes } from './routes.ts';

/**
 * Request and job metrics in Prometheus text format, kept in memory: per Node process, per Worker
 * isolate on Workers (each isolate counts only what it served, and an isolate may be recycled at
 * any time, so on Workers the figures are samples; Cloudflare's own analytics are the totals).
 * Labels are the route pattern (/api/v1/rounds/:id, never the id), the method and the status
 * class, so the number of series stays small. docs/decisions/0014-operations-and-durability.md.
 */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  method: string;
  route: string;
  status: string;
  count: number;
  sum: number;
  buckets: number[];
}

const requests = new Map<string, Series>();
const jobs = new Map<string, { runs: number; failures: number; changed: number; seconds: number }>();
const started = Date.now();

onJobRun((result: JobRunResult) => {
  const entry = jobs.get(result.name) ?? { runs: 0, failures: 0, changed: 0, seconds: 0 };
  entry.runs++;
  if (!result.ok) entry.failures++;
  entry.changed += result.changed;
  entry.seconds += result.durationMs / 1000;
  jobs.set(result.name, entry);
});

/** The route pattern that answered: the last matched route that is not a middleware (`use`). */
export function routePattern(c: Context<AppEnv>): string {
  try {
    const routes = matchedRoutes(c);
    for (let i = routes.length - 1; i >= 0; i--) {
      const route = routes[i];
      if (route && route.method !== 'ALL') return route.path;
    }
  } catch {
    // no match result (an error before routing)
  }
  return 'unmatched';
}

export function recordRequest(method: string, route: string, status: number, seconds: number): void {
  const statusClass = `${Math.floor(status / 100)}xx`;
  const key = `${method} ${route} ${statusClass}`;
  let series = requests.get(key);
  if (!series) {
    series = { method, route, status: statusClass, count: 0, sum: 0, buckets: BUCKETS.map(() => 0) };
    requests.set(key, series);
  }
  series.count++;
  series.sum += seconds;
  // An index loop: this runs for every request, and `entries()` made an iterator and a pair per bucket.
  const buckets = series.buckets;
  for (let i = 0; i < BUCKETS.length; i++) if (seconds <= (BUCKETS[i] ?? 0)) buckets[i] = (buckets[i] ?? 0) + 1;
}

const label = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export function renderMetrics(runtime: string): string {
  const out: string[] = [];
  out.push('# HELP kompetensbron_http_requests_total HTTP requests by method, route pattern and status class.');
  out.push('# TYPE kompetensbron_http_requests_total counter');
  for (const s of requests.values()) {
    out.push(
      `kompetensbron_http_requests_total{method="${s.method}",route="${label(s.route)}",status="${s.status}"} ${s.count}`,
    );
  }
  out.push(
    '# HELP kompetensbron_http_request_duration_seconds Time to answer, by method, route pattern and status class.',
  );
  out.push('# TYPE kompetensbron_http_request_duration_seconds histogram');
  for (const s of requests.values()) {
    const labels = `method="${s.method}",route="${label(s.route)}",status="${s.status}"`;
    for (const [i, bound] of BUCKETS.entries()) {
      out.push(`kompetensbron_http_request_duration_seconds_bucket{${labels},le="${bound}"} ${s.buckets[i] ?? 0}`);
    }
    out.push(`kompetensbron_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${s.count}`);
    out.push(`kompetensbron_http_request_duration_seconds_sum{${labels}} ${s.sum.toFixed(6)}`);
    out.push(`kompetensbron_http_request_duration_seconds_count{${labels}} ${s.count}`);
  }
  out.push('# HELP kompetensbron_job_runs_total Scheduled job runs by job and outcome.');
  out.push('# TYPE kompetensbron_job_runs_total counter');
  for (const [name, j] of jobs) {
    out.push(`kompetensbron_job_runs_total{job="${label(name)}",outcome="ok"} ${j.runs - j.failures}`);
    out.push(`kompetensbron_job_runs_total{job="${label(name)}",outcome="failed"} ${j.failures}`);
  }
  out.push('# HELP kompetensbron_job_changed_total Rows changed (or messages sent) by scheduled jobs.');
  out.push('# TYPE kompetensbron_job_changed_total counter');
  for (const [name, j] of jobs) out.push(`kompetensbron_job_changed_total{job="${label(name)}"} ${j.changed}`);
  out.push('# HELP kompetensbron_job_duration_seconds_total Time spent in scheduled jobs.');
  out.push('# TYPE kompetensbron_job_duration_seconds_total counter');
  for (const [name, j] of jobs) {
    out.push(`kompetensbron_job_duration_seconds_total{job="${label(name)}"} ${j.seconds.toFixed(6)}`);
  }
  out.push('# HELP kompetensbron_uptime_seconds Seconds since this process or isolate loaded the app.');
  out.push('# TYPE kompetensbron_uptime_seconds gauge');
  out.push(`kompetensbron_uptime_seconds{runtime="${runtime}"} ${((Date.now() - started) / 1000).toFixed(0)}`);
  return `${out.join('\n')}\n`;
}

/** Equal strings in a time that does not depend on where they differ. */
function sameSecret(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/**
 * GET /metrics: 404 while METRICS_TOKEN is unset (the endpoint does not exist), 401 without the
 * right `Authorization: Bearer <METRICS_TOKEN>`, else the text.
 */
function metricsResponse(c: Context<AppEnv>): Response {
  const token = c.get('deps').config.metricsToken;
  if (!token) return c.text('Not Found\n', 404);
  const given = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
  if (!sameSecret(given, token)) {
    c.header('www-authenticate', 'Bearer realm="metrics"');
    c.header('cache-control', 'no-store');
    return c.text('Unauthorized\n', 401);
  }
  c.header('cache-control', 'no-store');
  return c.body(renderMetrics(c.get('deps').runtime), 200, {
    'content-type': 'text/plain; version=0.0.4; charset=utf-8',
  });
}

/**
 * Counts every request by route pattern and status class. It also answers GET /metrics itself,
 * before `authenticate` (which would take the metrics token for an unknown API token); the route
 * below is its entry in the route table (OpenAPI, the authorisation matrix).
 */
export function metrics(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const t0 = performance.now();
    if (c.req.method === 'GET' && c.req.path === '/metrics') return metricsResponse(c);
    try {
      await next();
    } finally {
      recordRequest(c.req.method, routePattern(c), c.res.status, (performance.now() - t0) / 1000);
    }
  };
}

export function registerMetricsRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/metrics',
      kind: 'api',
      access: PUBLIC,
      tags: ['Operations'],
      summary:
        'Prometheus metrics of this process (Workers: this isolate); needs Authorization: Bearer METRICS_TOKEN, 404 when the setting is unset',
      responses: {
        200: { description: 'Prometheus text format', contentType: 'text/plain' },
        401: { description: 'No or wrong bearer token', contentType: 'text/plain' },
        404: { description: 'METRICS_TOKEN is not set', contentType: 'text/plain' },
      },
      // Not a session or an API token: the METRICS_TOKEN setting, checked by the handler.
      security: [{ metricsToken: [] }],
    },
    async (c) => metricsResponse(c),
  );
}
