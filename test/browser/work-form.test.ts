import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ADMIN_EMAIL } from '../../src/core/config.ts';
import { demoOrganisationId } from '../../src/seed/demo.ts';
import { chromiumAvailable } from './support/browser.ts';
import {
  type BrowserHarness,
  expectNoSeriousViolations,
  saveScreenshot,
  useBrowserHarness,
} from './support/harness.ts';
import { signInThroughOutbox } from './support/sign-in.ts';

/**
 * The need line's work form (questionnaire version 3, decision 0035) by keyboard: work place and
 * extent are radio groups (Tab into the group, arrows to choose), "open to sharing" a checkbox (Space).
 */
const ANNA = 'anna@hamnvarvet.kompetensbron.example';
const ORG = demoOrganisationId('hamnvarvet');

async function signedIn(harness: BrowserHarness, email: string, audited: boolean): Promise<Page> {
  const options = { locale: 'sv-SE', viewport: { width: 1280, height: 900 } };
  const page = audited ? await harness.openAuditedPage(options) : await harness.openPage(options);
  await signInThroughOutbox(page, email);
  return page;
}

const hasFocus = (target: Locator) => target.evaluate((element) => element === document.activeElement);

describe.skipIf(!chromiumAvailable())('the work form of a need line, in Chromium', () => {
  const harness = useBrowserHarness();

  it('is answered by keyboard — work place, extent, open to sharing — saved, said in the summary, and axe clean', async () => {
    const admin = await signedIn(harness, DEMO_ADMIN_EMAIL, false);
    const now = Date.now();
    const created = await admin.request.post('/api/v1/rounds', {
      data: {
        name: 'Arbetsform',
        opensAt: new Date(now - 3_600_000).toISOString(),
        closesAt: new Date(now + 30 * 86_400_000).toISOString(),
      },
    });
    expect(created.status()).toBe(201);
    const { id: roundId, questionnaireVersion } = (await created.json()) as {
      id: string;
      questionnaireVersion: number;
    };
    expect(questionnaireVersion).toBe(3);
    expect((await admin.request.post(`/api/v1/rounds/${roundId}/open`, { data: {} })).status()).toBe(200);
    await admin.context().close();

    const path = `/rounds/${roundId}/responses/${ORG}`;
    const page = await signedIn(harness, ANNA, true);
    const need = {
      occupationId: 'DJh5_yyF_hEM',
      skillIds: [],
      specialisations: [{ code: 'tech', focusAreas: [] }],
      headcount: 1,
      horizon: '0-1',
      educationLevel: 'bachelor',
      difficulty: 3,
      strategies: [],
      placementOffer: null,
      comment: '',
    };
    expect(
      (await page.request.put(`/api/v1${path}`, { data: { version: 0, organisation: {}, needs: [need] } })).status(),
    ).toBe(200);
    await page.goto(`${path}?line=1#need-1`);
    const workPlace = page.locator('[id="field-needs.0.workPlace"]');
    expect(await workPlace.isVisible()).toBe(true);
    await expectNoSeriousViolations(page, 'a need line with its work form');

    // From the question before it (the partner's work), Tab moves into the work place group.
    await page.locator('[id="field-needs.0.partnerNeedsWork"]').focus();
    await page.keyboard.press('Tab');
    expect(await hasFocus(workPlace)).toBe(true);
    await page.keyboard.press('ArrowRight'); // hybrid
    await page.keyboard.press('Tab');
    expect(await hasFocus(page.locator('[id="field-needs.0.extent"]'))).toBe(true);
    await page.keyboard.press('ArrowRight'); // part-time
    await page.keyboard.press('Tab');
    const sharing = page.locator('[id="field-needs.0.openToSharing"]');
    expect(await hasFocus(sharing)).toBe(true);
    await page.keyboard.press('Space');
    expect(await sharing.isChecked()).toBe(true);

    await expect
      .poll(
        async () =>
          ((await (await page.request.get(`/api/v1${path}`)).json()) as { needs: Record<string, unknown>[] }).needs[0],
        { timeout: 15_000 },
      )
      .toMatchObject({ workPlace: 'hybrid', extent: 'part-time', openToSharing: true });

    await page.goto(path);
    expect(await page.locator('[data-need-facts]:visible').allTextContents()).toEqual([
      'Mjukvaru- och systemutvecklare m.fl. (2512) · 1 person · Inom 1 år · Deltid · Hybrid · kan delas',
    ]);
    await expectNoSeriousViolations(page, 'a finished line with its work form in the summary');
    await saveScreenshot(page, 'need-line-work-form-sv-1280');
  }, 120_000);
});
