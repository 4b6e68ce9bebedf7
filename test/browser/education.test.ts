import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sv } from '../../src/messages.ts';
import { DEMO_DOMAIN } from '../../src/seed/demo.ts';
import { chromiumAvailable } from './support/browser.ts';
import { expectNoSeriousViolations, saveScreenshot, useBrowserHarness } from './support/harness.ts';
import { signInThroughOutbox } from './support/sign-in.ts';

const hasFocus = (target: Locator) => target.evaluate((element) => element === document.activeElement);
const heading = async (page: Page) => (await page.getByRole('heading', { level: 1 }).textContent())?.trim();

/** The demo's YH provider staff (src/seed/demo.ts). */
const PROVIDER_EMAIL = `jonas@yhsydost.${DEMO_DOMAIN}`;

describe.skipIf(!chromiumAvailable())('education pages in Chromium', () => {
  const harness = useBrowserHarness();

  it('lets a provider register an offering through the form, after an error, and find it in the gap page', async () => {
    const page = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await signInThroughOutbox(page, PROVIDER_EMAIL);

    await page.goto('/education');
    expect(await heading(page)).toBe(sv['education.list.title']);
    await expectNoSeriousViolations(page, '/education');
    await page.getByRole('link', { name: sv['education.offering.new'] }).click();
    await page.waitForURL(/\/education\/offerings\/new$/);
    await expectNoSeriousViolations(page, '/education/offerings/new');

    // First with an occupation code that does not exist and no graduates: re-rendered with 422.
    const name = page.getByLabel(sv['education.offering.name']);
    await page.getByLabel(sv['education.offering.provider']).selectOption({ index: 1 });
    await name.fill('Mjukvaruutvecklare i webbläsaren');
    await page.getByLabel(sv['education.offering.form'], { exact: true }).selectOption('yh');
    await page.getByLabel(sv['education.offering.sunLevel']).selectOption('41');
    await page.getByLabel(sv['education.offering.sunField']).selectOption('481');
    const occupations = page.getByLabel(sv['education.offering.occupations']);
    await occupations.fill('9999');
    await page.getByLabel(sv['education.offering.places']).fill('30');
    await page.getByLabel(sv['education.offering.municipality']).selectOption('1060');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/education/offerings/new') && r.request().method() === 'POST'),
      page.getByRole('button', { name: sv['education.offering.save'] }).click(),
    ]);
    expect(response.status()).toBe(422);
    await page.waitForLoadState('load');
    const summary = page.getByRole('alert');
    await expect.poll(() => hasFocus(summary)).toBe(true);
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain(sv['education.validation.graduates']);
    expect(text).toContain('9999');
    expect(await name.inputValue()).toBe('Mjukvaruutvecklare i webbläsaren');
    await expectNoSeriousViolations(page, '/education/offerings/new with errors');
    await saveScreenshot(page, 'education-offering-errors-sv-1280');

    // Corrected (the unknown code is a chip of the occupation picker: removed, then the right one
    // typed), it is stored and its page opens.
    await page.getByRole('button', { name: 'Ta bort 9999' }).click();
    await occupations.fill('2512');
    await page.getByLabel(sv['education.offering.graduates']).fill('24');
    await Promise.all([
      page.waitForURL(/\/education\/offerings\/[^/]+\?saved=1$/),
      page.getByRole('button', { name: sv['education.offering.save'] }).click(),
    ]);
    expect(await heading(page)).toBe('Mjukvaruutvecklare i webbläsaren');
    expect(await page.getByRole('status').textContent()).toBe(sv['education.offering.saved']);
    expect(await page.locator('main').textContent()).toContain('Mjukvaru- och systemutvecklare');
    await expectNoSeriousViolations(page, '/education/offerings/{id}');

    // The public gap page lists it beside the demand for software developers.
    await page.goto('/education/gaps');
    expect(await heading(page)).toBe(sv['education.gaps.title']);
    const row = page.locator('tr', { hasText: 'Mjukvaruutvecklare i webbläsaren' });
    expect(await row.count()).toBeGreaterThan(0);
    expect(await row.first().textContent()).toContain('2512');
    // The demo round's publication hides its SSYK-4 cells: the page says "dold" with the reason, never
    // :c, and gives coverage at a coarser published level, naming it.
    const table = (await page.locator('table.gap-table').textContent()) ?? '';
    expect(table).toContain(sv['education.gaps.hidden']);
    expect(table).not.toContain(':c');
    expect(table).toMatch(/Täckningsgrad för (Yrke|Yrkesgrupp|Huvudgrupp|Yrkesområde) \d+, /);
    await expectNoSeriousViolations(page, '/education/gaps');
    await saveScreenshot(page, 'education-gaps-sv-1280');

    // A filter is a bookmarkable GET address.
    await page.getByLabel(sv['education.gaps.horizon'], { exact: true }).selectOption('1-3');
    await Promise.all([
      page.waitForURL(/horizon=1-3/),
      page.getByRole('button', { name: sv['education.gaps.show'], exact: true }).click(),
    ]);

    // The provider's own view and the evidence pack render without serious violations.
    await page.goto('/education/my-demand');
    expect(await heading(page)).toBe(sv['education.mine.title']);
    await expectNoSeriousViolations(page, '/education/my-demand');
    await page.goto('/education/evidence?occupation=2512');
    expect(await page.locator('header').textContent()).toContain('Publicerade, skyddade siffror: version 1');
    await expectNoSeriousViolations(page, '/education/evidence');
    await saveScreenshot(page, 'education-evidence-sv-1280');
  }, 120_000);
});
