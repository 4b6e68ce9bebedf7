import autocannon, { type Instance, type Options } from 'autocannon';
import type { BenchOptions } from './options.ts';
import type { Scenario, Workload } from './scenarios.ts';

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
  /** What a flow scenario adds about its measured run (e.g. each request's share). */
  notes: string[];
}

/** The load now running, so that an interrupt can stop it before the servers go away. */
let current: Instance | undefined;

export function stopCurrentLoad(): void {
  current?.stop();
}

/** Connection errors of the last load by kind (a timeout, ECONNRESET, …), for the notes. */
let errorKinds = new Map<string, number>();

async function load(options: Options) {
  errorKinds = new Map();
  current = autocannon(options);
  current.on('reqError', (error: Error & { code?: string }) => {
    const kind = error.code ?? error.message;
    errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
  });
  try {
    return await current;
  } finally {
    current = undefined;
  }
}

/** Checks one response (or, for a flow, sets it up and tries it once), warms it up, then measures it. */
export async function measure(
  baseUrl: string,
  scenario: Scenario,
  options: BenchOptions,
  serverPid?: number,
): Promise<Measurement> {
  const common = { connections: options.connections };
  let run: (duration: number) => ReturnType<typeof load>;
  let workload: Workload | undefined;
  if ('prepare' in scenario) {
    const flow = await scenario.prepare(baseUrl, options.connections, serverPid);
    workload = flow;
    run = async (duration) => {
      await flow.beforeRun();
      return load({ ...common, url: baseUrl, duration, setupClient: (client) => flow.setupClient(client) });
    };
  } else {
    const url = baseUrl + scenario.path;
    const response = await fetch(url, { headers: scenario.headers ?? {} });
    const problem = scenario.check(response, await response.text());
    if (problem)
      throw new Error(`scenario ${scenario.name}: GET ${scenario.path} is not what it should measure: ${problem}`);
    const headers = scenario.headers;
    run = (duration) => load({ ...common, url, duration, ...(headers ? { headers } : {}) });
  }

  if (options.warmup > 0) await run(options.warmup);
  const result = await run(options.duration);
  await workload?.done?.();
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
    notes: [
      ...(workload?.notes(options.duration) ?? []),
      ...(errorKinds.size > 0
        ? [`connection errors: ${[...errorKinds].map(([kind, n]) => `${n} × ${kind}`).join(', ')}`]
        : []),
    ],
  };
}
