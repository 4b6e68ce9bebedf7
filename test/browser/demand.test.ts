import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/web/messages/en.ts';
import { sv } from '../../src/web/messages/sv.ts';
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
    it(`lets a keyboard user choose a breakdown, shows the table and the chart, with no serious axe violation (${lang})`, async () => {
      const page = await harness.openAuditedPage({ locale, viewport: { width: 1280, height: 900 } });
      await page.goto('/');
      await page
        .getByRole('navigation', { name: m['layout.mainNav'] })
        .getByRole('link', { name: m['layout.nav.demand'] })
        .click();
      await page.waitForURL(/\/demand$/);
      expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(m['demand.title']);
      await expectNoSeriousViolations(page, `/demand (${lang})`);

      // Rows by municipality: the select takes the focus and the keyboard picks the option.
      const rows = page.getByLabel(m['demand.form.by1'], { exact: true });
      await rows.focus();
      await page.keyboard.type(m['demand.dimension.municipality'].slice(0, 3));
      expect(await rows.inputValue()).toBe('municipality');
      await tabTo(page, m['demand.form.submit']);
      await Promise.all([page.waitForURL(/by=municipality&by=horizon/), page.keyboard.press('Enter')]);

      const caption = m['demand.table.caption'].replace(
        '{dims}',
        `${m['demand.dimension.municipality']} × ${m['demand.dimension.horizon']}`,
      );
      const table = page.getByRole('table', { name: caption });
      await expect.poll(() => table.isVisible()).toBe(true);
      expect(await table.getByRole('rowheader', { name: 'Karlskrona' }).count()).toBe(1);
      expect(await table.getByRole('cell', { name: /:c/ }).count()).toBeGreaterThan(0);

      const chart = page.getByRole('img', {
        name: m['demand.chart.demand.title'].split('{round}')[0]?.trim() ?? '',
        exact: false,
      });
      await expect.poll(() => chart.first().isVisible()).toBe(true);
      expect(await page.getByRole('table', { name: m['demand.chart.dataTable'] }).isVisible()).toBe(true);
      await saveScreenshot(page, `demand-${lang}-1280`);
      await expectNoSeriousViolations(page, `/demand by municipality (${lang})`);
    });
  }
});
