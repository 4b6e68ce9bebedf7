import type { BrowserContext, Locator, Page } from 'playwright-core';
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

/**
 * The short need line form (issue 18), measured as a person meets it at 1280 px: how many presses
 * and clicks three lines take, how tall the form is, how far the keyboard travels to "Lägg till
 * behov", whether the save state stays in sight, and whether an error says which line it is about.
 */
const ANNA = 'anna@hamnvarvet.kompetensbron.example';
const ORG = demoOrganisationId('hamnvarvet');
const VIEWPORT = { width: 1280, height: 900 };

const SOFTWARE = 'DJh5_yyF_hEM';
const WELDER = 'wQ1E_Bzk_ZyA';
/** Three lines: a search word, and the start of the group it finds first. */
const LINES = [
  { query: 'mjukvaru', group: 'Mjukvaru- och systemutvecklare m.fl. (2512)' },
  { query: 'svetsare', group: 'Svetsare och gasskärare (7212)' },
  { query: 'sjöingenjör', group: 'Maskinbefäl (3151)' },
];

const hasFocus = (target: Locator) => target.evaluate((element) => element === document.activeElement);

/**
 * Sign-in links are limited to five an address a quarter of an hour: each person signs in once
 * for the file, and later pages start from their cookies.
 */
const sessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();
async function signedIn(harness: BrowserHarness, email: string, audited = true, script = true): Promise<Page> {
  const known = sessions.get(email);
  if (!known && !script) {
    // Signing in takes the script's help (the confirm page); sign in first, then open without it.
    await (await signedIn(harness, email, false)).context().close();
    return signedIn(harness, email, audited, script);
  }
  const options = {
    locale: 'sv-SE',
    viewport: VIEWPORT,
    javaScriptEnabled: script,
    ...(known ? { storageState: known } : {}),
  };
  const page = audited ? await harness.openAuditedPage(options) : await harness.openPage(options);
  if (!known) {
    await signInThroughOutbox(page, email);
    sessions.set(email, await page.context().storageState());
  }
  return page;
}

