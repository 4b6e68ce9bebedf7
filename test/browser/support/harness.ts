import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { axeViolations, describeViolations, launchBrowser } from './browser.ts';
import { type RunningServer, startServer } from './server.ts';

/** Where the tests leave their screenshots for a person to look at (ignored by git). */
export const SCREENSHOTS = resolve(import.meta.dirname, '../../../test-results/browser');

export interface BrowserHarness {
  /** The running server's origin, e.g. http://localhost:41234. */
  readonly url: string;
  /** The running server's environment (its database path among it), for a job run beside it. */
  readonly env: Record<string, string | undefined>;
  /** A page in a fresh context (its own cookies), closed after the test. */
  openPage(options?: BrowserContextOptions): Promise<Page>;
  /** A page for axe: injecting its source is an inline script, which the app's CSP refuses. */
  openAuditedPage(options?: BrowserContextOptions): Promise<Page>;
}

/**
 * Registers the hooks of a browser suite: one server (fresh database, demo seed) and one Chromium
 * for the file, a fresh context per page, every context closed after each test. Call it inside
 * `describe`.
 */
export function useBrowserHarness(): BrowserHarness {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const running = () => {
    if (!server || !browser) throw new Error('the browser harness is used outside its tests');
    return { server, browser };
  };

  const openPage = async (options: BrowserContextOptions = {}) => {
    const { server, browser } = running();
    const context = await browser.newContext({ baseURL: server.url, ...options });
    contexts.push(context);
    return context.newPage();
  };

  return {
    get url() {
      return running().server.url;
    },
    get env() {
      return running().server.env;
    },
    openPage,
    openAuditedPage: (options = {}) => openPage({ ...options, bypassCSP: true }),
  };
}

/** Fails with a readable list when axe finds a serious or critical violation on the page. */
export async function expectNoSeriousViolations(page: Page, label: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) console.error(`axe, ${label}:\n${describeViolations(violations)}`);
  expect(violations, `axe, ${label}:\n${describeViolations(violations)}`).toEqual([]);
}

/** Saves a full-page screenshot under test-results/browser/. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true });
}
