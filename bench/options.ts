import { parseArgs } from 'node:util';

export interface BenchOptions {
  connections: number;
  /** Seconds of measured load per scenario. */
  duration: number;
  /** Seconds of unmeasured load before each scenario, so the JIT and the caches are warm. */
  warmup: number;
  /** Scenario names to run besides the ceiling; empty means all. */
  only: string[];
  /**
   * A second checkout (e.g. a `git worktree` of an older commit, with node_modules and templates):
   * its server runs beside this one, and each app scenario is measured on it first, as "… (before)".
   */
  before?: string;
  /** With `before`: the first scenario is measured on this checkout first (then they alternate). */
  afterFirst: boolean;
}

export const USAGE = `npm run bench [-- --scenario NAME ...] [--connections N] [--duration S] [--warmup S]

  --scenario NAME   run only this scenario (repeat, or separate names by commas); the ceiling always runs
  --connections N   concurrent connections (env BENCH_CONNECTIONS, default 50)
  --duration S      measured seconds per scenario (env BENCH_DURATION, default 10)
  --warmup S        unmeasured seconds before each scenario (env BENCH_WARMUP, default 3; 0 skips it)
  --before DIR      also start DIR's server (another checkout) and measure each scenario on it first,
                    as "NAME (before)", against the same ceiling (env BENCH_BEFORE); which of the two
                    is measured first alternates from one scenario to the next
  --after-first     with --before: start with this checkout (run twice, once with it, to even out drift)`;

function wholeNumber(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name}: expected a whole number ≥ ${min}, got "${text}"`);
  return value;
}

/** Command-line flags win over environment variables, which win over the defaults. */
export function readOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string', multiple: true },
      connections: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      before: { type: 'string' },
      'after-first': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const before = (values.before ?? env.BENCH_BEFORE ?? '').trim();
  return {
    ...(before ? { before } : {}),
    afterFirst: values['after-first'] ?? false,
    connections: wholeNumber('connections', values.connections ?? env.BENCH_CONNECTIONS, 50, 1),
    duration: wholeNumber('duration', values.duration ?? env.BENCH_DURATION, 10, 1),
    warmup: wholeNumber('warmup', values.warmup ?? env.BENCH_WARMUP, 3, 0),
    only: (values.scenario ?? [])
      .flatMap((names) => names.split(','))
      .map((name) => name.trim())
      .filter((name) => name !== ''),
  };
}
