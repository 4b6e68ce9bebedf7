import { defineConfig } from 'vitest/config';

/**
 * Three projects in one `vitest run`:
 * - node: HTTP tests through app.request over in-memory SQLite;
 * - workers: the Worker in workerd with a local D1 (see test/workers/vitest.config.ts);
 * - browser: pages in Debian's Chromium through playwright-core, with axe-core.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/node/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
    ],
  },
});
