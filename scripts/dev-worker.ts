/**
 * `npm run dev:worker [-- --port N]`: the Worker in local workerd with a local D1, offline. Applies
 * the migrations, seeds reference and demo data, then runs `wrangler dev` on the port (default
 * 8787, or PORT) with PUBLIC_URL set to match (scripts/dev-worker-options.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { DevWorkerUsageError, devWorkerOptions } from './dev-worker-options.ts';

// wrangler's own entry, run by this Node (no npx in between that would have to pass signals on).
const wrangler = createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');
// Without these wrangler tries to download Request.cf data at start (shared/TOOLCHAIN.md).
const env = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' };

let options: ReturnType<typeof devWorkerOptions>;
try {
  options = devWorkerOptions(process.argv.slice(2), process.env);
} catch (err) {
  if (!(err instanceof DevWorkerUsageError)) throw err;
  console.error(err.message);
  console.error('Usage: npm run dev:worker [-- --port N] [other wrangler dev options]');
  process.exit(2);
}

function step(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

step(process.execPath, [wrangler, 'd1', 'migrations', 'apply', 'DB', '--local']);
step(process.execPath, ['--import', 'tsx', 'scripts/seed-d1.ts', '--local']);

console.log(`Starting wrangler dev on port ${options.port}; PUBLIC_URL=${options.publicUrl}`);
const dev = spawn(process.execPath, [wrangler, ...options.devArgs], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => dev.kill(signal));
dev.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
