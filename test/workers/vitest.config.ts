import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineProject } from 'vitest/config';
import { createSqlCompiler } from '../../src/db/compiler.ts';
import { inlineParameters } from '../../src/db/queries.ts';
import { readReferenceData } from '../../src/node/reference-files.ts';
import { referenceSeedQueries } from '../../src/seed/reference.ts';

/**
 * The Worker (src/worker.ts, bindings from wrangler.toml) inside workerd with a local D1. This file
 * runs in Node: it reads the migrations and compiles the reference seed, the very statements
 * `npm run seed:d1` writes, and hands both to the tests as bindings. Storage is isolated per test
 * file, so each file applies what it needs (test/workers/d1.ts). The project's root is this folder:
 * `include` is relative to it, wrangler.toml is not. Templates must be built first (`npm run build`).
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

// Compiles without a connection: only the SQL text is needed here.
const compiler = createSqlCompiler();

export default defineProject({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: `${repoRoot}wrangler.toml` },
      // Nothing in wrangler.toml is remote; never start a remote proxy session.
      remoteBindings: false,
      miniflare: {
        bindings: {
          APP_ENV: 'test',
          SEED_DEMO: 'false',
          // Fixed here so that tests can sign session cookies the Worker accepts.
          SESSION_SECRET: 'workers-test-session-secret-of-enough-length',
          TEST_MIGRATIONS: await readD1Migrations(`${repoRoot}migrations`),
          TEST_REFERENCE_SQL: referenceSeedQueries(compiler, readReferenceData()).map(inlineParameters),
        },
      },
    })),
  ],
  // The Worker imports HiGHS's .wasm as a compiled module (wrangler's CompiledWasm rule, which the
  // pool applies too); the host's import analysis must leave the bytes alone.
  assetsInclude: ['**/*.wasm'],
  // A worktree whose node_modules is a symlink to a shared install: without this, Vite names the
  // .wasm by its real path outside the root (/@fs/…), which the pool cannot join (see below).
  resolve: { preserveSymlinks: true },
  // The repository is the root: the pool names a module it externalises (the .wasm) by joining the
  // root and Vite's id, and a file outside the root would get an id it cannot join (/@fs/…).
  test: {
    root: repoRoot,
    name: 'workers',
    include: ['test/workers/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
