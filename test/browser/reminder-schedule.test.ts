import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ADMIN_EMAIL } from '../../src/core/config.ts';
import { en, sv } from '../../src/messages.ts';
import { demoRounds } from '../../src/seed/demo-rounds.ts';
import { chromiumAvailable } from './support/browser.ts';
import { expectNoSeriousViolations, saveScreenshot, useBrowserHarness } from './support/harness.ts';
import { signInThroughOutbox } from './support/sign-in.ts';

const hasFocus = (target: Locator) => target.evaluate((element) => element === document.activeElement);
// The demo round is dated from the day the test server seeds it (src/seed/demo-rounds.ts).
const DAY = 86_400_000;
const { open } = demoRounds(new Date());
const afterClosing = new Date(Date.parse(open.closes) + DAY).toISOString().slice(0, 10);
const inTwoWeeks = new Date(Date.now() + 14 * DAY).toISOString().slice(0, 10);
const heading = async (page: Page) => (await page.getByRole('heading', { level: 1 }).textContent())?.trim();

describe.skipIf(!chromiumAvailable())("a round's reminder schedule in Chromium", () => {
  const harness = useBrowserHarness();

  it('is reached from the round, refuses a date outside the round in place, saves, with no serious axe violation', async () => {
    const page = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await signInThroughOutbox(page, DEMO_ADMIN_EMAIL);
    await page.goto('/admin/rounds/demo-round-open');
    await page.getByRole('link', { name: sv['roundAdmin.reminderSchedule'] }).click();
    await page.waitForURL(/\/reminder-schedule$/);
    expect(await heading(page)).toBe(sv['reminderSchedule.title']);
    await expectNoSeriousViolations(page, '/admin/rounds/{id}/reminder-schedule');

    // A date after the round closes: the error summary takes the focus and links to the field.
    const first = page.getByRole('group', { name: 'Påminnelse 1' });
    await first.getByLabel(sv['reminderSchedule.date']).fill(afterClosing);
    await first.getByLabel(sv['reminderSchedule.time']).fill('09:00');
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: sv['reminderSchedule.save'] }).click(),
    ]);
    const summary = page.getByRole('alert');
    await expect.poll(() => hasFocus(summary)).toBe(true);
    expect(await summary.textContent()).toContain(open.closes.slice(0, 4));
    await expectNoSeriousViolations(page, '/admin/rounds/{id}/reminder-schedule with errors');
    await saveScreenshot(page, 'reminder-schedule-errors-sv-1280');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => hasFocus(first.getByLabel(sv['reminderSchedule.date']))).toBe(true);

    await first.getByLabel(sv['reminderSchedule.date']).fill(inTwoWeeks);
    await Promise.all([
      page.waitForURL(/notice=saved/),
      page.getByRole('button', { name: sv['reminderSchedule.save'] }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toContain(sv['reminderSchedule.saved']);
    expect(await first.getByLabel(sv['reminderSchedule.date']).inputValue()).toBe(inTwoWeeks);
    expect(await first.getByLabel(sv['reminderSchedule.time']).inputValue()).toBe('09:00');
  });

  it('reads in English too', async () => {
    const page = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 390, height: 844 } });
    await signInThroughOutbox(page, DEMO_ADMIN_EMAIL);
    await page.context().addCookies([{ name: 'lang', value: 'en', url: page.url() }]);
    await page.goto('/admin/rounds/demo-round-open/reminder-schedule');
    expect(await heading(page)).toBe(en['reminderSchedule.title']);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectNoSeriousViolations(page, '/admin/rounds/{id}/reminder-schedule in English, narrow');
    await saveScreenshot(page, 'reminder-schedule-en-390');
  });
});
