import autocannon, { type Instance } from 'autocannon';
import type { BenchOptions } from './options.ts';
import type { Scenario } from './scenarios.ts';

export interface Measurement {
  scenario: string;
  target: Scenario['target'];
  path: string;
  requestsPerSecond: number;
  /** Milliseconds; autocannon's histogram counts whole milliseconds. */
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

/** The load now running, so that an interrupt can stop it before the servers go away. */
let current: Instance | undefined;

export function stopCurrentLoad(): void {
  current?.stop();
}

async function load(url: string, scenario: Scenario, options: BenchOptions, duration: number) {
  current = autocannon({
    url,
    connections: options.connections,
    duration,
    ...(scenario.headers ? { headers: scenario.headers } : {}),
  });
  try {
    return await current;
  } finally {
    current = undefined;
  }
}

/** Checks one response, warms the route up, then measures it. */
export async function measure(baseUrl: string, scenario: Scenario, options: BenchOptions): Promise<Measurement> {
  const url = baseUrl + scenario.path;
  const response = await fetch(url, { headers: scenario.headers ?? {} });
  const problem = scenario.check(response, await response.text());
  if (problem)
    throw new Error(`scenario ${scenario.name}: GET ${scenario.path} is not what it should measure: ${problem}`);

  if (options.warmup > 0) await load(url, scenario, options, options.warmup);
  const result = await load(url, scenario, options, options.duration);
  return {
    scenario: scenario.name,
    target: scenario.target,
    path: scenario.path,
    requestsPerSecond: result.requests.mean,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
  };
}
