import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en, sv } from '../../src/messages.ts';
import { chromiumAvailable } from './support/browser.ts';
import { expectNoSeriousViolations, saveScreenshot, useBrowserHarness } from './support/harness.ts';

const AUDIENCES = ['companies', 'providers', 'students', 'secretariat'] as const;

describe.skipIf(!chromiumAvailable())('the start page in Chromium', () => {
  const harness = useBrowserHarness();
  const { openPage, openAuditedPage } = harness;

  async function audienceHeadings(page: Page, sectionName: string): Promise<string[]> {
    const section = page.getByRole('region', { name: sectionName });
    return (await section.getByRole('heading', { level: 3 }).allTextContents()).map((text) => text.trim());
  }

  it('shows the Swedish start page with the four audience sections and no serious axe violations', async () => {
    const page = await openAuditedPage({ locale: 'sv-SE', viewport: { width: 1280, height: 800 } });
    const response = await page.goto('/');

    expect(response?.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(sv['home.title']);
    expect(await audienceHeadings(page, sv['home.audiences.heading'])).toEqual(
      AUDIENCES.map((audience) => sv[`home.${audience}.heading`]),
    );
    await saveScreenshot(page, 'start-page-sv-1280');
    await expectNoSeriousViolations(page, 'start page (sv)');
  });

  it('shows the English start page to a browser that asks for English', async () => {
    const page = await openAuditedPage({ locale: 'en-GB' });
    await page.goto('/');

    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(en['home.title']);
    expect(await audienceHeadings(page, en['home.audiences.heading'])).toEqual(
      AUDIENCES.map((audience) => en[`home.${audience}.heading`]),
    );
    await expectNoSeriousViolations(page, 'start page (en)');
  });

  it('switches to English with a plain form post, without JavaScript, and remembers the choice', async () => {
    // German asks for neither language, so the page starts in Swedish, the default.
    const page = await openPage({ locale: 'de-DE', javaScriptEnabled: false });
    await page.goto('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');

    const posted = page.waitForRequest((request) => request.method() === 'POST');
    const reloaded = page.waitForResponse(
      (response) => response.request().method() === 'GET' && response.url() === `${harness.url}/`,
    );
    await page.getByRole('button', { name: sv['layout.switchTo'] }).click();
    const post = await posted;
    expect(new URL(post.url()).pathname).toBe('/language');
    expect(new URLSearchParams(post.postData() ?? '').get('lang')).toBe('en');
    expect((await post.response())?.status()).toBe(303);
    expect((await reloaded).status()).toBe(200);
    await page.waitForLoadState('load');

    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(en['home.title']);

    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name === 'lang')?.value).toBe('en');

    const nextLoad = await page.context().newPage();
    await nextLoad.goto('/');
    expect(await nextLoad.locator('html').getAttribute('lang')).toBe('en');
    expect(await nextLoad.getByRole('button', { name: en['layout.switchTo'] }).isVisible()).toBe(true);
  });

  it('leads a visitor by keyboard from the footer of the network page to the outcome figures, in Swedish and English, with no serious axe violations', async () => {
    for (const [locale, m] of [
      ['sv-SE', sv],
      ['en-GB', en],
    ] as const) {
      const page = await openAuditedPage({ locale });
      await page.goto('/network');
      const figures = page.getByRole('navigation', { name: m['layout.footer.figures'] });
      expect(await figures.getByRole('link').allTextContents()).toEqual([
        m['layout.nav.demand'],
        m['network.title'],
        m['layout.footer.outcomes'],
      ]);
      expect(await figures.getByRole('link', { name: m['network.title'] }).getAttribute('aria-current')).toBe('page');
      const outcomes = figures.getByRole('link', { name: m['layout.footer.outcomes'] });
      await outcomes.focus();
      await Promise.all([page.waitForURL(/\/recruitment\/outcomes$/), page.keyboard.press('Enter')]);
      expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(m['moveOutcomes.title']);
      expect(await outcomes.getAttribute('aria-current')).toBe('page');
      await expectNoSeriousViolations(page, `outcome figures from the footer (${locale})`);
    }
  });

  it('shows the friendly not-found page with status 404 and no serious axe violations', async () => {
    const page = await openAuditedPage({ locale: 'sv-SE' });
    const response = await page.goto('/finns-inte');

    expect(response?.status()).toBe(404);
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(sv['error.notFound.title']);
    expect(await page.getByRole('link', { name: sv['error.backHome'] }).getAttribute('href')).toBe('/');
    await expectNoSeriousViolations(page, 'not-found page (sv)');
  });
});
