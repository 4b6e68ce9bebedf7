import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sv } from '../../src/messages.ts';
import { demoOrganisationId } from '../../src/seed/demo.ts';
import { chromiumAvailable } from './support/browser.ts';
import { expectNoSeriousViolations, useBrowserHarness } from './support/harness.ts';
import { signInThroughOutbox } from './support/sign-in.ts';

const hasFocus = (target: Locator) => target.evaluate((element) => element === document.activeElement);

/** Focuses the control and presses Enter, waiting for the page it leads to. */
async function enterOn(page: Page, target: Locator, url: RegExp) {
  await target.focus();
  expect(await hasFocus(target)).toBe(true);
  await Promise.all([page.waitForURL(url), page.keyboard.press('Enter')]);
}

describe.skipIf(!chromiumAvailable())('the recruitment network in Chromium', () => {
  const harness = useBrowserHarness();

  it('is used by an organisation’s member by keyboard (a pledge made and recorded against, leaving behind a tick, joining under the terms) and followed by the secretariat, with no serious axe violation', async () => {
    const hamnvarvet = demoOrganisationId('hamnvarvet');
    const anna = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await signInThroughOutbox(anna, 'anna@hamnvarvet.kompetensbron.example');
    await anna.goto(`/organisations/${hamnvarvet}`);
    await enterOn(anna, anna.getByRole('link', { name: sv['network.page.orgLink'] }), /\/network$/);
    await expectNoSeriousViolations(anna, '/organisations/{id}/network (member)');

    // A pledge, typed by keyboard.
    await anna.getByLabel(sv['network.pledges.text']).fill('Vi intervjuar en partner per kvartal');
    await anna.getByLabel(sv['network.pledges.count']).fill('1');
    await enterOn(anna, anna.getByRole('button', { name: sv['network.pledges.submit'] }), /notice=made/);
    expect(await anna.getByRole('status').textContent()).toContain(sv['network.pledges.made']);

    // Recorded against it on its own page.
    await enterOn(
      anna,
      anna.getByRole('link', { name: new RegExp(sv['network.pledges.recordLink']) }).first(),
      /\/network\/pledges\/[^/?]+$/,
    );
    await expectNoSeriousViolations(anna, '/organisations/{id}/network/pledges/{pledgeId}');
    await enterOn(anna, anna.getByRole('button', { name: sv['network.pledges.recordSubmit'] }), /notice=recorded/);

    // Leaving without the tick is refused in place; with it the terms are shown for joining again.
    await enterOn(anna, anna.getByRole('button', { name: sv['network.leave.submit'] }), /\/network\/leave$/);
    expect(await anna.locator('main').textContent()).toContain(sv['network.validation.leaveConfirm']);
    await expectNoSeriousViolations(anna, '/organisations/{id}/network (leave refused)');
    await anna.getByLabel(sv['network.leave.confirm']).focus();
    await anna.keyboard.press('Space');
    await enterOn(anna, anna.getByRole('button', { name: sv['network.leave.submit'] }), /notice=left/);
    expect(await anna.locator('main').textContent()).toContain(sv['network.terms.member.1']);
    await expectNoSeriousViolations(anna, '/organisations/{id}/network (terms)');
    await anna.getByLabel(sv['network.join.accept']).focus();
    await anna.keyboard.press('Space');
    await enterOn(anna, anna.getByRole('button', { name: sv['network.join.submit'] }), /notice=joined/);

    const visitor = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await visitor.goto('/network');
    expect(await visitor.locator('main').textContent()).toContain(sv['network.page.why.title']);
    await expectNoSeriousViolations(visitor, '/network');

    const secretariat = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await signInThroughOutbox(secretariat, 'sekretariatet@kompetensbron.example');
    await secretariat.goto('/admin');
    await enterOn(
      secretariat,
      secretariat.getByRole('link', { name: sv['network.followUp.title'] }),
      /\/admin\/network$/,
    );
    await expectNoSeriousViolations(secretariat, '/admin/network');
  });
});