async function openRound(harness: BrowserHarness, name: string): Promise<string> {
  const page = await signedIn(harness, DEMO_ADMIN_EMAIL, false);
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

/** A finished line as the API stores it. */
const line = (occupationId: string, horizon: string, overrides: Record<string, unknown> = {}) => ({
  occupationId,
  skillIds: [],
  specialisations: [{ code: 'tech', focusAreas: [] }],
  headcount: 2,
  horizon,
  educationLevel: 'bachelor',
  difficulty: 3,
  strategies: [],
  placementOffer: null,
  comment: '',
  ...overrides,
});

/**
 * Counts what a person does besides typing text: clicks, Enter and Space, a choice in a select or a
 * radio group. A click that only puts the caret in a text box before typing is counted apart
 * (`caret`), as part of typing. After every step it checks that the save state is inside the
 * window and that the focused field is not under the bar.
 */
class Person {
  interactions = 0;
  caret = 0;
  tabs = 0;
  steps = 0;
  constructor(
    private readonly page: Page,
    private readonly mode: 'keyboard' | 'mouse',
  ) {}

  private async checked(): Promise<void> {
    this.steps++;
    const state = await this.page.evaluate(() => {
      const status = document.querySelector('[data-autosave-status]')?.getBoundingClientRect();
      const bar = document.querySelector('[data-form-bar]');
      const active = document.activeElement;
      const focused = active && bar && !bar.contains(active) ? active.getBoundingClientRect() : undefined;
      return {
        status: status && { top: status.top, bottom: status.bottom, height: status.height },
        barTop: bar?.getBoundingClientRect().top ?? 0,
        focusedBottom: focused && focused.height > 0 ? focused.bottom : undefined,
        height: window.innerHeight,
      };
    });
    expect(state.status, 'the save state is on the page').toBeDefined();
    expect(state.status?.height ?? 0).toBeGreaterThan(0);
    expect(state.status?.top ?? -1, `step ${this.steps}: save state above the window`).toBeGreaterThanOrEqual(0);
    expect(state.status?.bottom ?? Infinity, `step ${this.steps}: save state below the window`).toBeLessThanOrEqual(
      state.height,
    );
    if (state.focusedBottom !== undefined)
      expect(state.focusedBottom, `step ${this.steps}: the focused field is under the bar`).toBeLessThanOrEqual(
        state.barTop + 1,
      );
  }

  /** Presses Tab until the target has focus, as a keyboard user would (Tab presses are counted apart). */
  async tabTo(target: Locator, limit = 200): Promise<void> {
    for (let presses = 0; presses < limit; presses++) {
      if (await hasFocus(target)) return;
      await this.page.keyboard.press('Tab');
      this.tabs++;
    }
    throw new Error(`Tab did not reach ${target} within ${limit} presses`);
  }

  /** A button, checkbox or radio button: clicked, or reached by Tab and pressed. */
  async press(target: Locator, key: 'Enter' | 'Space' = 'Space'): Promise<void> {
    if (this.mode === 'mouse') await target.click();
    else {
      await this.tabTo(target);
      await this.page.keyboard.press(key);
    }
    this.interactions++;
    await this.checked();
  }

  /** Text typed into a box: clicked into with the mouse (unless the focus is there), reached by Tab with the keyboard. */
  async type(target: Locator, text: string): Promise<void> {
    if (!(await hasFocus(target))) {
      if (this.mode === 'mouse') {
        await target.click();
        this.caret++;
      } else await this.tabTo(target);
    }
    await this.page.keyboard.type(text, { delay: 10 });
    await this.checked();
  }

  async select(target: Locator, value: string, typed: string): Promise<void> {
    if (this.mode === 'mouse') await target.selectOption(value);
    else {
      await this.tabTo(target);
      await this.page.keyboard.type(typed);
    }
    expect(await target.inputValue()).toBe(value);
    this.interactions++;
    await this.checked();
  }

  /** An occupation typed and its first suggestion chosen (clicked, or ArrowDown and Enter). */
  async chooseOccupation(index: number, query: string): Promise<void> {
    const box = this.page.locator(`[id="field-needs.${index}.occupationQuery"]`);
    await this.type(box, query);
    await expect.poll(() => box.getAttribute('aria-expanded')).toBe('true');
    if (this.mode === 'mouse') await this.page.locator(`#occupation-options-${index}-0`).click();
    else {
      await this.page.keyboard.press('ArrowDown');
      await this.page.keyboard.press('Enter');
    }
    this.interactions++;
    await expect.poll(() => box.getAttribute('aria-expanded')).toBe('false');
    await this.checked();
  }
}

/** Enters the required answers of three lines; the first line is there when the form opens. */
async function enterThreeLines(page: Page, person: Person): Promise<void> {
  for (const [i, { query }] of LINES.entries()) {
    const need = page.locator(`#need-${i + 1}`);
    if (i > 0) {
      const before = page.url();
      await person.press(page.getByRole('button', { name: sv['survey.need.add'] }), 'Enter');
      // In the page, without a reload: the focus is in the new line's first question.
      await expect.poll(() => hasFocus(page.locator(`[id="field-needs.${i}.occupationQuery"]`))).toBe(true);
      expect(page.url()).toBe(before);
      expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
      // The finished line before it is a summary now; the new one shows its questions alone.
      expect(await page.locator(`#need-${i} [data-need-body]`).isHidden()).toBe(true);
      expect(await page.locator(`#need-${i} [data-need-summary]`).isVisible()).toBe(true);
      expect(await page.locator(`#need-${i + 1} [data-need-summary]`).isHidden()).toBe(true);
    }
    await person.chooseOccupation(i, query);
    const tech = page.locator(`[id="field-needs.${i}.specialisations-tech"]`);
    // Focus areas show only under a ticked specialisation.
    expect(await need.locator('[data-focus-areas]').nth(1).isVisible()).toBe(false);
    await person.press(tech);
    expect(await tech.isChecked()).toBe(true);
    expect(await need.getByLabel('Mjukvaruutveckling', { exact: true }).isVisible()).toBe(true);
    await person.type(need.getByLabel(sv['survey.q.headcount']), '2');
    await person.press(page.locator(`[id="field-needs.${i}.horizon"]`));
    await person.select(need.getByLabel(sv['survey.q.educationLevel']), 'bachelor', 'Kandidat');
    await person.press(page.locator(`[id="field-needs.${i}.difficulty"]`));
  }
}

describe.skipIf(!chromiumAvailable())('the short need line form, in Chromium at 1280 px', () => {
  const harness = useBrowserHarness();

  for (const mode of ['keyboard', 'mouse'] as const) {
    it(`enters three need lines by ${mode} in at most 20 interactions besides typing, with the save state in sight throughout, and the form at most 3,500 px tall`, async () => {
      const roundId = await openRound(harness, `Tre behov, ${mode}`);
      const path = `/rounds/${roundId}/responses/${ORG}`;
      const page = await signedIn(harness, ANNA);
      await page.goto(path);
      await page.evaluate(() => {
        (window as unknown as { marker?: string }).marker = 'same page';
      });
      await expectNoSeriousViolations(page, 'the form with its first line open');
      const person = new Person(page, mode);
      await enterThreeLines(page, person);
      await expect
        .poll(() => page.locator('[data-autosave-status]').textContent(), { timeout: 15_000 })
        .toMatch(/^Sparat \d\d:\d\d$/);
      const openHeight = await page.evaluate(() => document.documentElement.scrollHeight);
      const lineHeight = await page.locator('#need-3').evaluate((element) => element.getBoundingClientRect().height);
      const controls = await page
        .locator('#response-form')
        .evaluate(
          (element) =>
            [...element.querySelectorAll('input, select, textarea, button, summary')].filter(
              (control) => (control as HTMLElement).offsetParent !== null,
            ).length,
        );
      console.info(
        `need-line-form ${mode}: ${person.interactions} interactions besides typing (+${person.caret} clicks placing the caret), ${person.tabs} Tab presses, save state in sight after ${person.steps} of ${person.steps} steps; ${openHeight} px with the last line still open (that line ${Math.round(lineHeight)} px), ${controls} controls shown`,
      );
      expect(person.interactions).toBeLessThanOrEqual(20);

      const stored = (await (await page.request.get(`/api/v1${path}`)).json()) as {
        needs: { occupationId: string; headcount: number; specialisations: { code: string }[] }[];
      };
      expect(new Set(stored.needs.map((n) => n.occupationId)).size).toBe(3);
      expect(stored.needs.every((n) => n.headcount === 2 && n.specialisations[0]?.code === 'tech')).toBe(true);

      // Back on the page, the three finished lines are summaries.
      await page.reload();
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      console.info(`need-line-form ${mode}: ${height} px with three finished lines`);
      expect(height).toBeLessThanOrEqual(3500);
      expect(await page.locator('[data-need-summary]:visible').count()).toBe(3);
      expect(await page.locator('[data-need-facts]:visible').allTextContents()).toEqual(
        LINES.map((l) => `${l.group} · 2 personer · Inom 1 år`),
      );
      await expectNoSeriousViolations(page, 'the form with three finished lines');
      await saveScreenshot(page, `need-lines-three-finished-${mode}-sv-1280`);
    }, 180_000);
  }

  it('takes at most 40 Tab presses from the top of the page to "Lägg till behov" with six lines', async () => {
    const roundId = await openRound(harness, 'Sex behov');
    const path = `/rounds/${roundId}/responses/${ORG}`;
    const page = await signedIn(harness, ANNA);
    const needs = ['0-1', '1-3', '3-5'].flatMap((horizon) => [line(SOFTWARE, horizon), line(WELDER, horizon)]);
    const put = await page.request.put(`/api/v1${path}`, { data: { version: 0, organisation: {}, needs } });
    expect(put.status()).toBe(200);
    await page.goto(path);
    const add = page.getByRole('button', { name: sv['survey.need.add'] });
    let presses = 0;
    while (!(await hasFocus(add)) && presses < 500) {
      await page.keyboard.press('Tab');
      presses++;
    }
    console.info(`need-line-form: ${presses} Tab presses to "Lägg till behov" with six lines`);
    expect(presses).toBeLessThanOrEqual(40);
  }, 90_000);

  it('names the line of an error in the summary and at the field, and the summary links to the field', async () => {
    const roundId = await openRound(harness, 'Fel på behov 2');
    const path = `/rounds/${roundId}/responses/${ORG}`;
    const page = await signedIn(harness, ANNA);
    const needs = [line(SOFTWARE, '0-1'), line(WELDER, '1-3', { specialisations: [] })];
    expect((await page.request.put(`/api/v1${path}`, { data: { version: 0, organisation: {}, needs } })).status()).toBe(
      200,
    );
    await page.goto(path);
    // The unfinished line is open, the finished one a summary.
    expect(await page.locator('#need-1 [data-need-body]').isHidden()).toBe(true);
    expect(await page.locator('#need-2 [data-need-body]').isVisible()).toBe(true);
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: sv['survey.submit'], exact: true }).click(),
    ]);
    const expected = `Behov 2: ${sv['validation.survey.specialisationRequired']}`;
    const summary = page.getByRole('alert');
    await expect.poll(() => hasFocus(summary)).toBe(true);
    const link = summary.getByRole('link', { name: expected });
    expect(await link.getAttribute('href')).toBe('#field-needs.1.specialisations');
    expect(await page.locator('[id="error-needs.1.specialisations"]').textContent()).toContain(expected);
    expect(await page.locator('[data-autosave-status]').textContent()).toBe(sv['survey.autosave.notSaved']);
    await expectNoSeriousViolations(page, 'the form with an error on line 2');
    await saveScreenshot(page, 'need-lines-error-sv-1280');
    await link.click();
    await expect.poll(() => hasFocus(page.locator('[id="field-needs.1.specialisations"]'))).toBe(true);
  }, 90_000);

  it('flags a line with the same occupation and horizon as another, and keeps both when the person says so', async () => {
    const roundId = await openRound(harness, 'Dubbla behov');
    const path = `/rounds/${roundId}/responses/${ORG}`;
    const page = await signedIn(harness, ANNA);
    const needs = [line(SOFTWARE, '0-1'), line(SOFTWARE, '1-3')];
    expect((await page.request.put(`/api/v1${path}`, { data: { version: 0, organisation: {}, needs } })).status()).toBe(
      200,
    );
    await page.goto(path);
    const warning = page.locator('#need-2 [data-need-duplicate]');
    expect(await warning.isVisible()).toBe(false);
    // Ändra opens the second line in the page; the horizon made the same as the first's is flagged.
    await page.locator('#need-2').getByRole('button', { name: 'Ändra behov 2' }).click();
    expect(await page.locator('#need-2 [data-need-body]').isVisible()).toBe(true);
    expect(await page.locator('#need-2 [data-need-summary]').isHidden()).toBe(true);
    await page.locator('[id="field-needs.1.horizon"]').check();
    await expect.poll(() => warning.isVisible()).toBe(true);
    expect(await warning.textContent()).toContain('Behov 2 har samma yrke och tidshorisont som behov 1.');
    await expectNoSeriousViolations(page, 'a line flagged as a duplicate');
    await saveScreenshot(page, 'need-lines-duplicate-sv-1280');
    await warning.getByRole('button', { name: sv['survey.need.keepBoth'] }).click();
    await expect.poll(() => warning.isVisible()).toBe(false);
    await expect
      .poll(async () => ((await (await page.request.get(`/api/v1${path}`)).json()) as { needs: unknown[] }).needs, {
        timeout: 15_000,
      })
      .toEqual([
        expect.objectContaining({ horizon: '0-1' }),
        expect.objectContaining({ horizon: '0-1', keepSeparate: true }),
      ]);
  }, 90_000);

  it('adds a line without JavaScript by a post that comes back to the form at the new line, #need-2, its target', async () => {
    const roundId = await openRound(harness, 'Utan skript');
    const path = `/rounds/${roundId}/responses/${ORG}`;
    const page = await signedIn(harness, ANNA, false, false);
    await page.goto(path);
    await page.locator('[id="field-needs.0.headcount"]').fill('4');
    await Promise.all([page.waitForURL(/#need-2$/), page.getByRole('button', { name: sv['survey.need.add'] }).click()]);
    expect(new URL(page.url()).pathname).toBe(path);
    expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe('need-2');
    expect(await page.locator('#need-2 [data-need-body]').isVisible()).toBe(true);
    // Every focus area can be reached without the script, folded under its specialisation.
    await page.locator('#need-2 [data-focus-areas] summary').nth(1).click();
    expect(await page.locator('#need-2').getByLabel('Mjukvaruutveckling', { exact: true }).isVisible()).toBe(true);
    expect(await page.locator('[id="field-needs.0.headcount"]').inputValue()).toBe('4');
  }, 90_000);

  it('adds a skill found by searching as a ticked box beside the eight suggested', async () => {
    const roundId = await openRound(harness, 'Sök kompetens');
    const path = `/rounds/${roundId}/responses/${ORG}`;
    const page = await signedIn(harness, ANNA);
    await page.goto(path);
    const box = page.locator('[id="field-needs.0.occupationQuery"]');
    await box.pressSequentially('mjukvaru');
    await page.locator('#occupation-options-0-0').click();
    const skills = page.locator('#need-1 [data-skill-options] input[type="checkbox"]');
    await expect.poll(() => skills.count()).toBe(8);
    const search = page.getByRole('combobox', { name: sv['survey.need.skills.search'] });
    await search.pressSequentially('python');
    await page.getByRole('option', { name: 'Python, programmeringsspråk' }).click();
    const python = page.getByRole('checkbox', { name: 'Python, programmeringsspråk' });
    await expect.poll(() => python.isChecked()).toBe(true);
    expect(await search.inputValue()).toBe('');
    await expectNoSeriousViolations(page, 'a skill chosen by search');
    await expect
      .poll(
        async () =>
          ((await (await page.request.get(`/api/v1${path}`)).json()) as { needs: { skillIds: string[] }[] }).needs[0]
            ?.skillIds,
        {
          timeout: 15_000,
        },
      )
      .toEqual(['qfkh_ZRK_w4W']);
  }, 90_000);
});
