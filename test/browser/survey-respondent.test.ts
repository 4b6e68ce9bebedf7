import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ADMIN_EMAIL } from '../../src/core/config.ts';
import { sv } from '../../src/messages.ts';
import { demoOrganisationId } from '../../src/seed/demo.ts';
import { chromiumAvailable } from './support/browser.ts';
import {
  type BrowserHarness,
  expectNoSeriousViolations,
  saveScreenshot,
  useBrowserHarness,
} from './support/harness.ts';
import { signInThroughOutbox } from './support/sign-in.ts';

const ANNA = 'anna@hamnvarvet.kompetensbron.example';
const ERIK = 'erik@hamnvarvet.kompetensbron.example';
const ORG = demoOrganisationId('hamnvarvet');

const hasFocus = (target: Locator) => target.evaluate((element) => element === document.activeElement);

const signIn = signInThroughOutbox;

/** A new open round for every organisation, made by the secretariat through the API. */
async function openRound(harness: BrowserHarness, name: string): Promise<string> {
  const page = await harness.openPage({ locale: 'sv-SE' });
  await signIn(page, DEMO_ADMIN_EMAIL);
  const now = Date.now();
  const created = await page.request.post('/api/v1/rounds', {
    data: {
      name,
      opensAt: new Date(now - 3_600_000).toISOString(),
      closesAt: new Date(now + 30 * 86_400_000).toISOString(),
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  expect((await page.request.post(`/api/v1/rounds/${id}/open`, { data: {} })).status()).toBe(200);
  await page.context().close();
  return id;
}

/** Presses Tab until the target has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, limit = 120): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if (await hasFocus(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab did not reach ${target} within ${limit} presses`);
}

async function waitForSaved(page: Page): Promise<void> {
  await expect
    .poll(() => page.locator('[data-autosave-status]').textContent(), { timeout: 15_000 })
    .toMatch(/^Sparat \d\d:\d\d$/);
}

/** Chooses an occupation in the combobox with the arrow keys alone. */
async function chooseOccupation(page: Page, need: number, query: string): Promise<void> {
  const box = page.locator(`[id="field-needs.${need}.occupationQuery"]`);
  await tabTo(page, box);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(query, { delay: 20 });
  const listbox = page.locator(`#occupation-options-${need}`);
  await expect.poll(() => box.getAttribute('aria-expanded')).toBe('true');
  expect(await box.getAttribute('role')).toBe('combobox');
  await page.keyboard.press('ArrowDown');
  const active = await box.getAttribute('aria-activedescendant');
  expect(active).toBe(`occupation-options-${need}-0`);
  expect(await listbox.locator(`[id="${active}"]`).getAttribute('aria-selected')).toBe('true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect.poll(() => box.getAttribute('aria-expanded')).toBe('false');
  expect(await page.locator(`[id="chosen-needs.${need}.occupationId"]`).textContent()).toContain('Valt yrke:');
}

async function press(page: Page, target: Locator, key: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press(key);
}

describe.skipIf(!chromiumAvailable())('a respondent answering a survey round, in Chromium', () => {
  const harness = useBrowserHarness();

  it('fills organisation questions and two need lines by keyboard, autosaves, submits and sees the summary with when the region’s figures appear', async () => {
    const roundId = await openRound(harness, 'Kompetensbehov tangentbord');
    const page = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await signIn(page, ANNA);
    await page
      .getByRole('navigation', { name: sv['layout.mainNav'] })
      .getByRole('link', { name: sv['layout.nav.surveys'] })
      .click();
    await page.waitForURL(/\/surveys$/);
    await expectNoSeriousViolations(page, '/surveys');
    await page
      .getByRole('link', { name: `Börja svara på Kompetensbehov tangentbord för Hamnvarvet Marinteknik AB (demo)` })
      .click();
    await page.waitForURL(new RegExp(`/rounds/${roundId}/responses/${ORG}$`));
    await expectNoSeriousViolations(page, 'the empty response form');
    await saveScreenshot(page, 'survey-form-empty-sv-1280');

    // Organisation questions.
    await tabTo(page, page.getByLabel(sv['survey.q.employeesNow']));
    await page.keyboard.type('45');
    await page.keyboard.press('Tab');
    await page.keyboard.type('3');
    await page.keyboard.press('Tab');
    await page.keyboard.type('-2');
    await press(page, page.getByLabel(sv['survey.option.obstacles.few-applicants']), 'Space');
    await press(page, page.getByLabel(sv['survey.option.obstacles.housing']), 'Space');
    // "Ja" also answers a need line's partner question (questionnaire version 2): this is the organisation's.
    const providerInterest = page.getByRole('group', { name: sv['survey.q.providerInterest'] });
    await press(page, providerInterest.getByRole('radio', { name: sv['survey.option.providerInterest.yes'] }), 'Space');
    await press(page, page.getByLabel(sv['survey.q.contactConsent']), 'Space');
    await waitForSaved(page);

    // The first need line is open when the form opens; its focus areas show once the specialisation is ticked.
    const first = page.locator('#need-1');
    await chooseOccupation(page, 0, 'mjukvaru');
    await press(page, first.getByLabel('Tech – digitalisering och smartare samhällen'), 'Space');
    await press(page, first.getByLabel('Mjukvaruutveckling', { exact: true }), 'Space');
    await tabTo(page, first.getByLabel(sv['survey.q.headcount']));
    await page.keyboard.type('3');
    await press(page, first.getByRole('radio', { name: sv['survey.option.horizon.0-1'] }), 'ArrowRight');
    await tabTo(page, first.getByLabel(sv['survey.q.educationLevel']));
    await page.keyboard.type('Kandidat');
    expect(await first.getByLabel(sv['survey.q.educationLevel']).inputValue()).toBe('bachelor');
    await press(page, first.getByRole('radio', { name: sv['survey.option.difficulty.1'] }), 'ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    // The occupation's suggested skills, after the questions every need must answer.
    await expect.poll(() => first.locator('input[name="needs.0.skillIds"]').count()).toBeGreaterThan(0);
    await press(page, first.locator('input[name="needs.0.skillIds"]').first(), 'Space');
    await press(page, first.getByLabel(sv['survey.option.strategies.recruit-local']), 'Space');
    await press(page, first.getByLabel(sv['survey.option.placementKinds.lia']), 'Space');
    await tabTo(page, first.getByLabel(sv['survey.q.placementCount']));
    await page.keyboard.type('2');
    await waitForSaved(page);

    // The second need line: added in the page, with the focus in its first question.
    await press(page, page.getByRole('button', { name: sv['survey.need.add'] }), 'Enter');
    await page.waitForSelector('#need-2');
    expect(await page.getByLabel(sv['survey.q.employeesNow']).inputValue()).toBe('45');
    const second = page.locator('#need-2');
    await chooseOccupation(page, 1, 'svetsare');
    await press(page, second.getByLabel('Smart industri – formningsteknologi och marin teknik'), 'Space');
    await press(page, second.getByLabel('Marin teknik', { exact: true }), 'Space');
    await tabTo(page, second.getByLabel(sv['survey.q.headcount']));
    await page.keyboard.type('2');
    await press(page, second.getByRole('radio', { name: sv['survey.option.horizon.0-1'] }), 'Space');
    await tabTo(page, second.getByLabel(sv['survey.q.educationLevel']));
    await page.keyboard.type('Gymnasial');
    await press(page, second.getByRole('radio', { name: sv['survey.option.difficulty.1'] }), 'ArrowLeft');
    await waitForSaved(page);
    expect(await second.getByRole('radio', { name: sv['survey.option.difficulty.5'] }).isChecked()).toBe(true);
    await saveScreenshot(page, 'survey-form-filled-sv-1280');

    // Submitting leads to the summary: the round is open, so the region's figures are not out yet
    // and the summary says when they will be (an open round publishes none).
    await tabTo(page, page.getByRole('button', { name: sv['survey.submit'], exact: true }));
    await Promise.all([page.waitForURL(/\/summary\?submitted=1$/), page.keyboard.press('Enter')]);
    expect(await page.getByRole('status').textContent()).toContain('Tack! Ert svar är inskickat.');
    const own = await page.locator('table[aria-labelledby="own-needs"]').textContent();
    expect(own).toContain('Mjukvaru- och systemutvecklare m.fl. (2512)');
    expect(own).toContain('Svetsare och gasskärare (7212)');
    expect(await page.locator('table[aria-labelledby="region-demand"]').count()).toBe(0);
    expect(await page.locator('#region-when').textContent()).toMatch(/\d{4}/);
    await expectNoSeriousViolations(page, 'the summary');
    await saveScreenshot(page, 'survey-summary-sv-1280');
  });

  it('shows errors at the fields and a colleague’s conflict with both versions, with no serious axe violation', async () => {
    const roundId = await openRound(harness, 'Kompetensbehov konflikt');
    const path = `/rounds/${roundId}/responses/${ORG}`;
    const erik = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await signIn(erik, ERIK);
    await erik.goto(path);

    // A headcount that is not a number: the error summary takes the focus and links to the field.
    await erik.locator('#need-1').getByLabel(sv['survey.q.headcount']).fill('tio');
    await Promise.all([
      erik.waitForLoadState('load'),
      erik.getByRole('button', { name: sv['survey.saveDraft'] }).click(),
    ]);
    const summary = erik.getByRole('alert');
    await expect.poll(() => hasFocus(summary)).toBe(true);
    expect(await summary.textContent()).toContain(`Behov 1: ${sv['validation.survey.headcount']}`);
    expect(await erik.locator('#need-1').getByLabel(sv['survey.q.headcount']).inputValue()).toBe('tio');
    await expectNoSeriousViolations(erik, 'the response form with errors');
    await saveScreenshot(erik, 'survey-form-errors-sv-1280');
    await erik.keyboard.press('Tab');
    await erik.keyboard.press('Enter');
    await expect.poll(() => hasFocus(erik.locator('[id="field-needs.0.headcount"]'))).toBe(true);
    await erik.keyboard.press('ControlOrMeta+A');
    await erik.keyboard.type('4');
    await waitForSaved(erik);

    // Anna saves over the same version from her own browser.
    const anna = await harness.openPage({ locale: 'sv-SE' });
    await signIn(anna, ANNA);
    const current = (await (await anna.request.get(`/api/v1${path}`)).json()) as { version: number };
    const put = await anna.request.put(`/api/v1${path}`, {
      data: { version: current.version, organisation: { employeesNow: 99 }, needs: [] },
    });
    expect(put.status()).toBe(200);

    // Erik's next autosave meets the conflict, stops, and keeps his input.
    await erik.getByLabel(sv['survey.q.employeesNow']).fill('12');
    await expect
      .poll(() => erik.locator('[data-autosave-status]').textContent(), { timeout: 15_000 })
      .toContain('har sparat svaret under tiden');
    expect(await erik.getByLabel(sv['survey.q.employeesNow']).inputValue()).toBe('12');

    // Saving without the script's help shows both versions; he takes over deliberately.
    await Promise.all([
      erik.waitForLoadState('load'),
      erik.getByRole('button', { name: sv['survey.saveDraft'] }).click(),
    ]);
    const conflict = erik.locator('section.conflict');
    expect(await conflict.textContent()).toContain('Sparat av Anna Andersson (demo)');
    expect(await conflict.textContent()).toContain('99');
    expect(await erik.getByLabel(sv['survey.q.employeesNow']).inputValue()).toBe('12');
    await expectNoSeriousViolations(erik, 'the response form with a conflict');
    await saveScreenshot(erik, 'survey-form-conflict-sv-1280');
    await Promise.all([
      erik.waitForURL(/saved=1$/),
      erik.getByRole('button', { name: sv['survey.conflict.takeOver'] }).click(),
    ]);
    const stored = (await (await anna.request.get(`/api/v1${path}`)).json()) as {
      organisation: { employeesNow: number };
      needs: { headcount: number }[];
    };
    expect(stored.organisation.employeesNow).toBe(12);
    expect(stored.needs[0]?.headcount).toBe(4);
  });
});
