import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sv } from '../../src/messages.ts';
import { DEMO_MOVED_CASE_ID } from '../../src/seed/demo-move-cases.ts';
import { chromiumAvailable } from './support/browser.ts';
import { expectNoSeriousViolations, saveScreenshot, useBrowserHarness } from './support/harness.ts';
import { signInThroughOutbox } from './support/sign-in.ts';

const hasFocus = (target: Locator) => target.evaluate((element) => element === document.activeElement);

describe.skipIf(!chromiumAvailable())('a follow-up after the move in Chromium', () => {
  const harness = useBrowserHarness();

  it('is answered by the partner by keyboard alone, with no serious axe violation before or after', async () => {
    // The demo partner's 3-month follow-up is mailed and not yet answered (src/seed/demo-move-cases.ts).
    const page = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await signInThroughOutbox(page, 'sam.inflyttad@kompetensbron.example');
    await page.goto(`/move-follow-ups/${DEMO_MOVED_CASE_ID}-partner-3`);
    expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(sv['moveFollowUp.title']);
    await expectNoSeriousViolations(page, '/move-follow-ups/{id}');

    // Sending it empty names the questions that need an answer, and the form keeps working.
    const submit = page.getByRole('button', { name: sv['moveFollowUp.submit'] });
    await submit.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.error-summary').isVisible(), { timeout: 10_000 }).toBe(true);
    await expectNoSeriousViolations(page, '/move-follow-ups/{id} with errors');

    // Radio buttons by Space, the kommun by typing into the focused select, then Enter on the button.
    await page.locator('#field-inRegion-yes').focus();
    await page.keyboard.press('Space');
    const kommun = page.getByLabel(sv['moveFollowUp.q.kommun'], { exact: false });
    await kommun.focus();
    await page.keyboard.type('Ronn');
    expect(await kommun.inputValue()).toBe('1081');
    await page.locator('#field-inWork-yes').focus();
    await page.keyboard.press('Space');
    await page.locator('#field-workSince').focus();
    await page.keyboard.type(new Date().toISOString().slice(0, 7));
    await submit.focus();
    expect(await hasFocus(submit)).toBe(true);
    await Promise.all([page.waitForURL(/notice=answered/), page.keyboard.press('Enter')]);
    expect(await page.getByRole('status').textContent()).toContain(sv['moveFollowUp.answered']);
    await saveScreenshot(page, 'move-follow-up-answered-sv-1280');
    await expectNoSeriousViolations(page, '/move-follow-ups/{id} answered');
  });
});
