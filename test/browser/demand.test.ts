import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en, sv } from '../../src/messages.ts';
import { chromiumAvailable } from './support/browser.ts';
import { expectNoSeriousViolations, saveScreenshot, useBrowserHarness } from './support/harness.ts';

type Messages = typeof sv | typeof en;

/** Tabs forward until `name`'s button has the focus, as a keyboard user would. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (focused === name) return;
  }
  throw new Error(`could not reach the button "${name}" with Tab`);
}

describe.skipIf(!chromiumAvailable())('the demand page in Chromium', () => {
  const harness = useBrowserHarness();

  for (const [lang, locale, m] of [
    ['sv', 'sv-SE', sv],
    ['en', 'en-GB', en],
  ] as [string, string, Messages][]) {
    it(`lets a keyboard user choose a published table, shows it and its chart, with no serious axe violation (${lang})`, async () => {
      const page = await harness.openAuditedPage({ locale, viewport: { width: 1280, height: 900 } });
      await page.goto('/');
      await page
        .getByRole('navigation', { name: m['layout.mainNav'] })
        .getByRole('link', { name: m['layout.nav.demand'] })
        .click();
      await page.waitForURL(/\/demand$/);
      expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(m['demand.title']);
      await expectNoSeriousViolations(page, `/demand (${lang})`);

      // The table by kommun: the select takes the focus and the keyboard picks the option.
      const tableName = m['publication.table.municipality-horizon'];
      const tables = page.getByLabel(m['demand.form.tableChoice'], { exact: true });
      await tables.focus();
      await page.keyboard.type(tableName.slice(0, 4));
      expect(await tables.inputValue()).toBe('municipality-horizon');
      await tabTo(page, m['demand.form.submit']);
      await Promise.all([page.waitForURL(/table=municipality-horizon/), page.keyboard.press('Enter')]);

      const table = page.getByRole('table', { name: m['demand.table.caption'].replace('{table}', tableName) });
      await expect.poll(() => table.isVisible()).toBe(true);
      expect(await table.getByRole('rowheader', { name: 'Karlskrona' }).count()).toBe(1);
      expect(await table.getByRole('cell', { name: new RegExp(m['demand.hidden']) }).count()).toBeGreaterThan(0);
      // The kommun select now selects rows of the chosen table.
      expect(await page.getByLabel(m['demand.dimension.municipality'], { exact: true }).count()).toBe(1);

      const chart = page.getByRole('img', {
        name: m['demand.chart.demand.title'].split('{table}')[0]?.trim() ?? '',
        exact: false,
      });
      await expect.poll(() => chart.first().isVisible()).toBe(true);
      expect(await page.getByRole('link', { name: m['demand.chart.tableAbove'] }).isVisible()).toBe(true);
      await saveScreenshot(page, `demand-${lang}-1280`);
      await expectNoSeriousViolations(page, `/demand by municipality (${lang})`);
    });

    it(`shows an open round without figures, with how many have answered, and no serious axe violation (${lang})`, async () => {
      const page = await harness.openAuditedPage({ locale, viewport: { width: 1280, height: 900 } });
      await page.goto('/demand?round=demo-round-open');
      const notice = page.locator('#round-figures');
      await expect.poll(() => notice.isVisible()).toBe(true);
      const [before] = m['demand.open.answered'].split('{answered}');
      expect(await notice.textContent()).toContain(before?.trim() ?? '');
      expect(await page.getByRole('table').count()).toBe(0);
      await expectNoSeriousViolations(page, `/demand open round (${lang})`);
    });
  }
});
