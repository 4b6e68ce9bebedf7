import { defineConfig } from 'vitest/config';

/**
 * Projects in one `vitest run`:
 * - node: HTTP tests through app.request over in-memory SQLite (test/node);
 * - workers: the Worker in workerd with a local D1 (test/workers/vitest.config.ts);
 * - browser: pages in Debian's Chromium through playwright-core, with axe-core (test/browser).
 */
export default defineConfig({
  test: {
    // The app's one-line-per-request access log would drown the test output (the Worker's above all).
    onConsoleLog: (log) => !log.includes('"message":"request"'),
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/node/**/*.test.ts'],
          environment: 'node',
          // The contract test: JSON responses checked against the OpenAPI document (test/support/contract.ts).
          setupFiles: ['test/support/contract-setup.ts'],
          globalSetup: ['test/support/contract-global.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      'test/workers/vitest.config.ts',
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
