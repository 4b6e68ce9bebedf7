/**
 * What `npm run dev:worker` runs (scripts/dev-worker.ts), from its arguments and environment:
 * `--port N` (or `--port=N`, or PORT) picks wrangler dev's port, and PUBLIC_URL follows it so that
 * mailed sign-in links point at the port that serves; any other argument goes to `wrangler dev`.
 */
export const DEFAULT_DEV_PORT = 8787;

export interface DevWorkerOptions {
  port: number;
  publicUrl: string;
  /** The arguments after `wrangler`. */
  devArgs: string[];
}

export class DevWorkerUsageError extends Error {
  override name = 'DevWorkerUsageError';
}

function parsePort(text: string | undefined, source: string): number {
  if (text === undefined || !/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 65535) {
    throw new DevWorkerUsageError(
      `${source}: expected a whole number between 1 and 65535${text === undefined ? '' : ` (got "${text}")`}`,
    );
  }
  return Number(text);
}

export function devWorkerOptions(args: readonly string[], env: Record<string, string | undefined>): DevWorkerOptions {
  let port: number | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--port') {
      port = parsePort(args[i + 1], '--port');
      i++;
    } else if (arg.startsWith('--port=')) {
      port = parsePort(arg.slice('--port='.length), '--port');
    } else rest.push(arg);
  }
  port ??= env.PORT?.trim() ? parsePort(env.PORT.trim(), 'PORT') : DEFAULT_DEV_PORT;
  const publicUrl = `http://localhost:${port}`;
  // wrangler.toml's PUBLIC_URL names the default port; --var overrides it for this run. The
  // caller's own arguments come last, so an explicit --var PUBLIC_URL:… still wins.
  return { port, publicUrl, devArgs: ['dev', '--port', String(port), '--var', `PUBLIC_URL:${publicUrl}`, ...rest] };
}
