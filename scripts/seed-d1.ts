/**
 * `npm run seed:d1 -- [--local|--remote] [--demo|--no-demo] [--persist-to DIR]`: the same reference
 * (and demo) data as the Node seed, written as one SQL file of idempotent upserts with the values
 * inlined, and applied with `wrangler d1 execute`. Wrangler runs the file's statements as one batch.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSqlCompiler } from '../src/db/compiler.ts';
import { inlineParameters } from '../src/db/queries.ts';
import { readReferenceData } from '../src/node/reference-files.ts';
import { demoSeedQueries } from '../src/seed/demo.ts';
import { referenceSeedQueries } from '../src/seed/reference.ts';

const args = process.argv.slice(2);
const remote = args.includes('--remote');
const demo = args.includes('--demo') || (!remote && !args.includes('--no-demo'));
const persistIndex = args.indexOf('--persist-to');
const persistTo = persistIndex >= 0 ? args[persistIndex + 1] : undefined;
const outputOnly = args.includes('--sql-only');

// Compiles without a connection: only the SQL text is needed here.
const compiler = createSqlCompiler();

const reference = readReferenceData();
const queries = [
  ...referenceSeedQueries(compiler, reference),
  ...(demo ? demoSeedQueries(compiler, new Date(), reference) : []),
];
const dir = join(process.cwd(), '.wrangler', 'seed');
mkdirSync(dir, { recursive: true });
// One file per run, so that two runs at once (tests beside dev:worker) never share one.
const file = join(dir, `seed-${process.pid}.sql`);
writeFileSync(file, `${queries.map(inlineParameters).join('\n')}\n`);
console.log(`Wrote ${queries.length} statements to ${file}${demo ? ' (with demo data)' : ''}.`);
if (outputOnly) process.exit(0);

const wranglerArgs = ['wrangler', 'd1', 'execute', 'DB', remote ? '--remote' : '--local', `--file=${file}`, '--yes'];
if (persistTo) wranglerArgs.push('--persist-to', persistTo);
const result = spawnSync('npx', wranglerArgs, {
  stdio: 'inherit',
  env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
});
rmSync(file, { force: true });
process.exit(result.status ?? 1);
