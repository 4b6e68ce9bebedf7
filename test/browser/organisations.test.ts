import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ADMIN_EMAIL } from '../../src/core/config.ts';
import { sv } from '../../src/messages.ts';
import { chromiumAvailable } from './support/browser.ts';
import { expectNoSeriousViolations, saveScreenshot, useBrowserHarness } from './support/harness.ts';
import { signInThroughOutbox } from './support/sign-in.ts';

const hasFocus = (target: Locator) => target.evaluate((element) => element === document.activeElement);
const heading = async (page: Page) => (await page.getByRole('heading', { level: 1 }).textContent())?.trim();

/** Signs the demo secretariat in through the outbox, as a person would. */
const signInAsSecretariat = (page: Page) => signInThroughOutbox(page, DEMO_ADMIN_EMAIL);

describe.skipIf(!chromiumAvailable())('organisation pages in Chromium', () => {
  const harness = useBrowserHarness();

  it('lets the secretariat find, register, edit and import organisations, with no serious axe violation', async () => {
    const page = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await signInAsSecretariat(page);

    // The nav leads to the list; the search is a GET form whose address can be bookmarked.
    await page
      .getByRole('navigation', { name: sv['layout.mainNav'] })
      .getByRole('link', { name: sv['layout.nav.organisations'] })
      .click();
    await page.waitForURL(/\/admin\/organisations$/);
    expect(await heading(page)).toBe(sv['organisation.list.title']);
    await expectNoSeriousViolations(page, '/admin/organisations');
    await page.getByLabel(sv['organisation.filter.q'], { exact: true }).fill('demo');
    await Promise.all([
      page.waitForURL(/q=demo/),
      page.getByLabel(sv['organisation.filter.q'], { exact: true }).press('Enter'),
    ]);
    await saveScreenshot(page, 'organisations-list-sv-1280');

    // An empty form: the error summary is announced, takes the focus and links to the fields.
    await page.goto('/admin/organisations/new');
    await expectNoSeriousViolations(page, '/admin/organisations/new');
    const name = page.getByLabel(sv['organisation.field.name']);
    await name.fill('Webbläsarvarvet AB');
    await page.getByLabel(sv['organisation.field.orgNumber']).fill('556036-0794');
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: sv['organisation.new.submit'] }).click(),
    ]);
    const summary = page.getByRole('alert');
    await expect.poll(() => hasFocus(summary)).toBe(true);
    expect(await summary.textContent()).toContain(sv['validation.orgNumber.checkDigit']);
    expect(await name.inputValue()).toBe('Webbläsarvarvet AB');
    await expectNoSeriousViolations(page, '/admin/organisations/new with errors');
    await saveScreenshot(page, 'organisations-new-errors-sv-1280');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => hasFocus(page.getByLabel(sv['organisation.field.orgNumber']))).toBe(true);

    // Corrected, it is registered and its page opens.
    await page.getByLabel(sv['organisation.field.orgNumber']).fill('556036-0793');
    await page.getByLabel(sv['organisation.field.sector']).selectOption('naringsliv');
    await page.getByLabel(sv['organisation.field.sniDivision']).selectOption('30');
    await page.getByLabel(sv['organisation.field.sizeClass']).selectOption('50-249');
    await page.getByLabel(sv['organisation.field.municipalityCode']).selectOption('1080');
    await Promise.all([
      page.waitForURL(/created=1/),
      page.getByRole('button', { name: sv['organisation.new.submit'] }).click(),
    ]);
    expect(await heading(page)).toBe('Webbläsarvarvet AB');
    expect(await page.getByRole('status').textContent()).toBe(sv['organisation.created']);
    await expectNoSeriousViolations(page, '/admin/organisations/{id}');
    await saveScreenshot(page, 'organisations-edit-sv-1280');

    // Its own page, which its members see too.
    await page.getByRole('link', { name: sv['organisation.membersPage'] }).click();
    await page.waitForLoadState('load');
    await page.getByLabel(sv['invitation.form.email']).fill('kollega@example.se');
    await Promise.all([
      page.waitForURL(/invited=1/),
      page.getByRole('button', { name: sv['invitation.form.submit'] }).click(),
    ]);
    expect(await page.locator('main').textContent()).toContain('kollega@example.se');
    await expectNoSeriousViolations(page, '/organisations/{id}');
    await saveScreenshot(page, 'organisation-member-page-sv-1280');

    // The import: a bad file gives the row-by-row report.
    await page.goto('/admin/organisations/import');
    await expectNoSeriousViolations(page, '/admin/organisations/import');
    await page.getByLabel(sv['import.file']).setInputFiles({
      name: 'organisationer.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'name;orgNumber;sector;sniDivision;sizeClass;municipalityCode;isEducationProvider\nDubbletten AB;556036-0793;naringsliv;30;250+;1080;nej\n',
      ),
    });
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: sv['import.submit'] }).click()]);
    expect(await page.locator('#report tbody tr').count()).toBe(1);
    expect(await page.locator('#report tbody').textContent()).toContain('Webbläsarvarvet AB');
    await expectNoSeriousViolations(page, '/admin/organisations/import with a report');
    await saveScreenshot(page, 'organisations-import-report-sv-1280');
  });
});
