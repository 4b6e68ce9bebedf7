import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en, sv } from '../../src/messages.ts';
import { chromiumAvailable } from './support/browser.ts';
import { expectNoSeriousViolations, saveScreenshot, useBrowserHarness } from './support/harness.ts';

const RETURNER = 'johanna.atervandare@example.se';

/** Presses Enter on the focused control and waits for the page it leads to. */
async function pressEnter(page: Page, url?: RegExp) {
  await Promise.all([url ? page.waitForURL(url) : page.waitForLoadState('load'), page.keyboard.press('Enter')]);
}

async function tick(target: Locator) {
  await target.focus();
  await target.press('Space');
  expect(await target.isChecked()).toBe(true);
}

describe.skipIf(!chromiumAvailable())('the returner pool in Chromium', () => {
  const harness = useBrowserHarness();

  it('takes a sign-up by keyboard with the job-title picker, is confirmed by the mailed link, edited and paused, with no serious axe violation, in Swedish and English', async () => {
    const page = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 390, height: 844 } });
    await page.goto('/returners');
    await expectNoSeriousViolations(page, '/returners (sv, narrow)');
    await page.getByLabel(sv['returner.field.email'], { exact: true }).fill(RETURNER);
    await page.getByLabel(sv['returner.field.name'], { exact: true }).fill('Johanna Återvändare');
    await tick(page.getByLabel(sv['returner.connection.studied'], { exact: true }));
    // The job-title picker: type part of a title, move down to the suggestion, take it with Enter.
    const occupations = page.getByRole('combobox', { name: sv['returner.field.occupations'] });
    await occupations.focus();
    await occupations.pressSequentially('systemutvecklare');
    await page.getByRole('option').first().waitFor();
    await occupations.press('ArrowDown');
    await occupations.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: /^Ta bort / }).count()).toBe(1);
    await page.locator('#field-earliestMove').fill('2027-08');
    await tick(page.locator('#field-kommuner-1080'));
    await tick(page.getByLabel(sv['returner.remote.hybrid'], { exact: true }));
    await tick(page.getByLabel(sv['returner.field.consent'], { exact: true }));
    await page.getByRole('button', { name: sv['returner.register.submit'] }).focus();
    await pressEnter(page, /\/returners\/sent/);
    await expectNoSeriousViolations(page, '/returners/sent (sv, narrow)');

    // The mailed link confirms the address and leads to the person's own entry, read in English.
    await page.goto(`/dev/mail?to=${encodeURIComponent(RETURNER)}`);
    const link = await page
      .locator('tbody tr')
      .first()
      .getByRole('link', { name: /\/sign-in\/verify/ })
      .getAttribute('href');
    await page.context().addCookies([{ name: 'lang', value: 'en', url: harness.url }]);
    await page.goto(link ?? '');
    await page.getByRole('button', { name: en['signIn.verify.submit'], exact: true }).focus();
    await pressEnter(page, /\/returners\/me$/);
    expect(await page.locator('main').textContent()).toContain(en['returner.me.title']);
    await expectNoSeriousViolations(page, '/returners/me (en, narrow)');

    // Edited: the name and the languages, saved from the keyboard.
    await page.getByLabel(en['returner.field.name'], { exact: true }).fill('Johanna Å');
    await page.locator('#field-languages').fill('svenska, engelska');
    await page.getByRole('button', { name: en['returner.me.save'], exact: true }).focus();
    await pressEnter(page, /\/returners\/me\?notice=saved$/);
    expect(await page.locator('p.success[role="status"]').textContent()).toBe(en['returner.me.saved']);
    expect(await page.getByLabel(en['returner.field.name'], { exact: true }).inputValue()).toBe('Johanna Å');

    // Paused.
    await page.getByRole('button', { name: en['returner.me.pause'], exact: true }).focus();
    // From /returners/me?notice=saved to /returners/me: wait for the address without the notice.
    await pressEnter(page, /\/returners\/me$/);
    expect(await page.locator('main').textContent()).toMatch(/paused/);
    expect(await page.getByRole('button', { name: en['returner.me.resume'], exact: true }).count()).toBe(1);
    await expectNoSeriousViolations(page, '/returners/me paused (en, narrow)');
    await saveScreenshot(page, 'returner-paused-en-390');
  }, 150_000);
});
