import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sv } from '../../src/messages.ts';
import { demoOrganisationId } from '../../src/seed/demo.ts';
import { chromiumAvailable } from './support/browser.ts';
import { expectNoSeriousViolations, saveScreenshot, useBrowserHarness } from './support/harness.ts';
import { signInThroughOutbox } from './support/sign-in.ts';

const RECRUIT = 'ny.inflyttare@example.se';
const hasFocus = (target: Locator) => target.evaluate((element) => element === document.activeElement);

/** Presses Enter on the focused control and waits for the page it leads to. */
async function pressEnter(page: Page, url?: RegExp) {
  await Promise.all([url ? page.waitForURL(url) : page.waitForLoadState('load'), page.keyboard.press('Enter')]);
}

describe.skipIf(!chromiumAvailable())('a move case in Chromium', () => {
  const harness = useBrowserHarness();

  it('is opened by an organisation member from a need line, given a task by the guide and a task marked done by the household, by keyboard, with no serious axe violation', async () => {
    const year = new Date().getUTCFullYear() + 1;
    const hamnvarvet = demoOrganisationId('hamnvarvet');

    // Anna (Hamnvarvet) finds her organisation's need lines that recruit from outside the region.
    const anna = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await signInThroughOutbox(anna, `anna@hamnvarvet.kompetensbron.example`);
    await anna.goto(`/organisations/${hamnvarvet}`);
    await anna.getByRole('link', { name: sv['moveCase.org.link'], exact: true }).focus();
    await pressEnter(anna, /\/move-cases$/);
    await expectNoSeriousViolations(anna, '/organisations/{id}/move-cases');
    await anna
      .getByRole('link', { name: new RegExp(sv['moveCase.org.open']) })
      .first()
      .focus();
    await pressEnter(anna, /\/move-cases\/new\?line=/);
    await expectNoSeriousViolations(anna, '/organisations/{id}/move-cases/new');

    // The household's details, typed and ticked from the keyboard.
    await anna.getByLabel(sv['moveCase.field.recruitName']).fill('Nora Inflyttare');
    await anna.getByLabel(sv['moveCase.field.recruitEmail']).fill(RECRUIT);
    await anna.getByLabel(sv['moveCase.field.yes'], { exact: true }).focus();
    await anna.keyboard.press('Space');
    await anna.getByLabel(sv['moveCase.field.children6to15']).fill('1');
    await anna.getByLabel(sv['moveCase.field.tenure.rent'], { exact: true }).focus();
    await anna.keyboard.press('Space');
    await anna.getByLabel(sv['moveCase.field.housingRooms']).fill('3');
    await anna.locator('#field-housingKommuner-1080').focus();
    await anna.keyboard.press('Space');
    const month = anna.getByLabel(sv['moveCase.field.earliestMove']);
    await month.fill(`${year}-03`);
    await month.press('Tab');
    // The day the offer was accepted is optional: left empty, passed over.
    await expect.poll(() => hasFocus(anna.getByLabel(sv['moveCase.field.offerAcceptedOn']))).toBe(true);
    await anna.keyboard.press('Tab');
    await expect.poll(() => hasFocus(anna.getByRole('button', { name: sv['moveCase.new.submit'] }))).toBe(true);
    await pressEnter(anna, /\/move-cases\/[^/?]+\?notice=opened/);
    expect(await anna.getByRole('status').textContent()).toContain(RECRUIT);
    expect(await anna.locator('main').textContent()).toContain(sv['moveCase.task.kind.partner-job']);
    await expectNoSeriousViolations(anna, '/move-cases/{id} (organisation)');
    await saveScreenshot(anna, 'move-case-opened-sv-1280');
    const casePath = new URL(anna.url()).pathname;

    // Lotta, the guide, takes it from the queue and adds a task for the household.
    const lotta = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await signInThroughOutbox(lotta, 'lotta.lots@kompetensbron.example');
    await lotta
      .getByRole('navigation', { name: sv['layout.mainNav'] })
      .getByRole('link', { name: sv['moveCase.list.title'] })
      .focus();
    await pressEnter(lotta, /\/move-cases$/);
    await expectNoSeriousViolations(lotta, '/move-cases (guide)');
    await lotta.locator(`a[href="${casePath}"]`).focus();
    await pressEnter(lotta);
    await lotta.getByRole('button', { name: sv['moveCase.take.submit'] }).focus();
    await pressEnter(lotta, /notice=taken/);
    await lotta.getByLabel(sv['moveCase.tasks.field.title']).fill('Boka visning av radhus i Lyckeby');
    await lotta.getByLabel(sv['moveCase.tasks.field.owner']).selectOption('household');
    const due = lotta.getByLabel(sv['moveCase.tasks.field.dueOn']);
    await due.fill(`${year}-02-15`);
    await due.press('Tab');
    await lotta.keyboard.press('Tab');
    await expect.poll(() => hasFocus(lotta.getByRole('button', { name: sv['moveCase.tasks.addSubmit'] }))).toBe(true);
    await pressEnter(lotta, /notice=added/);
    expect(await lotta.locator('main').textContent()).toContain('Boka visning av radhus i Lyckeby');
    await expectNoSeriousViolations(lotta, '/move-cases/{id} (guide)');

    // The household signs in through the mailed link, which leads to its case, and marks the task done.
    const nora = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 390, height: 844 } });
    await nora.goto(`/dev/mail?to=${encodeURIComponent(RECRUIT)}`);
    const link = await nora
      .locator('tbody tr')
      .first()
      .getByRole('link', { name: /\/sign-in\/verify/ })
      .getAttribute('href');
    await nora.goto(link ?? '');
    await nora.getByRole('button', { name: sv['signIn.verify.submit'], exact: true }).focus();
    await pressEnter(nora, new RegExp(`${casePath}$`));
    const task = nora.locator('li', { hasText: 'Boka visning av radhus i Lyckeby' });
    await task.getByRole('combobox').focus();
    await task.getByRole('combobox').selectOption('done');
    await nora.keyboard.press('Tab');
    await nora.keyboard.press('Tab');
    await expect.poll(() => hasFocus(task.getByRole('button'))).toBe(true);
    await pressEnter(nora, /notice=saved/);
    expect(await nora.getByRole('status').textContent()).toBe(sv['moveCase.tasks.saved']);
    const saved = nora.locator('li', { hasText: 'Boka visning av radhus i Lyckeby' });
    expect(await saved.locator('strong').first().textContent()).toBe(sv['moveCase.state.done']);
    // The access log names who looked: Lotta and Anna.
    const log = await nora.getByRole('region', { name: sv['moveCase.accessLog.title'] }).textContent();
    expect(log).toContain('Lotta Lots (demo)');
    expect(log).toContain('Anna Andersson (demo)');
    await expectNoSeriousViolations(nora, '/move-cases/{id} (household, narrow)');
    await saveScreenshot(nora, 'move-case-household-sv-390');
  }, 120_000);
});
