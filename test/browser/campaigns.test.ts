import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en, sv } from '../../src/messages.ts';
import { demoOrganisationId } from '../../src/seed/demo.ts';
import { DEMO_CAMPAIGN_ID } from '../../src/seed/demo-campaigns.ts';
import { chromiumAvailable } from './support/browser.ts';
import { expectNoSeriousViolations, saveScreenshot, useBrowserHarness } from './support/harness.ts';
import { signInThroughOutbox } from './support/sign-in.ts';

const CANDIDATE = 'robin.kandidat@example.se';
const HAMNVARVET = 'Hamnvarvet Marinteknik AB (demo)';
const KODKUSTEN = 'Kodkusten Mjukvara AB (demo)';
const hasFocus = (target: Locator) => target.evaluate((element) => element === document.activeElement);

/** Presses Enter on the focused control and waits for the page it leads to. */
async function pressEnter(page: Page, url?: RegExp) {
  await Promise.all([url ? page.waitForURL(url) : page.waitForLoadState('load'), page.keyboard.press('Enter')]);
}

/** Focuses a checkbox or radio button and ticks it with the space bar. */
async function tick(target: Locator) {
  await target.focus();
  await target.press('Space');
  expect(await target.isChecked()).toBe(true);
}

describe.skipIf(!chromiumAvailable())('a joint recruitment campaign in Chromium', () => {
  const harness = useBrowserHarness();

  it('is found from the placements, applied to once and routed to two employers by keyboard, confirmed by the mailed link, withdrawn from one; each employer sees only its own copy; no serious axe violation, in English and Swedish', async () => {
    // Robin reads in English: from the placements to the open campaigns, to the demo campaign.
    const robin = await harness.openAuditedPage({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    await robin.goto('/placements');
    await robin.getByRole('link', { name: en['campaign.list.link'], exact: true }).focus();
    await pressEnter(robin, /\/campaigns$/);
    await expectNoSeriousViolations(robin, '/campaigns (en)');
    await robin.locator(`a[href="/campaigns/${DEMO_CAMPAIGN_ID}"]`).focus();
    await pressEnter(robin, new RegExp(`/campaigns/${DEMO_CAMPAIGN_ID}$`));
    await expectNoSeriousViolations(robin, '/campaigns/{id} (en)');
    await robin.getByRole('link', { name: en['campaign.page.applyLink'], exact: true }).focus();
    await pressEnter(robin, /\/apply$/);

    // Submitted empty first: the error summary links to the fields, and focus can follow a link.
    await robin.getByRole('button', { name: en['campaign.apply.submit'] }).focus();
    await robin.keyboard.press('Enter');
    const summary = robin.locator('.error-summary');
    await summary.waitFor();
    await summary.locator('a[href="#field-name"]').focus();
    await robin.keyboard.press('Enter');
    await expect.poll(() => hasFocus(robin.getByLabel(en['campaign.field.name'], { exact: true }))).toBe(true);
    await expectNoSeriousViolations(robin, '/campaigns/{id}/apply with errors (en)');

    await robin.getByLabel(en['campaign.field.name'], { exact: true }).fill('Robin Kandidat');
    await robin.getByLabel(en['campaign.field.email'], { exact: true }).fill(CANDIDATE);
    await tick(robin.getByLabel(HAMNVARVET));
    await tick(robin.getByLabel(KODKUSTEN));
    await robin.getByLabel(en['campaign.field.letter'], { exact: true }).fill('I build embedded systems.');
    await robin.getByLabel(en['campaign.field.cv'], { exact: true }).fill('https://example.se/robin-cv');
    await robin.getByLabel(en['campaign.field.earliestStart'], { exact: true }).fill('2027-04-01');
    await tick(robin.getByLabel(en['campaign.field.yes'], { exact: true }));
    await robin.getByRole('button', { name: en['campaign.apply.submit'] }).focus();
    await pressEnter(robin, /notice=sent/);
    expect(await robin.getByRole('status').textContent()).toBe(en['campaign.apply.sent']);
    await expectNoSeriousViolations(robin, '/campaigns/{id}/apply sent (en)');

    // The mailed link confirms the address and leads to the application with both routes.
    await robin.goto(`/dev/mail?to=${encodeURIComponent(CANDIDATE)}`);
    const link = await robin
      .locator('tbody tr')
      .first()
      .getByRole('link', { name: /\/sign-in\/verify/ })
      .getAttribute('href');
    await robin.goto(link ?? '');
    await robin.getByRole('button', { name: en['signIn.verify.submit'], exact: true }).focus();
    await pressEnter(robin, /\/campaign-applications\/[^/]+$/);
    const routes = robin.getByRole('table', { name: en['campaign.mine.routes'] });
    expect(await routes.locator('tbody tr').count()).toBe(2);
    for (const name of [HAMNVARVET, KODKUSTEN])
      expect(await routes.locator('tr', { hasText: name }).textContent()).toContain(en['campaign.status.received']);
    await expectNoSeriousViolations(robin, '/campaign-applications/{id} (en)');
    const applicationPath = new URL(robin.url()).pathname;
    const applicationId = applicationPath.split('/').pop() ?? '';

    // Robin takes it back from Kodkusten.
    await routes
      .locator('tr', { hasText: KODKUSTEN })
      .getByRole('button', { name: en['campaign.mine.withdraw'] })
      .focus();
    await pressEnter(robin, /\/campaign-applications\/[^/]+/);
    expect(await robin.getByRole('status').textContent()).toBe(en['campaign.mine.withdrawn']);
    const after = robin.getByRole('table', { name: en['campaign.mine.routes'] });
    expect(await after.locator('tr', { hasText: KODKUSTEN }).textContent()).toContain(en['campaign.status.withdrawn']);
    expect(await after.locator('tr', { hasText: HAMNVARVET }).textContent()).toContain(en['campaign.status.received']);
    await saveScreenshot(robin, 'campaign-application-en-1280');

    // Anna (Hamnvarvet, Swedish) finds the application among her organisation's and reads her copy.
    const hamnvarvet = demoOrganisationId('hamnvarvet');
    const anna = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 390, height: 844 } });
    await signInThroughOutbox(anna, 'anna@hamnvarvet.kompetensbron.example');
    await anna.goto(`/organisations/${hamnvarvet}`);
    await anna.getByRole('link', { name: sv['campaign.org.link'], exact: true }).focus();
    await pressEnter(anna, /\/campaigns$/);
    await expectNoSeriousViolations(anna, '/organisations/{id}/campaigns (sv, narrow)');
    await anna.getByRole('link', { name: 'Robin Kandidat', exact: true }).focus();
    await pressEnter(anna, new RegExp(`/campaign-applications/${applicationId}$`));
    const copy = (await anna.locator('main').textContent()) ?? '';
    expect(copy).toContain(CANDIDATE);
    expect(copy).toContain('I build embedded systems.');
    // Her own copy only: nothing of the other employer the candidate chose.
    expect(copy).not.toContain(KODKUSTEN);
    await expectNoSeriousViolations(anna, '/organisations/{id}/campaign-applications/{id} (sv, narrow)');
    await saveScreenshot(anna, 'campaign-received-sv-390');

    // Kodkusten's member reads the copy as withdrawn; a third organisation's member gets 404.
    const lina = await harness.openAuditedPage({ locale: 'sv-SE' });
    await signInThroughOutbox(lina, 'lina@kodkusten.kompetensbron.example');
    await lina.goto(`/organisations/${demoOrganisationId('kodkusten')}/campaigns`);
    const row = lina.locator('tr', { hasText: 'Robin Kandidat' });
    expect(await row.textContent()).toContain(sv['campaign.status.withdrawn']);
    const opened = await anna.goto(
      `/organisations/${demoOrganisationId('kodkusten')}/campaign-applications/${applicationId}`,
    );
    expect(opened?.status()).toBe(404);
  }, 150_000);
});
