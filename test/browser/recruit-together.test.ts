import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.ts';
import { createJsonLogger } from '../../src/core/logger.ts';
import { sv } from '../../src/messages.ts';
import { createNodeDeps } from '../../src/node/app-deps.ts';
import { openDatabase } from '../../src/node/database.ts';
import { followUpJob } from '../../src/recruitment/follow-ups/jobs.ts';
import { stockholmDate } from '../../src/recruitment/move-cases/queries.ts';
import { demoOrganisationId } from '../../src/seed/demo.ts';
import { chromiumAvailable } from './support/browser.ts';
import { expectNoSeriousViolations, saveScreenshot, useBrowserHarness } from './support/harness.ts';
import { signInThroughOutbox } from './support/sign-in.ts';

/**
 * Issue 19's first acceptance point, end to end in Chromium, in Swedish and by keyboard only (focus,
 * Tab, Enter, Space, arrow keys and typing; no clicks), axe on every page visited: a need line → a
 * move case with a partner → the partner's profile shared with two organisations → an anonymous
 * notice → the partner accepts one → contact → hired → the 3-month follow-up.
 */

const RECRUIT = { name: 'Rut Rekryt', email: 'rut.rekryt@example.se' };
const PARTNER = { name: 'Pelle Partner', email: 'pelle.partner@example.se' };
const ANNA = 'anna@hamnvarvet.kompetensbron.example';
const LINA = 'lina@kodkusten.kompetensbron.example';
const GUIDE = 'lotta.lots@kompetensbron.example';
const DAY_MS = 86_400_000;

const hasFocus = (target: Locator) => target.evaluate((element) => element === document.activeElement);
const mainText = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');

/** Focuses a control (as Tab would reach it) and presses Enter, waiting for the page it leads to. */
async function enterOn(page: Page, target: Locator, url?: RegExp) {
  await target.focus();
  try {
    // A navigation that commits after the press, not the address already shown: a form that posts back to
    // the page it is on ends on the same address.
    await Promise.all([
      url
        ? page.waitForEvent('framenavigated', {
            predicate: (frame) => frame === page.mainFrame() && url.test(frame.url()),
            timeout: 15_000,
          })
        : page.waitForLoadState('load'),
      page.keyboard.press('Enter'),
    ]);
  } catch (err) {
    throw new Error(`Enter did not lead to ${url}; the page at ${page.url()} says: ${await mainText(page)}`, {
      cause: err,
    });
  }
  await page.waitForLoadState('load');
}

/** Ticks a checkbox or radio button with the space bar. */
async function space(target: Locator) {
  await target.focus();
  await target.press('Space');
  expect(await target.isChecked()).toBe(true);
}

/** Picks the first suggestion of a taxonomy picker by typing, the down arrow and Enter. */
async function pick(page: Page, combobox: Locator, typed: string, chip: string) {
  await combobox.focus();
  await combobox.pressSequentially(typed);
  await page.getByRole('option').first().waitFor();
  await combobox.press('ArrowDown');
  await combobox.press('Enter');
  await expect.poll(() => page.getByRole('button', { name: `Ta bort ${chip}` }).count()).toBe(1);
}

/** Follows the newest mailed link to `email` through the development outbox and confirms the sign-in. */
async function signInByMailedLink(page: Page, email: string, landing: RegExp) {
  await page.goto(`/dev/mail?to=${encodeURIComponent(email)}`);
  const link = await page
    .locator('tbody tr')
    .first()
    .getByRole('link', { name: /\/sign-in\/verify/ })
    .getAttribute('href');
  await page.goto(link ?? '');
  await enterOn(page, page.getByRole('button', { name: sv['signIn.verify.submit'], exact: true }), landing);
}

describe.skipIf(!chromiumAvailable())('recruiting together in Chromium', () => {
  const harness = useBrowserHarness();

  it('takes a need line to a move case, the partner’s shared profile to an accepted contact and a hire, and the partner to the 3-month follow-up, by keyboard, with no serious axe violation', async () => {
    const hamnvarvet = demoOrganisationId('hamnvarvet');
    const kodkusten = demoOrganisationId('kodkusten');
    const year = new Date().getUTCFullYear() + 1;
    const today = stockholmDate(new Date());
    const audited = (width = 1280) => harness.openAuditedPage({ locale: 'sv-SE', viewport: { width, height: 900 } });

    // 1. Anna (Hamnvarvet, organisation A) opens a move case from a need line that recruits from
    // outside, with a partner who comes too, and invites the partner on the case page.
    const anna = await audited();
    await signInThroughOutbox(anna, ANNA);
    await anna.goto(`/organisations/${hamnvarvet}/move-cases`);
    await expectNoSeriousViolations(anna, '/organisations/{id}/move-cases');
    await enterOn(
      anna,
      anna.getByRole('link', { name: new RegExp(sv['moveCase.org.open']) }).first(),
      /\/move-cases\/new\?line=/,
    );
    await anna.getByLabel(sv['moveCase.field.recruitName']).fill(RECRUIT.name);
    await anna.getByLabel(sv['moveCase.field.recruitEmail']).fill(RECRUIT.email);
    await space(anna.getByLabel(sv['moveCase.field.yes'], { exact: true }));
    await anna.getByLabel(sv['moveCase.field.children6to15']).fill('1');
    await space(anna.getByLabel(sv['moveCase.field.tenure.rent'], { exact: true }));
    await anna.getByLabel(sv['moveCase.field.housingRooms']).fill('3');
    await space(anna.locator('#field-housingKommuner-1080'));
    await anna.getByLabel(sv['moveCase.field.earliestMove']).fill(`${year}-03`);
    await expectNoSeriousViolations(anna, '/organisations/{id}/move-cases/new');
    await enterOn(
      anna,
      anna.getByRole('button', { name: sv['moveCase.new.submit'] }),
      /\/move-cases\/[^/?]+\?notice=opened/,
    );
    const casePath = new URL(anna.url()).pathname;
    await anna.getByLabel(sv['moveCase.partner.name']).fill(PARTNER.name);
    await anna.getByLabel(sv['moveCase.partner.email']).fill(PARTNER.email);
    await expect.poll(() => hasFocus(anna.getByLabel(sv['moveCase.partner.email']))).toBe(true);
    await anna.keyboard.press('Tab');
    await expect.poll(() => hasFocus(anna.getByRole('button', { name: sv['moveCase.partner.submit'] }))).toBe(true);
    await Promise.all([anna.waitForURL(/notice=partner/), anna.keyboard.press('Enter')]);
    expect(await anna.getByRole('status').textContent()).toContain(sv['moveCase.partner.invited']);
    await expectNoSeriousViolations(anna, '/move-cases/{id} (organisation, partner invited)');

    // 2. The partner signs in by the mailed link, lands on the case (their acceptance), fills in the
    // profile and shares it "to be considered" with Hamnvarvet and with Kodkusten, each by name.
    const partner = await audited(390);
    await signInByMailedLink(partner, PARTNER.email, new RegExp(`${casePath}$`));
    await expectNoSeriousViolations(partner, '/move-cases/{id} (partner)');
    await enterOn(
      partner,
      partner.locator('main').getByRole('link', { name: sv['partnerPage.profile.title'], exact: true }),
      /\/partner\/profile$/,
    );
    await expectNoSeriousViolations(partner, '/partner/profile (empty)');
    const occupations = partner.getByRole('combobox', { name: sv['partnerPage.profile.occupations'] });
    await pick(partner, occupations, 'Civilingenjör, maskin', 'Civilingenjörsyrken inom maskinteknik');
    await pick(partner, occupations, 'mjukvaruutvecklare', 'Mjukvaru- och systemutvecklare m.fl.');
    // Ukrainian as well as Swedish: the words that tell this notice from the demo partner's.
    await space(partner.getByRole('checkbox', { name: 'svenska', exact: true }));
    await space(partner.getByRole('checkbox', { name: 'ukrainska', exact: true }));
    await partner.getByLabel(sv['partnerPage.profile.month'], { exact: true }).selectOption('03');
    await partner.getByLabel(sv['partnerPage.profile.year'], { exact: true }).selectOption(String(year));
    await space(partner.locator('#field-kommuner').getByRole('checkbox', { name: 'Karlskrona', exact: true }));
    await expectNoSeriousViolations(partner, '/partner/profile (filled in)');
    await enterOn(
      partner,
      partner.getByRole('button', { name: sv['partnerPage.profile.save'], exact: true }),
      /\/partner\/profile\?saved/,
    );
    const saved = partner.locator('main p.success[role="status"]');
    expect(await saved.textContent()).toContain(sv['partnerPage.profile.saved']);
    await expectNoSeriousViolations(partner, '/partner/profile (saved)');
    await enterOn(
      partner,
      saved.getByRole('link', { name: sv['partnerPage.profile.sharingLink'] }),
      /\/partner\/sharing$/,
    );
    await expectNoSeriousViolations(partner, '/partner/sharing (nothing shared)');
    for (const organisation of ['Hamnvarvet Marinteknik AB (demo)', 'Kodkusten Mjukvara AB (demo)']) {
      await partner
        .getByLabel(sv['partnerPage.sharing.recipient'], { exact: true })
        .selectOption({ label: organisation });
      await space(partner.getByLabel(sv['partnerPage.sharing.purpose.consider'], { exact: true }));
      await space(partner.getByLabel(sv['partnerPage.sharing.months.6'], { exact: true }));
      await enterOn(
        partner,
        partner.getByRole('button', { name: sv['partnerPage.sharing.submit'], exact: true }),
        /\/partner\/sharing\?notice=given/,
      );
      // The second consent lands on the same address as the first: wait for the table to hold it.
      await expect
        .poll(async () => (await partner.locator('main table').first().textContent()) ?? '')
        .toContain(organisation);
    }
    // Kodkusten also "to tell me about openings": its openings are then the partner's to see, and it learns nothing more.
    await partner
      .getByLabel(sv['partnerPage.sharing.recipient'], { exact: true })
      .selectOption({ label: 'Kodkusten Mjukvara AB (demo)' });
    await space(partner.getByLabel(sv['partnerPage.sharing.purpose.inform'], { exact: true }));
    await space(partner.getByLabel(sv['partnerPage.sharing.months.6'], { exact: true }));
    await enterOn(
      partner,
      partner.getByRole('button', { name: sv['partnerPage.sharing.submit'], exact: true }),
      /\/partner\/sharing\?notice=given/,
    );
    await expect
      .poll(async () => (await partner.locator('main table').first().textContent()) ?? '')
      .toContain(sv['partnerPage.sharing.purpose.inform']);
    await expectNoSeriousViolations(partner, '/partner/sharing (two organisations)');
    await saveScreenshot(partner, 'recruit-together-sharing-sv-390');

    // 3. Each organisation sees an anonymous notice (no name, no address) and says it wants contact.
    const lina = await audited();
    await signInThroughOutbox(lina, LINA);
    // Kodkusten tells the partner, who shares with it to be told, of one of its own openings.
    await lina.goto(`/organisations/${kodkusten}/partner-profiles?purpose=inform`);
    await expectNoSeriousViolations(lina, `/organisations/${kodkusten}/partner-profiles (inform)`);
    const tipForm = lina.locator('main form[action$="/tips"]').first();
    await tipForm.getByLabel(sv['matching.tip.opening'], { exact: true }).selectOption({ index: 1 });
    await tipForm.getByLabel(sv['matching.tip.note'], { exact: true }).fill('Välkommen att höra av dig till Lina!');
    await enterOn(lina, tipForm.getByRole('button', { name: sv['matching.tip.send'], exact: true }), /tipped=/);
    expect(await mainText(lina)).toContain(sv['matching.tip.done']);
    const notices = [
      { page: anna, organisation: hamnvarvet },
      { page: lina, organisation: kodkusten },
    ];
    for (const { page, organisation } of notices) {
      await page.goto(`/organisations/${organisation}/partner-notices`);
      await expectNoSeriousViolations(page, `/organisations/${organisation}/partner-notices`);
      const notice = page.locator('main li[id^="notice-"]', { hasText: 'ukrainska' });
      expect(await notice.count(), await mainText(page)).toBe(1);
      const text = await mainText(page);
      for (const secret of [PARTNER.name, PARTNER.email, 'Pelle', '@example.se']) expect(text).not.toContain(secret);
      await enterOn(
        page,
        notice.getByRole('button', { name: sv['matching.org.interested'], exact: true }),
        /\/partner-notices/,
      );
      expect(await page.locator('main p.success[role="status"]').textContent()).toBe(sv['matching.org.saved']);
      await expectNoSeriousViolations(page, `/organisations/${organisation}/partner-notices (interested)`);
    }

    // 4. The partner accepts Hamnvarvet and declines Kodkusten.
    await partner.goto('/partner/matches');
    await expectNoSeriousViolations(partner, '/partner/matches');
    // Kodkusten's openings that fit, named, with a way to go on.
    const openings = partner.locator('main ul[aria-labelledby="openings"] > li', {
      hasText: 'Kodkusten Mjukvara AB (demo)',
    });
    expect(await openings.count(), await mainText(partner)).toBeGreaterThan(0);
    expect(await openings.first().getByRole('link').count()).toBe(1);
    // And what Kodkusten told, with its note and a way to follow up.
    const tips = partner.locator('main ul[aria-labelledby="tips"] > li', { hasText: 'Kodkusten Mjukvara AB (demo)' });
    expect(await tips.count(), await mainText(partner)).toBe(1);
    expect(await tips.first().textContent()).toContain('Välkommen att höra av dig till Lina!');
    expect(await tips.first().getByRole('link').count()).toBe(1);
    const answers = [
      { organisation: 'Hamnvarvet Marinteknik AB (demo)', button: sv['matching.mine.accept'] },
      { organisation: 'Kodkusten Mjukvara AB (demo)', button: sv['matching.mine.decline'] },
    ];
    for (const { organisation, button } of answers) {
      const match = partner.locator('main li[id^="notice-"]', {
        has: partner.getByRole('heading', { name: organisation, exact: true }),
      });
      await enterOn(partner, match.getByRole('button', { name: button, exact: true }), /\/partner\/matches/);
      expect(await partner.locator('main p.success[role="status"]').textContent()).toBe(sv['matching.mine.answered']);
    }
    await expectNoSeriousViolations(partner, '/partner/matches (answered)');

    // 5. Hamnvarvet sees the partner's name and address; Kodkusten does not.
    await anna.goto(`/organisations/${hamnvarvet}/partner-notices`);
    const contact = anna.locator('main li[id^="notice-"]', { hasText: 'ukrainska' });
    expect(await contact.textContent()).toContain(PARTNER.name);
    expect(await contact.textContent()).toContain(PARTNER.email);
    await lina.goto(`/organisations/${kodkusten}/partner-notices`);
    for (const secret of [PARTNER.name, PARTNER.email]) expect(await mainText(lina)).not.toContain(secret);
    await expectNoSeriousViolations(lina, '/organisations/{id}/partner-notices (declined)');

    // 6. Hamnvarvet records the hire with the first working day.
    await space(contact.getByRole('radio', { name: sv['matching.org.hired'], exact: true }));
    await contact.getByLabel(sv['matching.org.hiredOn']).fill(today);
    await enterOn(
      anna,
      contact.getByRole('button', { name: sv['matching.org.saveOutcome'], exact: true }),
      /\/partner-notices/,
    );
    expect(await anna.locator('main p.success[role="status"]').textContent()).toBe(sv['matching.org.saved']);
    await expectNoSeriousViolations(anna, '/organisations/{id}/partner-notices (hired)');
    await saveScreenshot(anna, 'recruit-together-hired-sv-1280');

    // 7. The guide takes the case and closes it as moved in, with the offer date.
    const lotta = await audited();
    await signInThroughOutbox(lotta, GUIDE);
    await lotta.goto(casePath);
    await enterOn(lotta, lotta.getByRole('button', { name: sv['moveCase.take.submit'] }), /notice=taken/);
    await space(lotta.getByRole('radio', { name: sv['moveCase.outcome.moved-in'], exact: true }));
    await lotta.getByLabel(sv['moveCase.field.offerAcceptedOn']).fill(today);
    await lotta.getByLabel(sv['moveCase.close.movedInOn']).fill(today);
    await lotta.getByLabel(sv['moveCase.close.movedToKommun']).selectOption('1080');
    await expectNoSeriousViolations(lotta, '/move-cases/{id} (guide, closing)');
    await enterOn(lotta, lotta.getByRole('button', { name: sv['moveCase.close.submit'] }), /notice=closed/);
    expect(await lotta.locator('main p.success[role="status"]').textContent()).toContain(sv['moveCase.close.done']);

    // Three months and a few days on, the daily follow-up job runs (as the server's scheduler or
    // `npm run jobs` would, against the same database) and mails the partner the 3-month follow-up.
    await runFollowUpJobAt(harness.env, new Date(Date.now() + 95 * DAY_MS));
    await signInByMailedLink(partner, PARTNER.email, /\/move-follow-ups\/[^/?]+$/);
    await expectNoSeriousViolations(partner, '/move-follow-ups/{id}');
    const yes = (legend: string, label = sv['moveFollowUp.yes']) =>
      partner.getByRole('group', { name: legend }).getByRole('radio', { name: label, exact: true });
    await space(yes(sv['moveFollowUp.q.inRegion']));
    await partner.getByLabel(sv['moveFollowUp.q.kommun']).selectOption('1080');
    await space(yes(sv['moveFollowUp.q.inWorkPartner']));
    await partner.getByLabel(sv['moveFollowUp.q.workSince']).fill(today.slice(0, 7));
    await partner.getByLabel(sv['moveFollowUp.q.occupationGroup']).selectOption({ index: 1 });
    await space(yes(sv['moveFollowUp.q.networkEmployer'], sv['moveFollowUp.network.yes']));
    await enterOn(
      partner,
      partner.getByRole('button', { name: sv['moveFollowUp.submit'], exact: true }),
      /notice=answered/,
    );
    expect(await partner.locator('main p.success[role="status"]').textContent()).toBe(sv['moveFollowUp.answered']);
    await expectNoSeriousViolations(partner, '/move-follow-ups/{id} (answered)');
    await saveScreenshot(partner, 'recruit-together-follow-up-sv-390');
  }, 300_000);
});

/** Runs the follow-up job once at `now` against the server's database, with the server's settings. */
async function runFollowUpJobAt(env: Record<string, string | undefined>, now: Date): Promise<void> {
  const config = loadConfig(env);
  const database = openDatabase(config.databasePath);
  const { deps, closeMail } = await createNodeDeps(config, database, createJsonLogger());
  try {
    const { changed } = await followUpJob.run(deps, now);
    expect(changed).toBeGreaterThan(0);
  } finally {
    closeMail();
    await database.close();
  }
}
